// Sync over real HTTP on both engines: pagination, idempotent push, client ids, scope in both
// directions, a customer leaving and entering scope, open-only bootstrap, the on-demand
// timeline, pokes, and restart.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../shared/model/api';
import type { RunningApi, TestDatabase, Fixture } from './testing/harness';
import {
  TestReplica,
  buildFixture,
  createTestDatabase,
  engineCases,
  http,
  login,
  seedFixture,
  startApi,
} from './testing/harness';
import { openDatabase } from './db';
import { CursorCodec } from './sync/pull';

describe.each(engineCases())('sync on $engine', ({ engine, skip }) => {
  let tdb: TestDatabase;
  let server: RunningApi;
  let fx: Fixture;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    if (skip) return;
    tdb = await createTestDatabase(engine);
    const db = await openDatabase(tdb.config);
    fx = buildFixture();
    await seedFixture(db, fx);
    server = await startApi({ db });
    for (const [name, u] of Object.entries(fx.users)) tokens[name] = await login(server.base, u.email);
    // The server owns the db from here: close it with the server.
    const close = server.close;
    server.close = async () => {
      await close();
      await db.close();
    };
  });
  afterAll(async () => {
    if (skip) return;
    await server?.close();
    await tdb?.drop();
  });

  const replica = (who: string) => new TestReplica(server.base, tokens[who]!);

  it.skipIf(!!skip)('pulls in pages to the end, each change once, the same as one big page', async () => {
    const small = replica('managerX');
    const changes = await small.pullAll(3);
    expect(small.pages).toBeGreaterThan(3);
    const big = replica('managerX');
    const one = await big.pullAll(1000);
    expect(big.pages).toBe(1);
    expect(changes.map((c) => `${c.entity}:${c.id}`).sort()).toEqual(
      one.map((c) => `${c.entity}:${c.id}`).sort(),
    );
    expect(new Set(changes.map((c) => `${c.entity}:${c.id}`)).size).toBe(changes.length);
    // An up-to-date cursor gets nothing more.
    const again = await small.pullOnce(3);
    expect(again).toMatchObject({ changes: [], hasMore: false });
  });

  it.skipIf(!!skip)('shows each role only its scope', async () => {
    const { c1, c2, c3 } = fx.customers;
    const a = replica('tamA');
    await a.pullAll();
    expect(a.ids('customer')).toEqual([c1.id]);
    expect(a.ids('incident').sort()).toEqual([fx.incidents.i1.id, fx.incidents.i1closed.id].sort());
    expect([...a.rows.values()].every((r) => !('customerId' in r!) || r!.customerId === c1.id)).toBe(true);
    expect(a.ids('user')).toHaveLength(6); // the directory is global

    const mx = replica('managerX');
    await mx.pullAll();
    expect(mx.ids('customer').sort()).toEqual([c1.id, c2.id].sort());
    const my = replica('managerY');
    await my.pullAll();
    expect(my.ids('customer')).toEqual([c3.id]);
    const admin = replica('admin');
    await admin.pullAll();
    expect(admin.ids('customer').sort()).toEqual([c1.id, c2.id, c3.id].sort());
  });

  it.skipIf(!!skip)(
    "rejects a change to another TAM's customer with a reason and changes nothing",
    async () => {
      const a = replica('tamA');
      await a.pullAll();
      const id = randomUUID();
      const result = await a.push('incident.create', {
        id,
        customerId: fx.customers.c2.id,
        title: 'x',
        severity: 3,
        channel: 'portal',
        receivedAt: '2026-01-05T10:00:00+09:00',
      });
      expect(result.status).toBe('rejected');
      // The same answer as for a record that does not exist: no existence oracle.
      expect(result.error?.code).toBe('not_found');
      expect(result.error?.message).toMatch(/No such record in your scope/);
      const onIncident = await a.push('incident.setStatus', {
        incidentId: fx.incidents.i2.id,
        from: 'new',
        to: 'in_progress',
        eventId: randomUUID(),
      });
      expect(onIncident.error?.code).toBe('not_found');
      const missing = await a.push('incident.setStatus', {
        incidentId: randomUUID(),
        from: 'new',
        to: 'in_progress',
        eventId: randomUUID(),
      });
      expect(missing.error).toEqual(onIncident.error);
      const b = replica('tamB');
      await b.pullAll();
      expect(b.has('incident', id)).toBe(false);
      expect(b.get('incident', fx.incidents.i2.id)?.status).toBe('new');
    },
  );

  it.skipIf(!!skip)('applies a mutation once however often it is pushed', async () => {
    const a = replica('tamA');
    await a.pullAll();
    const eventId = randomUUID();
    const args = {
      id: eventId,
      incidentId: fx.incidents.i1.id,
      kind: 'note',
      at: '2026-01-05T12:00:00+09:00',
      body: 'once',
      visibility: 'internal',
    };
    const first = await a.push('timeline.append', args, 7);
    const second = await a.push('timeline.append', args, 7);
    expect(first).toEqual({ id: 7, status: 'applied' });
    expect(second).toEqual(first);
    // A different mutation under the same id is not applied either: the id was used.
    const other = await a.push('timeline.append', { ...args, id: randomUUID() }, 7);
    expect(other).toEqual(first);
    const changes = await a.pullAll();
    expect(changes.filter((c) => c.entity === 'timelineEvent' && c.data?.body === 'once')).toHaveLength(1);
    // A rejected mutation is remembered as rejected too.
    const bad = await a.push('timeline.append', { ...args, id: randomUUID(), kind: 'response' }, 8);
    expect(bad.status).toBe('rejected');
    expect(await a.push('timeline.append', { ...args, id: randomUUID(), kind: 'note' }, 8)).toEqual(bad);
    // An id below the last one that was never seen is refused.
    const late = await a.push('timeline.append', { ...args, id: randomUUID() }, 5);
    expect(late.error?.code).toBe('out_of_order');
    const res = await http(server.base, 'POST', '/v1/sync/push', {
      token: tokens.tamA,
      body: { clientId: a.clientId, mutations: [] },
    });
    expect(res.body).toEqual({ results: [], lastMutationId: 8 });
  });

  it.skipIf(!!skip)('refuses a client id that belongs to another user', async () => {
    const a = replica('tamA');
    await a.pullOnce();
    const res = await http(server.base, 'POST', '/v1/sync/pull', {
      token: tokens.tamB,
      body: { clientId: a.clientId, cursor: null },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('client_id_taken');
    const push = await http(server.base, 'POST', '/v1/sync/push', {
      token: tokens.tamB,
      body: { clientId: a.clientId, mutations: [] },
    });
    expect(push.status).toBe(403);
  });

  it.skipIf(!!skip)('refuses a cursor of another user', async () => {
    const a = replica('tamA');
    await a.pullAll();
    const res = await http(server.base, 'POST', '/v1/sync/pull', {
      token: tokens.tamB,
      body: { clientId: `b-${randomUUID()}`, cursor: a.cursor },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_cursor');
  });

  it.skipIf(!!skip)(
    'removes a customer that leaves scope and brings one that enters, with all its rows',
    async () => {
      const a = replica('tamA');
      const b = replica('tamB');
      await a.pullAll(2);
      await b.pullAll(2);
      const c1 = fx.customers.c1.id;
      const c1Rows = [...a.rows.entries()]
        .filter(([, r]) => r?.customerId === c1 || r?.id === c1)
        .map(([k]) => k);
      expect(c1Rows.length).toBeGreaterThan(5);
      expect(c1Rows.some((k) => b.rows.has(k))).toBe(false);

      const mx = replica('managerX');
      await mx.pullAll();
      const moved = await mx.push('customer.update', { customerId: c1, patch: { tamId: fx.users.tamB.id } });
      expect(moved).toEqual({ id: 1, status: 'applied' });

      const removed = await a.pullAll(2);
      expect(removed.filter((c) => c.op === 'delete').length).toBeGreaterThanOrEqual(c1Rows.length);
      for (const k of c1Rows) expect(a.rows.has(k)).toBe(false);
      expect(a.ids('customer')).toEqual([]);

      await b.pullAll(2);
      for (const k of c1Rows) expect(b.rows.has(k)).toBe(true);
      expect(b.get('customer', c1)?.tamId).toBe(fx.users.tamB.id);
      // B's replica equals a fresh bootstrap of B.
      const fresh = replica('tamB');
      await fresh.pullAll();
      expect([...b.rows.keys()].sort()).toEqual([...fresh.rows.keys()].sort());

      // And back: A gets everything again, B loses it.
      await mx.push('customer.update', { customerId: c1, patch: { tamId: fx.users.tamA.id } });
      await a.pullAll(3);
      for (const k of c1Rows) expect(a.rows.has(k)).toBe(true);
      await b.pullAll(3);
      for (const k of c1Rows) expect(b.rows.has(k)).toBe(false);
    },
  );

  it.skipIf(!!skip)('repairs a scope change that happens in the middle of a catch-up', async () => {
    const b = replica('tamB');
    await b.pullAll();
    const mx = replica('managerX');
    await mx.pullAll();
    const c1 = fx.customers.c1.id;
    await mx.push('customer.update', { customerId: c1, patch: { backupTamId: fx.users.tamB.id } });
    await b.pullOnce(2); // catch-up started, not finished
    await mx.push('customer.update', { customerId: c1, patch: { backupTamId: null } });
    await b.pullAll(2);
    expect([...b.rows.values()].some((r) => r?.customerId === c1 || r?.id === c1)).toBe(false);
    const fresh = replica('tamB');
    await fresh.pullAll();
    expect([...b.rows.keys()].sort()).toEqual([...fresh.rows.keys()].sort());
  });

  it.skipIf(!!skip)(
    "skips closed incidents' timelines on an open-only bootstrap and serves them on demand",
    async () => {
      const a = replica('tamA');
      await a.pullAll(1000, 'open-only');
      const events = a.ids('timelineEvent').map((id) => a.get('timelineEvent', id)!);
      expect(events.some((e) => e.incidentId === fx.incidents.i1closed.id)).toBe(false);
      expect(events.some((e) => e.incidentId === fx.incidents.i1.id)).toBe(true);
      expect(a.has('incident', fx.incidents.i1closed.id)).toBe(true);

      const res = await http(server.base, 'GET', `/v1/incidents/${fx.incidents.i1closed.id}/timeline`, {
        token: tokens.tamA,
      });
      expect(res.status).toBe(200);
      expect(res.body.incidentId).toBe(fx.incidents.i1closed.id);
      expect(res.body.events).toHaveLength(3);
      // Later events of a closed incident arrive by pull as usual.
      const full = replica('tamA');
      await full.pullAll(1000, 'all');
      expect(full.ids('timelineEvent').length).toBeGreaterThan(a.ids('timelineEvent').length);
    },
  );

  type Staged = { changes: Change[]; hasMore: boolean; stage?: string };
  /** Pulls to the end, keeping each page's stage. */
  const pullStaged = async (
    r: TestReplica,
    limit: number,
    timelines?: 'all' | 'open-only',
    until?: (page: Staged) => boolean,
  ): Promise<Staged[]> => {
    const pages: Staged[] = [];
    for (let i = 0; i < 10_000; i++) {
      const page = (await r.pullOnce(limit, timelines)) as Staged;
      pages.push(page);
      if (!page.hasMore || until?.(page)) return pages;
    }
    throw new Error('pull did not end');
  };
  const versions = (r: TestReplica) =>
    new Map([...r.rows].map(([k, row]) => [k, (row as { version?: number }).version]));
  const isEvent = (c: Change) => c.entity === 'timelineEvent';
  /** The catch-up stage a replica's cursor stands in (0: records, 1: open timelines, ...; null: none). */
  const cursorStage = (r: TestReplica): number | null => {
    if (!r.cursor) return null;
    const state = JSON.parse(Buffer.from(r.cursor.split('.')[0]!, 'base64url').toString('utf8')) as {
      t?: string;
      k?: number;
    };
    return state.t === undefined ? null : (state.k ?? 0);
  };
  /** Pulls until the cursor stands in `stage` of a catch-up (the pull must get there). */
  const pullUntilStage = async (
    r: TestReplica,
    limit: number,
    stage: number,
    timelines?: 'all' | 'open-only',
  ) => {
    for (let i = 0; i < 10_000; i++) {
      const page = await r.pullOnce(limit, timelines);
      if (cursorStage(r) === stage) return;
      if (!page.hasMore) throw new Error(`the pull ended before stage ${stage}`);
    }
  };

  it.skipIf(!!skip)(
    'bootstraps open work first: records and open timelines, then closed incidents, then closed timelines, each once',
    async () => {
      // Interleave events with other rows in version order, as real use does.
      const a = replica('tamA');
      const incidentId = randomUUID();
      await a.push('incident.create', {
        id: incidentId,
        customerId: fx.customers.c1.id,
        title: 'staged',
        severity: 3,
        channel: 'portal',
        receivedAt: '2026-01-05T10:00:00+09:00',
      });
      await a.push('timeline.append', {
        id: randomUUID(),
        incidentId,
        kind: 'note',
        at: '2026-01-05T11:00:00+09:00',
        body: 'between',
        visibility: 'internal',
      });
      await a.push('customer.update', { customerId: fx.customers.c1.id, patch: { nameLatin: 'Alpha Corp' } });
      await a.push('timeline.append', {
        id: randomUUID(),
        incidentId,
        kind: 'call',
        at: '2026-01-05T12:00:00+09:00',
        body: 'after',
        visibility: 'internal',
      });
      const closedId = fx.incidents.i1closed.id;
      const isClosed = (c: Change) =>
        (c.entity === 'incident' && c.id === closedId) ||
        (isEvent(c) && (c.data as { incidentId?: string } | undefined)?.incidentId === closedId);

      for (const timelines of ['all', 'open-only'] as const) {
        const r = replica('managerX');
        const pages = await pullStaged(r, 3, timelines);
        const changes = pages.flatMap((p) => p.changes);
        // Stages only move forward, and every page says where it stands.
        const order = ['records', 'closed-incidents', 'closed-timelines', 'changes'];
        const stages = pages.map((p) => order.indexOf(p.stage ?? ''));
        expect(
          stages.every((k, i) => k >= 0 && (i === 0 || k >= stages[i - 1]!)),
          `${timelines}: ${pages.map((p) => p.stage).join(',')}`,
        ).toBe(true);
        expect(pages.filter((p) => p.stage === 'records').length).toBeGreaterThan(3);
        expect(pages.some((p) => p.stage === 'closed-timelines')).toBe(timelines === 'all');
        expect(pages.at(-1)!.stage).toBe('changes');
        // Open work first: every open incident and its whole timeline, nothing of the closed
        // incident; the page that ends this stage (the first not 'records') may begin the next.
        const firstDone = pages.findIndex((p) => p.stage !== 'records');
        const usable = pages.slice(0, firstDone + 1).flatMap((p) => p.changes);
        const split = changes.findIndex(isClosed);
        const first = changes.slice(0, split);
        for (const open of [fx.incidents.i1.id, fx.incidents.i2.id, incidentId]) {
          expect(first.some((c) => c.entity === 'incident' && c.id === open)).toBe(true);
          const events = changes.filter((c) => isEvent(c) && c.data?.incidentId === open);
          expect(events.length).toBeGreaterThan(0);
          expect(first).toEqual(expect.arrayContaining(events));
        }
        expect(usable.length).toBeGreaterThanOrEqual(first.length);
        // Within the first stage, records come before the events; events are grouped by
        // incident, in (incident, version) order.
        const firstEvents = first.filter(isEvent);
        expect(first.findIndex(isEvent)).toBeGreaterThan(first.findLastIndex((c) => !isEvent(c)));
        const pos = (c: Change) => [String(c.data!.incidentId), Number(c.data!.version)] as const;
        for (let i = 1; i < firstEvents.length; i++) {
          const [pa, va] = pos(firstEvents[i - 1]!);
          const [pb, vb] = pos(firstEvents[i]!);
          expect(pa < pb || (pa === pb && va < vb)).toBe(true);
        }
        // Then the closed incident, then (all) its timeline.
        const rest = changes.slice(split);
        expect(rest.map((c) => c.entity)).toEqual(
          timelines === 'all'
            ? ['incident', 'timelineEvent', 'timelineEvent', 'timelineEvent']
            : ['incident'],
        );
        expect(rest.every(isClosed)).toBe(true);
        // Each row once, the same rows (and versions) as one big page.
        const keys = changes.map((c) => `${c.entity}:${c.id}`);
        expect(new Set(keys).size).toBe(keys.length);
        const big = replica('managerX');
        const one = await pullStaged(big, 1000, timelines);
        expect(one).toHaveLength(1);
        expect(one[0]!.stage).toBe('changes');
        expect(versions(r)).toEqual(versions(big));
        expect(r.ids('timelineEvent').length).toBeGreaterThan(3);
      }
    },
  );

  it.skipIf(!!skip)("a timeline event's delete names its incident", async () => {
    const c1 = fx.customers.c1.id;
    const mx = replica('managerX');
    await mx.pullAll();
    const b = replica('tamB');
    await b.pullAll();
    expect(
      await mx.push('customer.update', { customerId: c1, patch: { backupTamId: fx.users.tamB.id } }),
    ).toMatchObject({ status: 'applied' });
    await b.pullAll();
    const incidentOf = new Map(
      b.ids('timelineEvent').map((id) => [id, b.get('timelineEvent', id)!.incidentId]),
    );
    expect(await mx.push('customer.update', { customerId: c1, patch: { backupTamId: null } })).toMatchObject({
      status: 'applied',
    });
    const gone = (await b.pullAll()).filter((c) => c.op === 'delete' && c.entity === 'timelineEvent');
    expect(gone.length).toBeGreaterThan(0);
    for (const c of gone) {
      expect(incidentOf.has(c.id)).toBe(true);
      expect(c.parentId).toBe(incidentOf.get(c.id));
    }
  });

  it.skipIf(!!skip)('still converges when the scope changes during either stage of a catch-up', async () => {
    const c1 = fx.customers.c1.id;
    const mx = replica('managerX');
    await mx.pullAll();
    const setBackup = async (backupTamId: string | null) =>
      expect(await mx.push('customer.update', { customerId: c1, patch: { backupTamId } })).toMatchObject({
        status: 'applied',
      });
    const expectFresh = async (r: TestReplica, timelines?: 'all' | 'open-only') => {
      const fresh = replica('tamB');
      await fresh.pullAll(1000, timelines);
      expect(versions(r)).toEqual(versions(fresh));
    };
    const inEvents = (p: Staged) => p.stage === 'closed-timelines';

    // c1 enters B's scope, and leaves again while its closed timelines are coming.
    const b = replica('tamB');
    await b.pullAll(2);
    await setBackup(fx.users.tamB.id);
    const entering = await pullStaged(b, 2, undefined, inEvents);
    expect(entering.at(-1)!.stage).toBe('closed-timelines');
    // (c1's own row changed after the catch-up's s: it comes with the changes, at the end.)
    expect(b.get('incident', fx.incidents.i1.id)).toBeDefined();
    await setBackup(null);
    await b.pullAll(2);
    expect([...b.rows.values()].some((r) => r?.customerId === c1 || r?.id === c1)).toBe(false);
    await expectFresh(b);

    // A bootstrap in its open-timelines stage when c1 enters, then the closed-timelines
    // stage of c1's catch-up when an event of c1 is added and an incident changes.
    const c = replica('tamB');
    await pullUntilStage(c, 1, 1, 'all');
    await setBackup(fx.users.tamB.id);
    const mid = await pullStaged(c, 2, 'all', inEvents);
    expect(mid.at(-1)!.stage).toBe('closed-timelines');
    const a = replica('tamA');
    await a.push('timeline.append', {
      id: randomUUID(),
      incidentId: fx.incidents.i1.id,
      kind: 'note',
      at: '2026-01-06T09:00:00+09:00',
      body: 'during',
      visibility: 'internal',
    });
    await a.push('incident.setSeverity', {
      incidentId: fx.incidents.i1.id,
      severity: 2,
      eventId: randomUUID(),
    });
    await c.pullAll(2, 'all');
    await expectFresh(c, 'all');
    expect(c.get('customer', c1)).toBeDefined();
    await setBackup(null);
    await c.pullAll(2, 'all');
    await expectFresh(c, 'all');
  });

  it.skipIf(!!skip)(
    "open-only: an open incident closed while the open timelines' stage runs still gets its whole timeline",
    async () => {
      const a = replica('tamA');
      const incidentId = randomUUID();
      await a.push('incident.create', {
        id: incidentId,
        customerId: fx.customers.c1.id,
        title: 'closing soon',
        severity: 3,
        channel: 'portal',
        receivedAt: '2026-01-05T10:00:00+09:00',
      });
      await a.push('timeline.append', {
        id: randomUUID(),
        incidentId,
        kind: 'note',
        at: '2026-01-05T11:00:00+09:00',
        body: 'before',
        visibility: 'internal',
      });
      const r = replica('tamA');
      await pullUntilStage(r, 1, 1, 'open-only'); // in the open incidents' timelines
      expect(r.get('incident', incidentId)?.status).toBe('new'); // the client counts on its whole timeline
      await a.push('incident.recordResponse', {
        incidentId,
        eventId: randomUUID(),
        at: '2026-01-05T12:00:00+09:00',
        body: 'fixed',
        isAnswer: true,
      });
      await a.push('incident.setStatus', { incidentId, from: 'new', to: 'resolved', eventId: randomUUID() });
      await r.pullAll(1, 'open-only');
      const res = await http(server.base, 'GET', `/v1/incidents/${incidentId}/timeline`, {
        token: tokens.tamA,
      });
      const all = (res.body.events as Array<{ id: string }>).map((e) => e.id).sort();
      expect(all).toHaveLength(3);
      expect(
        r
          .ids('timelineEvent')
          .filter((id) => r.get('timelineEvent', id)?.incidentId === incidentId)
          .sort(),
      ).toEqual(all);
    },
  );

  type CursorState = Parameters<CursorCodec['encode']>[0];
  it.skipIf(!!skip)(
    'accepts a catch-up cursor issued before the stages (no k) and loses nothing',
    async () => {
      const db = await openDatabase(tdb.config);
      try {
        const codec = await CursorCodec.load(db);
        const stateOf = (cursor: string) =>
          JSON.parse(Buffer.from(cursor.split('.')[0]!, 'base64url').toString('utf8')) as Record<
            string,
            unknown
          >;
        const big = replica('managerX');
        await big.pullAll(1000, 'all');
        // An older server's catch-up cursor: one walk by version over every row, done up to p,
        // the client holding every row up to p (events included).
        const r = replica('managerX');
        await r.pullOnce(3, 'all');
        const state = stateOf(r.cursor!);
        expect(state).toMatchObject({ t: expect.any(String), p: expect.any(Number) });
        expect(state.k).toBeUndefined();
        const sorted = [...versions(big).values()].map(Number).sort((x, y) => x - y);
        const p = sorted[Math.floor(sorted.length / 2)]!;
        r.rows.clear();
        for (const [k, row] of big.rows)
          if (Number((row as { version: number }).version) <= p) r.rows.set(k, row);
        expect([...r.rows.keys()].some((k) => k.startsWith('timelineEvent:'))).toBe(true);
        r.cursor = codec.encode({ ...state, p } as unknown as CursorState);
        await r.pullAll(3, 'all');
        expect(versions(r)).toEqual(versions(big));

        // The open timelines' cursor carries k: 1 and the incident reached (q); k beyond 3 is refused.
        const e = replica('managerX');
        await pullUntilStage(e, 2, 1, 'all');
        const inEvents = stateOf(e.cursor!);
        expect(inEvents).toMatchObject({ k: 1, q: expect.any(String) });
        const res = await http(server.base, 'POST', '/v1/sync/pull', {
          token: tokens.managerX,
          body: {
            clientId: e.clientId,
            cursor: codec.encode({ ...inEvents, k: 4 } as unknown as CursorState),
          },
        });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('invalid_cursor');
        // An events cursor of a server before the open-work order (k: 1, events by version,
        // no q): the events are sent again from the start, nothing is missed.
        const { q: _q, ...legacy } = inEvents;
        e.cursor = codec.encode({ ...legacy } as unknown as CursorState);
        await e.pullAll(2, 'all');
        expect(versions(e)).toEqual(versions(big));
      } finally {
        await db.close();
      }
    },
  );

  it.skipIf(!!skip)('checks scope on the timeline endpoint', async () => {
    const res = await http(server.base, 'GET', `/v1/incidents/${fx.incidents.i2.id}/timeline`, {
      token: tokens.tamA,
    });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    const bad = await http(server.base, 'GET', '/v1/incidents/not-a-uuid/timeline', { token: tokens.tamA });
    expect(bad.status).toBe(400);
    const anon = await http(server.base, 'GET', `/v1/incidents/${fx.incidents.i1.id}/timeline`);
    expect(anon.status).toBe(401);
  });

  it.skipIf(!!skip)('pokes a subscriber whose scope changed, and not the others', async () => {
    const openStream = async (token: string) => {
      const controller = new AbortController();
      const res = await fetch(`${server.base}/v1/sync/events`, {
        headers: { authorization: `Bearer ${token}` },
        signal: controller.signal,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
      const reader = res.body!.getReader();
      let text = '';
      const decoder = new TextDecoder();
      const readUntil = async (needle: string) => {
        while (!text.includes(needle)) {
          const { value, done } = await reader.read();
          if (done) throw new Error('stream ended');
          text += decoder.decode(value);
        }
      };
      return { readUntil, text: () => text, close: () => controller.abort() };
    };
    const streamB = await openStream(tokens.tamB!);
    const streamC = await openStream(tokens.tamC!);
    await streamB.readUntil('event: ready');
    await streamC.readUntil('event: ready');
    const b = replica('tamB');
    await b.push('timeline.append', {
      id: randomUUID(),
      incidentId: fx.incidents.i2.id,
      kind: 'note',
      at: '2026-01-06T12:00:00+09:00',
      body: 'poke me',
      visibility: 'internal',
    });
    await streamB.readUntil('event: poke');
    // C's scope (team Y) was not touched: make a change in C's scope and see that it is C's first poke.
    const c = replica('tamC');
    await c.push('customer.update', {
      customerId: fx.customers.c3.id,
      patch: { nameLatin: 'Gamma Holdings' },
    });
    await streamC.readUntil('event: poke');
    expect(streamC.text().split('event: poke').length - 1).toBe(1);
    streamB.close();
    streamC.close();
  });

  it.skipIf(!!skip)('keeps all data across a restart', async () => {
    const a = replica('tamA');
    await a.pullAll();
    const id = randomUUID();
    expect(
      (
        await a.push('incident.create', {
          id,
          customerId: fx.customers.c1.id,
          title: 'survives',
          severity: 2,
          channel: 'phone',
          receivedAt: '2026-01-07T10:00:00+09:00',
        })
      ).status,
    ).toBe('applied');
    await server.close();
    const db = await openDatabase(tdb.config);
    server = await startApi({ db });
    const close = server.close;
    server.close = async () => {
      await close();
      await db.close();
    };
    // The session survives too.
    const after = new TestReplica(server.base, tokens.tamA!);
    await after.pullAll();
    expect(after.get('incident', id)?.title).toBe('survives');
  });
});
