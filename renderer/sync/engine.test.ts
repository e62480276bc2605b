// @vitest-environment node
// The sync engine against the real central API on loopback (SQLite in a temp file, demo
// data) with fake-indexeddb replicas. The transport is the bridge's own HTTP code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type AppOptions, type TamApi } from '../../server/app';
import { seedDemo } from '../../server/seed/demo';
import { sendApiRequest, type FetchLike } from '../../shared/bridge/api-calls';
import type { Incident } from '../../shared/model/entities';
import { isOpenStatus } from '../../shared/incidents/open';
import type { Actor } from '../../shared/mutations';
import { newId } from '../../shared/sync/ids';
import { ReplicaDb, rowKey } from '../replica/db';
import { isReplicaUsable } from '../replica/meta';
import { closedHistoryState } from '../replica/closed-history';
import { mutateReplica } from '../replica/mutate';
import { getEvent } from '../replica/timelines';
import * as q from '../replica/queries';
import { SyncEngine, type SyncOutcome } from './engine';
import type { Transport, TransportResponse } from './transport';

interface Server {
  api: TamApi;
  url: string;
  dir: string;
}

async function startServer(options: Pick<AppOptions, 'pushQuota'> = {}): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'tam-sync-test-'));
  const api = await createApi({
    db: { kind: 'sqlite', file: join(dir, 'api.sqlite') },
    heartbeatMs: 60_000,
    ...options,
  });
  await seedDemo(api.db, 'demo');
  const url = await api.app.listen({ host: '127.0.0.1', port: 0 });
  return { api, url, dir };
}

async function stopServer(s: Server): Promise<void> {
  await s.api.close();
  rmSync(s.dir, { recursive: true, force: true });
}

interface Login {
  token: string;
  actor: Actor;
}

async function login(server: Server, email: string): Promise<Login> {
  const res = await fetch(`${server.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo' }),
  });
  const body = (await res.json()) as { token: string; user: { id: string; role: Actor['role'] } };
  const me = (await (
    await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${body.token}` } })
  ).json()) as {
    user: { team: string };
  };
  return { token: body.token, actor: { id: body.user.id, role: body.user.role, team: me.user.team } };
}

/** The bridge's HTTP code, with switches to simulate the network. */
class TestTransport implements Transport {
  offline = false;
  /** The next push reaches the server but its answer is lost on the way back. */
  dropNextPushAnswer = false;
  /** Runs before the next pull request is sent (once). */
  beforePull: (() => Promise<void>) | null = null;
  /** Answers a push 500 without forwarding it when this says so (a server failing on a change). */
  failPush: ((mutations: Array<{ id: number; name: string; args: unknown }>) => boolean) | null = null;
  /** Every request answers 500 (the server fails on everything, e.g. its database is down). */
  down = false;
  readonly calls: { method: string; path: string; body: unknown; status: number }[] = [];

  constructor(
    public server: Server,
    public token: string,
  ) {}

  async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<TransportResponse> {
    if (this.offline) return { status: 0, error: { code: 'network', message: 'offline (test)' } };
    if (this.down) {
      this.calls.push({ method, path, body, status: 500 });
      return { status: 500, body: { error: { code: 'internal', message: 'down (test)' } } };
    }
    if (
      path === '/v1/sync/push' &&
      this.failPush?.((body as { mutations: Array<{ id: number; name: string; args: unknown }> }).mutations)
    ) {
      this.calls.push({ method, path, body, status: 500 });
      return {
        status: 500,
        body: { error: { code: 'internal', message: 'Something went wrong on the server (test).' } },
      };
    }
    if (path === '/v1/sync/pull' && this.beforePull) {
      const hook = this.beforePull;
      this.beforePull = null;
      await hook();
    }
    const res = await sendApiRequest(fetch as unknown as FetchLike, this.server.url, this.token, {
      method,
      path,
      ...(body === undefined ? {} : { body }),
    });
    this.calls.push({ method, path, body, status: res.status });
    if (path === '/v1/sync/push' && this.dropNextPushAnswer) {
      this.dropNextPushAnswer = false;
      return { status: 0, error: { code: 'network', message: 'connection reset (test)' } };
    }
    return res;
  }
}

const dbs: ReplicaDb[] = [];
let dbCounter = 0;
function replica(): ReplicaDb {
  const db = new ReplicaDb(`engine-${dbCounter++}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  dbs.push(db);
  return db;
}

interface Client {
  db: ReplicaDb;
  engine: SyncEngine;
  transport: TestTransport;
  actor: Actor;
}

async function client(
  server: Server,
  email: string,
  options: { pullLimit?: number; pushBatchSize?: number; timelinePageLimit?: number } = {},
): Promise<Client> {
  const { token, actor } = await login(server, email);
  const db = replica();
  const transport = new TestTransport(server, token);
  const engine = new SyncEngine({
    db,
    transport,
    timelines: actor.role === 'tam' ? 'all' : 'open-only',
    ...options,
  });
  return { db, engine, transport, actor };
}

function expectOk(outcome: SyncOutcome) {
  if (!outcome.ok) throw new Error(`sync failed: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.report;
}

async function serverRow<T>(server: Server, entity: string, id: string): Promise<T | undefined> {
  const row = await server.api.db.kysely
    .selectFrom('records')
    .select('data')
    .where('entity', '=', entity)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? (JSON.parse(row.data) as T) : undefined;
}

async function serverCount(
  server: Server,
  entity: string,
  where: { parentId?: string } = {},
): Promise<number> {
  let qb = server.api.db.kysely
    .selectFrom('records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entity', '=', entity);
  if (where.parentId) qb = qb.where('parent_id', '=', where.parentId);
  return Number((await qb.executeTakeFirstOrThrow()).n);
}

async function openIncidentOf(db: ReplicaDb, status: Incident['status'] = 'new'): Promise<Incident> {
  const found = (await q.incidentsByStatus(db, status))[0];
  if (!found) throw new Error(`the demo data has no incident in status ${status}`);
  return found;
}

let server: Server;
beforeAll(async () => {
  server = await startServer();
}, 60_000);
afterAll(async () => {
  await stopServer(server);
});
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

describe('pull', { timeout: 30_000 }, () => {
  it('pages to the end, writing each page and its cursor, and holds exactly the scope', async () => {
    const small = await client(server, 'tam1@example.com', { pullLimit: 7 });
    const big = await client(server, 'tam1@example.com');
    const a = expectOk(await small.engine.sync());
    const b = expectOk(await big.engine.sync());
    expect(a.pages).toBeGreaterThan(3);
    expect(b.pages).toBe(1);
    expect(a.pulled).toBe(b.pulled);
    for (const table of [
      'customers',
      'incidents',
      'timelines',
      'users',
      'requests',
      'healthChecks',
      'reports',
      'contacts',
    ] as const) {
      const ids = async (db: ReplicaDb) => (await db.table(table).toCollection().primaryKeys()).sort();
      expect(await ids(small.db), table).toEqual(await ids(big.db));
    }
    // Only tam1's customers (assigned or backup), and all their incidents with their timelines.
    const customers = await small.db.customers.toArray();
    expect(customers.length).toBeGreaterThan(0);
    expect(customers.every((c) => c.tamId === small.actor.id || c.backupTamId === small.actor.id)).toBe(true);
    const meta = await q.syncMeta(small.db);
    expect(meta).toMatchObject({ bootstrapped: true, progress: null, lastError: null, activity: null });
    expect(meta?.cursor).toEqual(expect.any(String));
    expect(meta?.lastSuccessAt).toEqual(expect.any(String));
    // Nothing new: one page, no rows.
    const again = expectOk(await small.engine.sync());
    expect(again).toMatchObject({ pulled: 0, pages: 1 });
  });

  it("a manager's first sync skips closed incidents' timelines, fetched on demand and then kept", async () => {
    const manager = await client(server, 'manager@example.com');
    const tam = await client(server, 'tam1@example.com');
    expectOk(await manager.engine.sync());
    expectOk(await tam.engine.sync());
    const closed = [...(await q.incidentsByStatus(manager.db, ['resolved', 'closed']))];
    const withEvents = [];
    for (const i of closed)
      if ((await serverCount(server, 'timelineEvent', { parentId: i.id })) > 0) withEvents.push(i);
    expect(withEvents.length).toBeGreaterThan(0);
    const target = withEvents[0]!;
    expect(await q.timelineOf(manager.db, target.id)).toEqual([]);
    expect(await q.timelineIsComplete(manager.db, target.id)).toBe(false);
    // Open incidents arrive with their timelines.
    const open = await q.openIncidents(manager.db);
    expect(open.length).toBeGreaterThan(0);
    for (const i of open) expect(await q.timelineIsComplete(manager.db, i.id)).toBe(true);
    // A TAM replica is always complete.
    expect(await q.timelineIsComplete(tam.db, target.id)).toBe(true);

    expect(await manager.engine.fetchTimeline(target.id)).toEqual({ ok: true });
    const events = await q.timelineOf(manager.db, target.id);
    expect(events.length).toBe(await serverCount(server, 'timelineEvent', { parentId: target.id }));
    expect(await q.timelineIsComplete(manager.db, target.id)).toBe(true);
    // Kept across syncs, and offline.
    expectOk(await manager.engine.sync());
    manager.transport.offline = true;
    expect(await q.timelineOf(manager.db, target.id)).toHaveLength(events.length);
  });
  it('fetches a timeline page by page, following next until null, and counts it complete only then', async () => {
    const manager = await client(server, 'manager@example.com', { timelinePageLimit: 1 });
    expectOk(await manager.engine.sync());
    const closed = [...(await q.incidentsByStatus(manager.db, ['resolved', 'closed']))];
    let target: Incident | undefined;
    let total = 0;
    for (const i of closed) {
      const n = await serverCount(server, 'timelineEvent', { parentId: i.id });
      if (n >= 2) {
        target = i;
        total = n;
        break;
      }
    }
    if (!target) throw new Error('the demo data has no closed incident with two timeline events or more');
    expect(await q.timelineIsComplete(manager.db, target.id)).toBe(false);

    // The connection drops after the first page: the page is kept, the timeline is not complete.
    const transport = manager.transport;
    const original = transport.request.bind(transport);
    let timelineCalls = 0;
    transport.request = async (method, path, body) => {
      if (path.includes('/timeline') && ++timelineCalls === 2)
        return { status: 0, error: { code: 'network', message: 'connection reset (test)' } };
      return original(method, path, body);
    };
    const failed = await manager.engine.fetchTimeline(target.id);
    expect(failed).toMatchObject({ ok: false, error: { code: 'network', retryable: true } });
    expect(await q.timelineOf(manager.db, target.id)).toHaveLength(1);
    expect(await q.timelineIsComplete(manager.db, target.id)).toBe(false);

    transport.request = original;
    const before = transport.calls.length;
    expect(await manager.engine.fetchTimeline(target.id)).toEqual({ ok: true });
    const pages = transport.calls.slice(before).filter((c) => c.path.includes('/timeline'));
    // One event per page; the page with the last event says next: null.
    expect(pages.length).toBe(total);
    expect(pages[0]!.path).toBe(`/v1/incidents/${target.id}/timeline?limit=1`);
    for (const p of pages.slice(1))
      expect(p.path).toMatch(/^\/v1\/incidents\/[^/]+\/timeline\?limit=1&after=[A-Za-z0-9_-]+$/);
    const events = await q.timelineOf(manager.db, target.id);
    expect(events.length).toBe(total);
    expect(new Set(events.map((e) => e.id)).size).toBe(total);
    expect(await q.timelineIsComplete(manager.db, target.id)).toBe(true);
  });
});

describe('first sync: open work first', { timeout: 120_000 }, () => {
  const TABLES = [
    'customers',
    'contacts',
    'deployedProducts',
    'requests',
    'healthChecks',
    'reports',
    'users',
    'absences',
    'dutyShifts',
  ] as const;
  async function countsOf(db: ReplicaDb): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = await db.table(t).count();
    const incidents = await db.incidents.toArray();
    out.openIncidents = incidents.filter((i) => isOpenStatus(i.status)).length;
    out.closedIncidents = incidents.length - out.openIncidents;
    out.events = (await db.timelines.toArray()).reduce((n, t) => n + t.events.length, 0);
    return out;
  }
  /** Counts the replica's rows at the moment the engine records `usableAt`. */
  function watchUsable(db: ReplicaDb): { counts: Record<string, number> | null; calls: number } {
    const seen: { counts: Record<string, number> | null; calls: number } = { counts: null, calls: 0 };
    const update = db.meta.update.bind(db.meta);
    db.meta.update = (async (key: string, changes: Record<string, unknown>) => {
      if (changes && typeof changes === 'object' && typeof changes.usableAt === 'string') {
        seen.calls++;
        expect(isReplicaUsable(await db.meta.get('sync'))).toBe(false);
        seen.counts = await countsOf(db);
      }
      return update(key as never, changes as never);
    }) as typeof db.meta.update;
    return seen;
  }

  it('records when the open work is in (usableAt): every row but closed incidents, open timelines whole', async () => {
    const reference = await client(server, 'manager@example.com');
    expectOk(await reference.engine.sync());
    const full = await countsOf(reference.db);
    expect(full.events).toBeGreaterThan(10);
    expect(full.closedIncidents).toBeGreaterThan(1);

    // One row a page: the closed incidents then surely come after the page that makes it usable.
    const m = await client(server, 'manager@example.com', { pullLimit: 1 });
    expect(isReplicaUsable(await q.syncMeta(m.db))).toBe(false);
    const stages: unknown[] = [];
    const request = m.transport.request.bind(m.transport);
    m.transport.request = async (method, path, body) => {
      const res = await request(method, path, body);
      if (path === '/v1/sync/pull' && 'body' in res) stages.push((res.body as { stage?: unknown }).stage);
      return res;
    };
    const seen = watchUsable(m.db);
    expectOk(await m.engine.sync());
    expect(stages).toContain('records');
    expect(stages).toContain('closed-incidents');
    expect(seen.calls).toBe(1);
    // Usable: every table whole, the open incidents with their timelines (a manager's replica
    // holds no other events); the closed incidents were still coming.
    const { closedIncidents, ...rest } = seen.counts!;
    const { closedIncidents: allClosed, ...restFull } = full;
    expect(rest).toEqual(restFull);
    expect(closedIncidents).toBeLessThan(allClosed!);
    const meta = await q.syncMeta(m.db);
    expect(meta).toMatchObject({
      bootstrapped: true,
      usableAt: expect.any(String),
      openWorkAt: expect.any(String),
      progress: null,
    });
    expect(isReplicaUsable(meta)).toBe(true);
    expect(await countsOf(m.db)).toEqual(full);
    // Later syncs leave it alone.
    const usableAt = meta!.usableAt;
    expectOk(await m.engine.sync());
    expect((await q.syncMeta(m.db))?.usableAt).toBe(usableAt);
  });

  it("an open incident's timeline is whole as soon as the replica is usable (no fetch on demand)", async () => {
    const reference = await client(server, 'manager@example.com');
    expectOk(await reference.engine.sync());
    let open: Incident | undefined;
    for (const i of await q.openIncidents(reference.db))
      if (!open && (await q.timelineOf(reference.db, i.id)).length > 1) open = i;
    if (!open) throw new Error('the demo data has no open incident with a timeline');
    const target: Incident = open;
    const expected = await q.timelineOf(reference.db, target.id);
    for (const olderServer of [false, true]) {
      const m = await client(server, 'manager@example.com', { pullLimit: 1 });
      let checked = false;
      const request = m.transport.request.bind(m.transport);
      m.transport.request = async (method, path, body) => {
        const meta = await q.syncMeta(m.db);
        if (!checked && path === '/v1/sync/pull' && meta?.usableAt && !meta.bootstrapped) {
          checked = true;
          // What useTimeline asks. A server before the open-work order ('timelines' after the
          // first stage) sends every event later: the incident page fetches it meanwhile.
          expect(await q.timelineIsComplete(m.db, target.id)).toBe(!olderServer);
          if (!olderServer) expect(await q.timelineOf(m.db, target.id)).toEqual(expected);
        }
        const res = await request(method, path, body);
        if (olderServer && path === '/v1/sync/pull' && 'body' in res) {
          const b = res.body as { stage?: string };
          if (b.stage === 'closed-incidents' || b.stage === 'closed-timelines') b.stage = 'timelines';
        }
        return res;
      };
      expectOk(await m.engine.sync());
      expect(checked).toBe(true);
      expect(await q.timelineIsComplete(m.db, target.id)).toBe(true);
    }
  });

  it('a server without stages: usable when the whole sync is done', async () => {
    const reference = await client(server, 'manager@example.com');
    expectOk(await reference.engine.sync());
    const m = await client(server, 'manager@example.com', { pullLimit: 5 });
    const request = m.transport.request.bind(m.transport);
    m.transport.request = async (method, path, body) => {
      const res = await request(method, path, body);
      if (path === '/v1/sync/pull' && 'body' in res) delete (res.body as { stage?: unknown }).stage;
      return res;
    };
    const seen = watchUsable(m.db);
    expectOk(await m.engine.sync());
    expect(seen.calls).toBe(1);
    expect(seen.counts).toEqual(await countsOf(reference.db));
    expect(isReplicaUsable(await q.syncMeta(m.db))).toBe(true);
  });

  it('closed history: not ready (with a growing share) until every closed incident is in', async () => {
    const reference = await client(server, 'manager@example.com');
    expectOk(await reference.engine.sync());
    const allClosed = (await countsOf(reference.db)).closedIncidents!;
    expect(allClosed).toBeGreaterThan(1);
    // One row a page: several pages of closed incidents after the replica is usable.
    const m = await client(server, 'manager@example.com', { pullLimit: 1 });
    const seen: { usable: boolean; ready: boolean; closed: number }[] = [];
    const request = m.transport.request.bind(m.transport);
    m.transport.request = async (method, path, body) => {
      if (path === '/v1/sync/pull') {
        // One read transaction: the sync row and the incidents as one state.
        seen.push(
          await m.db.transaction('r', [m.db.meta, m.db.incidents], async () => {
            const meta = await q.syncMeta(m.db);
            const incidents = await m.db.incidents.toArray();
            return {
              usable: isReplicaUsable(meta),
              ready: closedHistoryState(meta).ready,
              closed: incidents.filter((i) => !isOpenStatus(i.status)).length,
            };
          }),
        );
      }
      return request(method, path, body);
    };
    const shares: number[] = [];
    const update = m.db.meta.update.bind(m.db.meta);
    m.db.meta.update = (async (key: string, changes: Record<string, unknown>) => {
      if (typeof changes?.historyShare === 'number') shares.push(changes.historyShare);
      return update(key as never, changes as never);
    }) as typeof m.db.meta.update;
    expectOk(await m.engine.sync());
    // Usable before the history is whole: the window where counts would be too low.
    const waiting = seen.filter((s) => s.usable && !s.ready);
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.some((s) => s.closed < allClosed)).toBe(true);
    // Ready only with every closed incident in.
    for (const s of seen.filter((x) => x.ready)) expect(s.closed).toBe(allClosed);
    // The share arrived grows page by page (closed incidents come ordered by id), then 1.
    expect(shares.some((x) => x > 0 && x < 1)).toBe(true);
    expect([...shares].sort((a, b) => a - b)).toEqual(shares);
    const meta = await q.syncMeta(m.db);
    expect(closedHistoryState(meta)).toEqual({ ready: true });
    expect(meta?.historyAt).toEqual(expect.any(String));
  });
});

describe('storage', { timeout: 30_000 }, () => {
  it('a full disk stops the pull with a clear error; written pages and the outbox stay', async () => {
    const tam = await client(server, 'tam1@example.com', { pullLimit: 3 });
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    let puts = 0;
    // Records created in any table (timelines are packed: a few records carry many events).
    for (const table of [
      tam.db.customers,
      tam.db.contacts,
      tam.db.incidents,
      tam.db.timelines,
      tam.db.requests,
    ])
      table.hook('creating', () => {
        if (++puts > 8) throw quota;
      });
    const failed = await tam.engine.sync();
    expect(failed.ok).toBe(false);
    if (!failed.ok) {
      expect(failed.error).toMatchObject({ code: 'storage-full', retryable: true });
      expect(failed.error.message).toMatch(/Nothing was lost/);
    }
    const meta = await q.syncMeta(tam.db);
    expect(meta?.lastError?.code).toBe('storage-full');
    expect(meta?.bootstrapped).toBe(false);
    const cursorAtFailure = meta?.cursor;
    // Space is back: the pull resumes from the last written page.
    puts = -1e9;
    const before = tam.transport.calls.length;
    const resumed = expectOk(await tam.engine.sync());
    expect(resumed.pages).toBeGreaterThan(0);
    const firstPull = tam.transport.calls.slice(before).find((c) => c.path === '/v1/sync/pull');
    expect((firstPull?.body as { cursor: string | null }).cursor).toBe(cursorAtFailure);
    expect((await q.syncMeta(tam.db))?.bootstrapped).toBe(true);
  });
});

describe('push', { timeout: 30_000 }, () => {
  it('keeps the outbox on a network failure and retries later', async () => {
    const tam = await client(server, 'tam1@example.com');
    expectOk(await tam.engine.sync());
    const customer = (await q.customersInScope(tam.db))[0]!;
    const id = newId();
    const made = await mutateReplica(tam.db, tam.actor, 'incident.create', {
      id,
      customerId: customer.id,
      title: 'Offline incident',
      severity: 3,
      channel: 'email',
      receivedAt: new Date().toISOString(),
    });
    expect(made.ok).toBe(true);
    tam.transport.offline = true;
    const failed = await tam.engine.sync();
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error).toMatchObject({ code: 'network', retryable: true });
    expect(await tam.db.outbox.count()).toBe(1);
    expect((await q.syncMeta(tam.db))?.lastError?.code).toBe('network');
    expect(await q.incident(tam.db, id)).toMatchObject({ title: 'Offline incident', version: 0 });

    tam.transport.offline = false;
    expectOk(await tam.engine.sync());
    expect(await tam.db.outbox.count()).toBe(0);
    expect(await tam.db.shadow.count()).toBe(0);
    const confirmed = await q.incident(tam.db, id);
    expect(confirmed?.version).toBeGreaterThan(0);
    expect(await serverRow<Incident>(server, 'incident', id)).toMatchObject({
      title: 'Offline incident',
      version: confirmed?.version,
    });
    expect((await q.syncMeta(tam.db))?.lastError).toBeNull();
  });

  it('retries a push whose answer was lost without applying it twice', async () => {
    const tam = await client(server, 'tam1@example.com');
    expectOk(await tam.engine.sync());
    const incident = await openIncidentOf(tam.db, 'in_progress');
    const noteId = newId();
    await mutateReplica(tam.db, tam.actor, 'timeline.append', {
      id: noteId,
      incidentId: incident.id,
      kind: 'call',
      at: new Date().toISOString(),
      body: 'Called back',
      visibility: 'internal',
    });
    tam.transport.dropNextPushAnswer = true;
    const lost = await tam.engine.sync();
    expect(lost.ok).toBe(false);
    // The server did apply it; the client does not know yet.
    expect(await serverRow(server, 'timelineEvent', noteId)).toBeDefined();
    expect(await tam.db.outbox.count()).toBe(1);

    expectOk(await tam.engine.sync());
    // Re-running timeline.append would be rejected as already_exists: it must be recognised instead.
    expect(await tam.db.outbox.count()).toBe(0);
    expect(await q.needsAttention(tam.db)).toEqual([]);
    expect(await serverCount(server, 'timelineEvent', { parentId: incident.id })).toBe(
      (await q.timelineOf(tam.db, incident.id)).length,
    );
    expect((await q.timelineOf(tam.db, incident.id)).filter((e) => e.id === noteId)).toHaveLength(1);
    const pushes = tam.transport.calls.filter((c) => c.path === '/v1/sync/push');
    expect(pushes).toHaveLength(2);
    expect((pushes[1]!.body as { mutations: { id: number }[] }).mutations.map((m) => m.id)).toEqual(
      (pushes[0]!.body as { mutations: { id: number }[] }).mutations.map((m) => m.id),
    );
  });

  it('pushes in batches of at most 100', async () => {
    const tam = await client(server, 'tam1@example.com');
    expectOk(await tam.engine.sync());
    const incident = await openIncidentOf(tam.db, 'in_progress');
    const at = new Date().toISOString();
    for (let i = 0; i < 230; i++) {
      const r = await mutateReplica(tam.db, tam.actor, 'timeline.append', {
        id: newId(),
        incidentId: incident.id,
        kind: 'note',
        at,
        body: `note ${i}`,
        visibility: 'internal',
      });
      expect(r.ok).toBe(true);
    }
    const report = expectOk(await tam.engine.sync());
    expect(report.pushed).toBe(230);
    const sizes = tam.transport.calls
      .filter((c) => c.path === '/v1/sync/push')
      .map((c) => (c.body as { mutations: unknown[] }).mutations.length);
    expect(sizes).toEqual([100, 100, 30]);
    expect(await tam.db.outbox.count()).toBe(0);
  });
});

describe('push never stalls', { timeout: 60_000 }, () => {
  const notes = async (tam: Client, bodies: string[]) => {
    const incident = await openIncidentOf(tam.db, 'in_progress');
    const ids: string[] = [];
    for (const body of bodies) {
      const id = newId();
      const r = await mutateReplica(tam.db, tam.actor, 'timeline.append', {
        id,
        incidentId: incident.id,
        kind: 'note',
        at: new Date().toISOString(),
        body,
        visibility: 'internal',
      });
      expect(r.ok).toBe(true);
      ids.push(id);
    }
    return ids;
  };

  it('a change the server keeps failing on (5xx) is set aside into needs attention after 3 tries; the rest flows', async () => {
    const tam = await client(server, 'tam1@example.com');
    expectOk(await tam.engine.sync());
    const [first, poison, third] = await notes(tam, ['first', 'poison', 'third']);
    tam.transport.failPush = (mutations) =>
      mutations.some((m) => (m.args as { body?: string }).body === 'poison');
    // 1st and 2nd cycle: the batch fails, the changes go one at a time, the one at fault fails
    // alone; the pull still works (a strike). Nothing behind it is lost.
    for (let cycle = 1; cycle <= 2; cycle++) {
      const failed = await tam.engine.sync();
      expect(failed.ok, `cycle ${cycle}`).toBe(false);
      if (!failed.ok) expect(failed.error).toMatchObject({ code: 'server', retryable: true });
      expect(await tam.db.outbox.where('status').equals('pending').count()).toBe(2);
      expect(await q.needsAttention(tam.db)).toEqual([]);
    }
    expect(await serverRow(server, 'timelineEvent', first!)).toBeDefined();
    expect(await serverRow(server, 'timelineEvent', third!)).toBeUndefined();
    // 3rd: set aside, and the change behind it is sent in the same cycle.
    const report = expectOk(await tam.engine.sync());
    expect(report.rejected).toBe(1);
    expect(await serverRow(server, 'timelineEvent', third!)).toBeDefined();
    expect(await serverRow(server, 'timelineEvent', poison!)).toBeUndefined();
    expect(await tam.db.outbox.count()).toBe(0);
    expect(await getEvent(tam.db, poison!)).toBeUndefined();
    const attention = await q.needsAttention(tam.db);
    expect(attention).toHaveLength(1);
    expect(attention[0]).toMatchObject({ name: 'timeline.append', error: { code: 'server_error' } });
    const sizes = tam.transport.calls
      .filter((c) => c.path === '/v1/sync/push')
      .map((c) => (c.body as { mutations: unknown[] }).mutations.length);
    expect(sizes).toEqual([3, 1, 1, 1, 1, 1]);
  });

  it('a server that fails on everything (pulls too) sets nothing aside, however often it fails', async () => {
    const tam = await client(server, 'tam1@example.com');
    expectOk(await tam.engine.sync());
    await notes(tam, ['a', 'b']);
    tam.transport.down = true;
    for (let cycle = 0; cycle < 5; cycle++) expect((await tam.engine.sync()).ok).toBe(false);
    expect(await tam.db.outbox.where('status').equals('pending').count()).toBe(2);
    expect(await q.needsAttention(tam.db)).toEqual([]);
    tam.transport.down = false;
    expect(expectOk(await tam.engine.sync()).pushed).toBe(2);
  });

  it('a push over the write quota (429) fails with the Retry-After the server gave; nothing is lost', async () => {
    const limited = await startServer({ pushQuota: { mutationsPerMinute: 1 } });
    try {
      const tam = await client(limited, 'tam1@example.com');
      expectOk(await tam.engine.sync());
      await notes(tam, ['one']);
      expectOk(await tam.engine.sync());
      const [two] = await notes(tam, ['two']);
      const refused = await tam.engine.sync();
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.error).toMatchObject({ code: 'rate-limited', retryable: true });
        expect(refused.error.retryAfterMs).toBeGreaterThanOrEqual(1_000);
        expect(refused.error.retryAfterMs).toBeLessThanOrEqual(60_000);
      }
      expect(await tam.db.outbox.where('status').equals('pending').count()).toBe(1);
      expect(await q.needsAttention(tam.db)).toEqual([]);
      expect(await serverRow(limited, 'timelineEvent', two!)).toBeUndefined();
    } finally {
      await stopServer(limited);
    }
  });
});

describe('conflicts', { timeout: 30_000 }, () => {
  it('a rejected change is listed with the reason and the server state is restored', async () => {
    const a = await client(server, 'tam1@example.com');
    const b = await client(server, 'tam1@example.com');
    expectOk(await a.engine.sync());
    expectOk(await b.engine.sync());
    const incident = await openIncidentOf(a.db, 'new');

    // B is offline and changes the status; A changes it first and syncs.
    b.transport.offline = true;
    const bEvent = newId();
    expect(
      (
        await mutateReplica(b.db, b.actor, 'incident.setStatus', {
          incidentId: incident.id,
          from: 'new',
          to: 'waiting_customer',
          eventId: bEvent,
        })
      ).ok,
    ).toBe(true);
    expect((await q.incident(b.db, incident.id))?.status).toBe('waiting_customer');
    expect((await a.engine.sync()).ok).toBe(true);
    expect(
      (
        await mutateReplica(a.db, a.actor, 'incident.setStatus', {
          incidentId: incident.id,
          from: 'new',
          to: 'in_progress',
          eventId: newId(),
        })
      ).ok,
    ).toBe(true);
    expectOk(await a.engine.sync());

    b.transport.offline = false;
    const report = expectOk(await b.engine.sync());
    expect(report.rejected).toBe(1);
    // Restored: the server's state, without B's status-change event.
    expect((await q.incident(b.db, incident.id))?.status).toBe('in_progress');
    expect(await getEvent(b.db, bEvent)).toBeUndefined();
    expect(await b.db.outbox.count()).toBe(0);
    expect(await b.db.shadow.count()).toBe(0);
    const attention = await q.needsAttention(b.db);
    expect(attention).toHaveLength(1);
    expect(attention[0]).toMatchObject({
      name: 'incident.setStatus',
      error: { code: 'stale_status' },
      rows: expect.arrayContaining([{ entity: 'incident', id: incident.id }]),
    });
    expect(attention[0]!.error.message).toMatch(/in_progress/);
  });

  it('two clients change the same incident, one offline: both end with the same state; the loser is told', async () => {
    const a = await client(server, 'tam1@example.com');
    const b = await client(server, 'manager@example.com');
    expectOk(await a.engine.sync());
    expectOk(await b.engine.sync());
    const incident = await openIncidentOf(a.db, 'new');
    expect(await q.incident(b.db, incident.id)).toBeDefined();

    a.transport.offline = true;
    // A (offline): raises severity and adds a note. B (online): changes status, adds a note, raises severity too.
    const newSeverity = incident.severity === 1 ? 2 : 1;
    expect(
      (
        await mutateReplica(a.db, a.actor, 'incident.setSeverity', {
          incidentId: incident.id,
          severity: newSeverity,
          eventId: newId(),
          reason: 'A',
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await mutateReplica(a.db, a.actor, 'timeline.append', {
          id: newId(),
          incidentId: incident.id,
          kind: 'note',
          at: new Date().toISOString(),
          body: 'note from A',
          visibility: 'internal',
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await mutateReplica(b.db, b.actor, 'incident.setStatus', {
          incidentId: incident.id,
          from: 'new',
          to: 'in_progress',
          eventId: newId(),
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await mutateReplica(b.db, b.actor, 'incident.setSeverity', {
          incidentId: incident.id,
          severity: newSeverity,
          eventId: newId(),
          reason: 'B',
        })
      ).ok,
    ).toBe(true);
    expectOk(await b.engine.sync());

    a.transport.offline = false;
    const ra = expectOk(await a.engine.sync());
    expectOk(await b.engine.sync());
    expect(ra.rejected).toBe(1);

    expect(await q.incident(a.db, incident.id)).toEqual(await q.incident(b.db, incident.id));
    expect(await q.incident(a.db, incident.id)).toEqual(await serverRow(server, 'incident', incident.id));
    const ids = async (db: ReplicaDb) =>
      (await q.timelineOf(db, incident.id)).map((e) => `${e.id}@${e.version}`);
    expect(await ids(a.db)).toEqual(await ids(b.db));
    expect((await q.timelineOf(a.db, incident.id)).some((e) => e.body === 'note from A')).toBe(true);
    // A's severity change lost (already that level): listed for A only.
    expect((await q.needsAttention(a.db)).map((x) => [x.name, x.error.code])).toEqual([
      ['incident.setSeverity', 'rule_violation'],
    ]);
    expect(await q.needsAttention(b.db)).toEqual([]);
  });

  it('re-applies still-pending changes on top of the pulled server state', async () => {
    const a = await client(server, 'tam1@example.com');
    const b = await client(server, 'tam1@example.com');
    expectOk(await a.engine.sync());
    expectOk(await b.engine.sync());
    const incident = await openIncidentOf(a.db, 'new');
    const newSeverity = incident.severity === 1 ? 2 : 1;

    // B changes the severity on the server.
    expect(
      (
        await mutateReplica(b.db, b.actor, 'incident.setSeverity', {
          incidentId: incident.id,
          severity: newSeverity,
          eventId: newId(),
        })
      ).ok,
    ).toBe(true);
    expectOk(await b.engine.sync());

    // A changes the status while its pull is under way (after its push): still pending after the pull.
    let made = false;
    a.transport.beforePull = async () => {
      const r = await mutateReplica(a.db, a.actor, 'incident.setStatus', {
        incidentId: incident.id,
        from: 'new',
        to: 'in_progress',
        eventId: newId(),
      });
      made = r.ok;
    };
    const report = expectOk(await a.engine.sync());
    expect(made).toBe(true);
    expect(report.pushed).toBe(0);
    // The pending change sits on top of the server's new state.
    expect(await q.incident(a.db, incident.id)).toMatchObject({
      severity: newSeverity,
      status: 'in_progress',
    });
    expect(await a.db.outbox.count()).toBe(1);
    const shadow = await a.db.shadow.get(rowKey('incident', incident.id));
    expect(shadow?.row).toMatchObject({ severity: newSeverity, status: 'new' });
    expect((await a.db.outbox.toArray())[0]?.localError).toBeNull();

    expectOk(await a.engine.sync());
    expect(await a.db.outbox.count()).toBe(0);
    expect(await q.incident(a.db, incident.id)).toEqual(await serverRow(server, 'incident', incident.id));
    expect(await serverRow<Incident>(server, 'incident', incident.id)).toMatchObject({
      severity: newSeverity,
      status: 'in_progress',
    });
  });
});

describe('server reset', { timeout: 30_000 }, () => {
  it('re-bootstraps when the cursor is refused, keeping and then pushing the outbox', async () => {
    const first = await startServer();
    const second = await startServer();
    try {
      const tam = await client(first, 'tam1@example.com');
      expectOk(await tam.engine.sync());
      const customer = (await q.customersInScope(tam.db))[0]!;
      const id = newId();
      expect(
        (
          await mutateReplica(tam.db, tam.actor, 'incident.create', {
            id,
            customerId: customer.id,
            title: 'Made before the reset',
            severity: 4,
            channel: 'tam',
            receivedAt: new Date().toISOString(),
          })
        ).ok,
      ).toBe(true);

      // The "same" server comes back with a fresh database (same demo ids).
      const { token } = await login(second, 'tam1@example.com');
      tam.transport.server = second;
      tam.transport.token = token;
      tam.transport.offline = true;
      expect((await tam.engine.sync()).ok).toBe(false);
      tam.transport.offline = false;
      // The change reaches the new server before the pull finds the cursor refused; after
      // the re-bootstrap it is sent again and recognised, and the replica shows it.
      const resetAt = new Date().toISOString();
      const report = expectOk(await tam.engine.sync());
      expect(report.rebootstrapped).toBe(true);
      expect(await tam.db.outbox.count()).toBe(0);
      expect(await serverRow(second, 'incident', id)).toMatchObject({ title: 'Made before the reset' });
      expect(await q.incident(tam.db, id)).toMatchObject({ title: 'Made before the reset' });
      const meta = await q.syncMeta(tam.db);
      expect(meta?.notice).toMatchObject({ code: 'server-reset' });
      expect(meta?.bootstrapped).toBe(true);
      // Usable again from the re-bootstrap on (the reset cleared it).
      expect((meta?.usableAt ?? '') >= resetAt).toBe(true);
      expect(await tam.db.customers.count()).toBeGreaterThan(0);
    } finally {
      await stopServer(first);
      await stopServer(second);
    }
  }, 60_000);
});
