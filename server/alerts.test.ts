// SLA alerts made by the API on its clock, on both engines: the duty manager's event stream and
// synced rows, exactly once across a restart, acknowledgement on the incident's timeline, and
// the escalation stopping after it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DutyShift } from '../shared/model/entities';
import type { Db } from './db';
import { openDatabase } from './db';
import type { Fixture, RunningApi, TestDatabase } from './testing/harness';
import {
  TestReplica,
  buildFixture,
  createTestDatabase,
  engineCases,
  login,
  seedFixture,
  startApi,
} from './testing/harness';
import { bulkInsert } from './seed/bulk';

// Wednesday 25 November 2026, 20:00 in Tokyo: outside the customer's business hours.
const T0 = Date.parse('2026-11-25T20:00:00+09:00');
const MIN = 60_000;

async function openStream(base: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${base}/v1/sync/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    async readUntil(needle: string) {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += decoder.decode(value);
      }
    },
    alerts: () =>
      text
        .split('\n\n')
        .filter((block) => block.startsWith('event: alert'))
        .map(
          (block) =>
            JSON.parse(block.slice(block.indexOf('data: ') + 6)) as {
              stage: string;
              recipientId: string;
              incidentId: string;
            },
        ),
    close: () => controller.abort(),
  };
}

describe.each(engineCases())('alerts on $engine', ({ engine, skip }) => {
  let tdb: TestDatabase;
  let db: Db;
  let server: RunningApi;
  let fx: Fixture;
  let clock = T0;
  const tokens: Record<string, string> = {};

  const start = async () => {
    server = await startApi({ db, now: () => clock, alerts: { intervalMs: 3_600_000 } });
  };
  const alertRows = async () =>
    (await db.kysely.selectFrom('records').select('data').where('entity', '=', 'alert').execute()).map(
      (r) =>
        JSON.parse(r.data) as {
          id: string;
          stage: string;
          recipientId: string;
          role: string;
          acknowledgedAt: string | null;
        },
    );

  beforeAll(async () => {
    if (skip) return;
    tdb = await createTestDatabase(engine);
    db = await openDatabase(tdb.config);
    fx = buildFixture();
    await seedFixture(db, fx);
    // Manager Y (team Y) is the duty manager from 18:00 to 09:00: Alpha (team X) is not in their scope.
    const shift: DutyShift = {
      id: randomUUID(),
      version: 0,
      updatedAt: '2026-11-01T00:00:00Z',
      deleted: false,
      userId: fx.users.managerY.id,
      startsAt: '2026-11-25T18:00:00+09:00',
      endsAt: '2026-11-26T09:00:00+09:00',
      note: null,
    };
    await bulkInsert(db, [[{ entity: 'dutyShift', row: shift }]]);
    await start();
    for (const [name, u] of Object.entries(fx.users)) tokens[name] = await login(server.base, u.email);
  });
  afterAll(async () => {
    if (skip) return;
    await server?.close();
    await db?.close();
    await tdb?.drop();
  });

  it.skipIf(!!skip)(
    'an L1 outside business hours alerts the duty manager at once, on the stream and as a synced row; every stage once across a restart',
    async () => {
      const duty = await openStream(server.base, tokens.managerY!);
      await duty.readUntil('event: ready');
      const tam = new TestReplica(server.base, tokens.tamA!);
      const incidentId = randomUUID();
      const created = await tam.push('incident.create', {
        id: incidentId,
        customerId: fx.customers.c1.id,
        title: 'Servers down at HQ',
        severity: 1,
        channel: 'phone',
        receivedAt: new Date(T0).toISOString(),
      });
      expect(created.status).toBe('applied');

      // The push nudges the engine: the arrival reaches the duty manager's stream.
      await duty.readUntil('event: alert');
      expect(duty.alerts()).toEqual([
        expect.objectContaining({ stage: 'arrival', recipientId: fx.users.managerY.id, incidentId }),
      ]);
      const managerY = new TestReplica(server.base, tokens.managerY!);
      await managerY.pullAll();
      const synced = managerY.ids('alert').map((id) => managerY.get('alert', id)!);
      expect(synced).toEqual([
        expect.objectContaining({
          stage: 'arrival',
          role: 'responder',
          incidentId,
          title: 'Servers down at HQ',
          urgent: true,
        }),
      ]);
      // Nobody else receives it: the TAM is not the responder at 20:00.
      await tam.pullAll();
      expect(tam.ids('alert')).toEqual([]);

      clock = T0 + 15 * MIN;
      await server.api.alerts!.pass();
      await duty.readUntil('"stage":"warning"');
      duty.close();

      // A restart mid-schedule: the at-risk stage (22:30) passes while the server is down.
      await server.close();
      clock = T0 + 23 * MIN;
      await start();
      for (const [name, u] of Object.entries(fx.users)) tokens[name] = await login(server.base, u.email);
      await server.api.alerts!.pass();
      await server.api.alerts!.pass();
      clock = T0 + 30 * MIN;
      await server.api.alerts!.pass();
      await server.api.alerts!.pass();

      const rows = await alertRows();
      const keys = rows
        .map(
          (r) =>
            `${r.stage}:${r.recipientId === fx.users.managerY.id ? 'dutyY' : r.recipientId === fx.users.managerX.id ? 'managerX' : r.recipientId}`,
        )
        .sort();
      expect(keys).toEqual([
        'arrival:dutyY',
        'at_risk:dutyY',
        'breach:dutyY',
        'breach:managerX',
        'warning:dutyY',
      ]);

      // The duty manager acknowledges the breach: recorded on the incident's internal timeline,
      // though Alpha is not in their scope; the escalation to the team manager then stops.
      const y = new TestReplica(server.base, tokens.managerY!);
      await y.pullAll();
      const breach = y
        .ids('alert')
        .map((id) => y.get('alert', id)!)
        .find((a) => a.stage === 'breach')!;
      const eventId = randomUUID();
      expect(await y.push('alert.acknowledge', { alertId: breach.id, eventId })).toMatchObject({
        status: 'applied',
      });
      const again = await y.push('alert.acknowledge', { alertId: breach.id, eventId: randomUUID() });
      expect(again).toMatchObject({ status: 'rejected', error: { code: 'stale_status' } });
      const t = new TestReplica(server.base, tokens.tamA!);
      await t.pullAll();
      expect(t.get('timelineEvent', eventId)).toMatchObject({
        kind: 'alert_acknowledged',
        visibility: 'internal',
        authorId: fx.users.managerY.id,
        incidentId,
      });

      clock = T0 + 46 * MIN;
      expect(await server.api.alerts!.pass()).toBe(0);
      expect((await alertRows()).some((r) => r.stage === 'escalation')).toBe(false);

      // Somebody else's alert cannot be read or acknowledged, and says nothing of its existence.
      const x = new TestReplica(server.base, tokens.managerX!);
      expect(await x.push('alert.markRead', { alertIds: [breach.id] })).toMatchObject({
        status: 'rejected',
        error: { code: 'not_found' },
      });
      expect(await x.push('alert.markRead', { alertIds: [randomUUID()] })).toMatchObject({
        status: 'rejected',
        error: { code: 'not_found' },
      });
    },
  );

  it.skipIf(!!skip)('an answered incident alerts nobody any more', async () => {
    clock = T0 + 60 * MIN;
    const tam = new TestReplica(server.base, tokens.tamA!);
    const id = randomUUID();
    await tam.push('incident.create', {
      id,
      customerId: fx.customers.c1.id,
      title: 'Answered quickly',
      severity: 1,
      channel: 'phone',
      receivedAt: new Date(clock).toISOString(),
    });
    await server.api.alerts!.pass();
    const before = (await alertRows()).length;
    expect(before).toBeGreaterThan(0);
    await tam.push('incident.recordResponse', {
      incidentId: id,
      eventId: randomUUID(),
      at: new Date(clock + MIN).toISOString(),
      body: 'Call back done; workaround given.',
      isAnswer: true,
      visibility: 'customer',
    });
    clock += 20 * MIN;
    await server.api.alerts!.pass();
    expect((await alertRows()).length).toBe(before);
  });
});
