// Time bounds through POST /v1/sync/push on both engines: a receipt years back (issue 12,
// Found #2), before the contract or ahead of the server clock is rejected as time_out_of_range,
// and the mutations after it in the same push are applied.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db';
import type { Db } from './db';
import type { Fixture, RunningApi, TestDatabase } from './testing/harness';
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

describe.each(engineCases())('time bounds on $engine', ({ engine, skip }) => {
  let tdb: TestDatabase;
  let db: Db;
  let server: RunningApi;
  let fx: Fixture;
  // Thursday 2026-11-26 12:00 in Tokyo: the server's clock, not this machine's.
  let clock = Date.parse('2026-11-26T03:00:00Z');
  let tam: TestReplica;
  let nextId = 1;

  beforeAll(async () => {
    if (skip) return;
    tdb = await createTestDatabase(engine);
    db = await openDatabase(tdb.config);
    fx = buildFixture();
    await seedFixture(db, fx);
    server = await startApi({ db, now: () => clock, auth: { sessionTtlMs: 1000 * 86_400_000 } });
    tam = new TestReplica(server.base, await login(server.base, fx.users.tamA.email));
  });
  afterAll(async () => {
    if (skip) return;
    await server?.close();
    await db?.close();
    await tdb?.drop();
  });

  const create = (receivedAt: string) => ({
    id: nextId++,
    name: 'incident.create',
    args: {
      id: randomUUID(),
      customerId: fx.customers.c1.id,
      title: 'Scan engine crash',
      severity: 3,
      channel: 'portal',
      receivedAt,
    },
  });
  const pushAll = async (mutations: Array<{ id: number; name: string; args: unknown }>) => {
    const res = await http(server.base, 'POST', '/v1/sync/push', {
      token: tam.token,
      body: { clientId: tam.clientId, mutations },
    });
    expect(res.status).toBe(200);
    return res.body.results as Array<{
      id: number;
      status: string;
      error?: { code: string; message: string };
    }>;
  };

  it.skipIf(!!skip)(
    'rejects a receipt years back, before the contract or in the future, and applies the mutations after it',
    async () => {
      clock = Date.parse('2026-11-26T03:00:00Z');
      const ancient = create('0001-01-01T00:00:00Z');
      const yearsBack = create('2021-06-01T10:00:00+09:00');
      const good = create('2026-11-26T11:00:00+09:00');
      const ahead = create('2026-11-26T12:05:01+09:00');
      const note = {
        id: nextId++,
        name: 'timeline.append',
        args: {
          id: randomUUID(),
          incidentId: good.args.id,
          kind: 'note',
          at: '2026-11-26T11:30:00+09:00',
          body: 'called back',
          visibility: 'internal',
        },
      };
      const results = await pushAll([ancient, yearsBack, good, ahead, note]);
      expect(results.map((r) => r.status)).toEqual([
        'rejected',
        'rejected',
        'applied',
        'rejected',
        'applied',
      ]);
      expect(results[0]?.error).toMatchObject({
        code: 'time_out_of_range',
        message: expect.stringMatching(/more than 400 days in the past.*check the year/),
      });
      expect(results[1]?.error?.code).toBe('time_out_of_range');
      expect(results[3]?.error).toMatchObject({
        code: 'time_out_of_range',
        message: expect.stringMatching(/after the server's clock/),
      });

      await tam.pullAll();
      expect(tam.has('incident', ancient.args.id)).toBe(false);
      expect(tam.has('incident', yearsBack.args.id)).toBe(false);
      expect(tam.has('incident', ahead.args.id)).toBe(false);
      expect(tam.get('incident', good.args.id)).toMatchObject({ receivedAt: '2026-11-26T02:00:00.000Z' });
      expect(tam.get('timelineEvent', note.args.id)).toMatchObject({ body: 'called back' });
    },
  );

  it.skipIf(!!skip)('rejects a receipt before the contract start in the customer zone', async () => {
    // 2025-06-02: the contract (from 2025-04-01 in Tokyo) is younger than 400 days.
    clock = Date.parse('2025-06-02T03:00:00Z');
    const before = create('2025-03-31T23:59:00+09:00');
    const first = create('2025-04-01T00:00:00+09:00');
    const results = await pushAll([before, first]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'applied']);
    expect(results[0]?.error).toMatchObject({
      code: 'time_out_of_range',
      message: expect.stringMatching(/before the customer's contract start \(2025-04-01\)/),
    });
  });
});
