// Demo and scale data: valid rows, the promised variety, determinism, and loading on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_SCHEMAS } from '../../shared/model/entities';
import type { Customer, Incident, Report, Request, TaggedRow } from '../../shared/model/entities';
import { REQUEST_WORKFLOWS } from '../../shared/mutations';
import { openDatabase } from '../db';
import type { Db } from '../db';
import { TestReplica, createTestDatabase, engineCases, http, login, startApi } from '../testing/harness';
import type { RunningApi, TestDatabase } from '../testing/harness';
import { customerQuarterlySchedule } from '../../shared/analytics/schedule';
import { upcomingQuarterlyReports } from '../../shared/today/agenda';
import { localDateOf } from '../../shared/sla/index';
import { DEMO_LOGINS, buildDemoData, seedDemo } from './demo';

const localToday = (c: Customer, at: number) => localDateOf(c.calendar, at);
import { generateScaleData, loadScaleData } from './generate';

const NOW = Date.parse('2026-11-26T03:00:00Z');

function validate(rows: readonly TaggedRow[]): void {
  for (const tagged of rows) {
    const result = ENTITY_SCHEMAS[tagged.entity].safeParse(tagged.row);
    expect(result.success, `${tagged.entity} ${JSON.stringify(result.error?.issues)}`).toBe(true);
  }
}

describe('demo data', () => {
  const { rows } = buildDemoData(NOW);
  const of = <E extends TaggedRow['entity']>(entity: E) =>
    rows.filter((r) => r.entity === entity).map((r) => r.row) as Extract<TaggedRow, { entity: E }>['row'][];

  it('is valid against the model', () => validate(rows));

  it('has incidents in every status, an open level 1 and some about to breach', () => {
    const incidents = of('incident') as Incident[];
    expect(new Set(incidents.map((i) => i.status))).toEqual(
      new Set(['new', 'in_progress', 'waiting_customer', 'resolved', 'closed']),
    );
    const openL1 = incidents.filter(
      (i) => i.severity === 1 && i.status !== 'resolved' && i.status !== 'closed',
    );
    expect(openL1.length).toBeGreaterThan(0);
    // A level 1 received 24 minutes ago, unanswered: 6 of 30 minutes left.
    expect(
      openL1.some((i) => i.firstResponseAt === null && NOW - Date.parse(i.receivedAt) === 24 * 60_000),
    ).toBe(true);
  });

  it('has requests in every stage of both workflows, with consistent histories', () => {
    const requests = of('request') as Request[];
    for (const type of ['signature_release', 'private_patch'] as const) {
      expect(new Set(requests.filter((r) => r.type === type).map((r) => r.stage))).toEqual(
        new Set(Object.keys(REQUEST_WORKFLOWS[type])),
      );
    }
    for (const r of requests) expect(r.stageHistory.at(-1)?.stage).toBe(r.stage);
  });

  it('is bilingual and has health checks, reports, absences and a duty roster', () => {
    const customers = of('customer');
    expect(
      customers.every(
        (c) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(c.nameJa) && /^[\x20-\x7e]+$/.test(c.nameLatin),
      ),
    ).toBe(true);
    expect(new Set(customers.map((c) => c.calendar.timeZone)).size).toBeGreaterThan(1);
    expect(of('healthCheck').some((h) => h.status === 'completed' && h.findings.length > 0)).toBe(true);
    expect(of('healthCheck').some((h) => h.status === 'scheduled')).toBe(true);
    expect(new Set(of('report').map((r) => r.kind))).toEqual(new Set(['daily', 'quarterly']));
    expect(of('absence').length).toBeGreaterThan(0);
    expect(of('dutyShift').length).toBeGreaterThan(0);
  });

  it("logs the past quarters' reports: only Fabrikam's last completed quarter is left to send, and a report is coming up", () => {
    // At the suite's instant and around a year end (the Sakura closure), a month end and a leap day.
    for (const at of [
      NOW,
      Date.parse('2026-12-30T12:00:00Z'),
      Date.parse('2027-01-03T23:00:00Z'),
      Date.parse('2028-02-29T03:00:00Z'),
    ]) {
      const built = buildDemoData(at).rows;
      const reports = built.filter((r) => r.entity === 'report').map((r) => r.row) as Report[];
      const customers = built.filter((r) => r.entity === 'customer').map((r) => r.row) as Customer[];
      const now = new Date(at).toISOString();
      for (const c of customers) {
        const schedule = customerQuarterlySchedule({ customer: c, now }, reports);
        const unsentEnded = schedule.periods.filter((p) => p.status !== 'sent' && p.end < localToday(c, at));
        if (c.nameLatin.startsWith('Fabrikam'))
          expect(
            unsentEnded.map((p) => p.index),
            `${c.nameLatin} at ${now}`,
          ).toEqual([schedule.periods.length - 1]);
        else expect(schedule.overdue, `${c.nameLatin} at ${now}`).toEqual([]);
        expect(schedule.periods.filter((p) => p.status === 'sent').length, c.nameLatin).toBeGreaterThan(0);
        // Logged reports are sent after their quarter ended, never while it ran.
        for (const r of reports.filter((x) => x.customerId === c.id && x.kind === 'quarterly'))
          expect(r.sentAt > r.periodEnd).toBe(true);
      }
      expect(upcomingQuarterlyReports(customers, reports, at).length, now).toBeGreaterThan(0);
    }
  });
});

describe('scale generator', () => {
  it('makes the same valid data for the same seed, other data for another seed', () => {
    const options = { customers: 7, incidents: 40, events: 100, seed: 42, chunkSize: 25 };
    const a = [...generateScaleData(options).chunks()].flat();
    const b = [...generateScaleData(options).chunks()].flat();
    const c = [...generateScaleData({ ...options, seed: 43 }).chunks()].flat();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
    validate(a);
    const count = (entity: string) => a.filter((r) => r.entity === entity).length;
    expect([count('customer'), count('incident'), count('timelineEvent')]).toEqual([7, 40, 100]);
    expect(
      Math.max(...[...generateScaleData(options).chunks()].map((chunk) => chunk.length)),
    ).toBeLessThanOrEqual(25);
  });
});

describe.each(engineCases())('seeding on $engine', ({ engine, skip }) => {
  let tdb: TestDatabase;
  let db: Db;
  let server: RunningApi;

  beforeAll(async () => {
    if (skip) return;
    tdb = await createTestDatabase(engine);
    db = await openDatabase(tdb.config);
    server = await startApi({ db });
  });
  afterAll(async () => {
    if (skip) return;
    await server?.close();
    await db?.close();
    await tdb?.drop();
  });

  it.skipIf(!!skip)('seeds the demo once, with its logins, and keeps the two TAMs apart', async () => {
    expect(await seedDemo(db, 'pw-demo', NOW)).toEqual({ seeded: true });
    expect(await seedDemo(db, 'pw-demo-2', NOW)).toEqual({ seeded: false });
    for (const l of DEMO_LOGINS) expect(await login(server.base, l.email, 'pw-demo-2')).toBeTruthy();
    const tam1 = new TestReplica(server.base, await login(server.base, 'tam1@example.com', 'pw-demo-2'));
    const tam2 = new TestReplica(server.base, await login(server.base, 'tam2@example.com', 'pw-demo-2'));
    const manager = new TestReplica(
      server.base,
      await login(server.base, 'manager@example.com', 'pw-demo-2'),
    );
    await Promise.all([tam1.pullAll(), tam2.pullAll(), manager.pullAll()]);
    const c1 = tam1.ids('customer');
    const c2 = tam2.ids('customer');
    expect(c1.length).toBeGreaterThan(0);
    expect(c2.length).toBeGreaterThan(0);
    expect(c1.filter((id) => c2.includes(id))).toEqual([]);
    expect(manager.ids('customer').sort()).toEqual([...c1, ...c2].sort());
  });

  it.skipIf(!!skip)('loads scale data that users can pull', async () => {
    const summary = await loadScaleData(db, {
      customers: 12,
      incidents: 120,
      events: 600,
      customersPerTam: 4,
      tamsPerManager: 2,
      password: 'scale-pw',
    });
    expect(summary.rows).toBeGreaterThan(120 + 600);
    const tam = summary.users.find((u) => u.role === 'tam')!;
    const replica = new TestReplica(server.base, await login(server.base, tam.email, 'scale-pw'));
    await replica.pullAll(200);
    const customers = replica.ids('customer').map((id) => replica.get('customer', id)!);
    expect(customers.filter((c) => c.tamId === tam.id)).toHaveLength(4);
    expect(customers.every((c) => c.tamId === tam.id || c.backupTamId === tam.id)).toBe(true);
    const res = await http(server.base, 'GET', '/v1/health');
    expect(res.body.db).toBe(engine);
  });
});
