// Weekly health snapshots made by the API on its clock, on both engines: one per customer and
// week, synced to whoever sees the customer, made once across passes and a restart, a new one
// when the clock enters the next week, and the backfill of missing earlier weeks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerHealth } from '../shared/health/facts';
import type { Customer, DeployedProduct, HealthSnapshot, Incident, User } from '../shared/model/entities';
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

// Wednesday 25 November 2026, 10:00 in Tokyo: the week of Monday 23 November.
const T0 = Date.parse('2026-11-25T10:00:00+09:00');
const DAY = 86_400_000;

describe.each(engineCases())('health snapshots on $engine', ({ engine, skip }) => {
  let tdb: TestDatabase;
  let db: Db;
  let server: RunningApi;
  let fx: Fixture;
  let clock = T0;

  const start = async (backfillWeeks = 0) => {
    server = await startApi({
      db,
      now: () => clock,
      healthSnapshots: { intervalMs: 3_600_000, backfillWeeks },
    });
    await server.api.healthSnapshots!.idle();
  };
  const snapshots = async () =>
    (await db.kysely.selectFrom('records').select('data').where('entity', '=', 'healthSnapshot').execute())
      .map((r) => JSON.parse(r.data) as HealthSnapshot)
      .sort((a, b) => (a.customerId + a.weekStart < b.customerId + b.weekStart ? -1 : 1));
  const rowsOf = async <T>(entity: string) =>
    (await db.kysely.selectFrom('records').select('data').where('entity', '=', entity).execute()).map(
      (r) => JSON.parse(r.data) as T,
    );

  beforeAll(async () => {
    if (skip) return;
    tdb = await createTestDatabase(engine);
    db = await openDatabase(tdb.config);
    fx = buildFixture();
    await seedFixture(db, fx);
  });
  afterAll(async () => {
    if (skip) return;
    await server?.close();
    await db?.close();
    await tdb?.drop();
  });

  it.skipIf(!!skip)(
    "makes each customer's snapshot of the current week at start, with the shared rating, synced in scope",
    async () => {
      await start();
      const made = await snapshots();
      expect(made.map((s) => [s.customerId, s.weekStart]).sort()).toEqual(
        [fx.customers.c1.id, fx.customers.c2.id, fx.customers.c3.id].map((id) => [id, '2026-11-23']).sort(),
      );
      // Alpha: an open unanswered incident since January (breached), a version whose support
      // ended, no health check this contract year, quarterly reports never logged.
      const alpha = made.find((s) => s.customerId === fx.customers.c1.id)!;
      expect(alpha.asOf).toBe('2026-11-25T10:00:00+09:00');
      expect(alpha.reasons.map((r) => r.code)).toEqual([
        'sla_breaches',
        'quarterly_reports_overdue',
        'versions_near_end_of_support',
        'health_check_not_scheduled',
      ]);
      const expected = customerHealth({
        customers: await rowsOf<Customer>('customer'),
        incidents: await rowsOf<Incident>('incident'),
        users: await rowsOf<User>('user'),
        healthChecks: [],
        reportLog: [],
        deployedProducts: await rowsOf<DeployedProduct>('deployedProduct'),
        now: alpha.asOf,
      }).get(fx.customers.c1.id)!;
      expect({ rating: alpha.rating, score: alpha.score }).toEqual({
        rating: expected.rating,
        score: expected.score,
      });
      expect(alpha.rating).toBe('red');

      // Synced like any customer row: TAM A sees Alpha's snapshot, not Beta's or Gamma's.
      const tamA = new TestReplica(server.base, await login(server.base, fx.users.tamA.email));
      await tamA.pullAll();
      expect(tamA.ids('healthSnapshot')).toEqual([alpha.id]);
      const managerX = new TestReplica(server.base, await login(server.base, fx.users.managerX.email));
      await managerX.pullAll();
      expect(managerX.ids('healthSnapshot').sort()).toEqual(
        made
          .filter((s) => s.customerId !== fx.customers.c3.id)
          .map((s) => s.id)
          .sort(),
      );
    },
  );

  it.skipIf(!!skip)('makes each once: another pass and a restart in the same week make none', async () => {
    expect(await server.api.healthSnapshots!.pass()).toBe(0);
    await server.close();
    clock = T0 + 3 * DAY; // Saturday, same week
    await start();
    expect(await snapshots()).toHaveLength(3);
  });

  it.skipIf(!!skip)('the clock entering the next week makes that week’s snapshots', async () => {
    clock = T0 + 5 * DAY; // Monday 30 November, 10:00 in Tokyo
    expect(await server.api.healthSnapshots!.pass()).toBe(3);
    const weeks = (await snapshots())
      .filter((s) => s.customerId === fx.customers.c2.id)
      .map((s) => s.weekStart);
    expect(weeks).toEqual(['2026-11-23', '2026-11-30']);
    expect(await server.api.healthSnapshots!.pass()).toBe(0);
  });

  it.skipIf(!!skip)(
    'backfill fills the missing earlier weeks, each read as at its Monday, none twice',
    async () => {
      await server.close();
      await start(4);
      const alpha = (await snapshots()).filter((s) => s.customerId === fx.customers.c1.id);
      expect(alpha.map((s) => s.weekStart)).toEqual([
        '2026-11-02',
        '2026-11-09',
        '2026-11-16',
        '2026-11-23',
        '2026-11-30',
      ]);
      expect(alpha[0]!.asOf).toBe('2026-11-02T00:00:00+09:00');
      expect(await snapshots()).toHaveLength(15);
      expect(await server.api.healthSnapshots!.pass()).toBe(0);
    },
  );
});
