// Demo and scale data: valid rows, the promised variety, determinism, and loading on both engines.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_SCHEMAS } from '../../shared/model/entities';
import type {
  Customer,
  HealthCheck,
  Incident,
  Report,
  Request,
  TaggedRow,
} from '../../shared/model/entities';
import { REQUEST_WORKFLOWS } from '../../shared/mutations';
import { openDatabase } from '../db';
import type { Db } from '../db';
import { TestReplica, createTestDatabase, engineCases, http, login, startApi } from '../testing/harness';
import type { RunningApi, TestDatabase } from '../testing/harness';
import { customerQuarterlySchedule } from '../../shared/analytics/schedule';
import { upcomingQuarterlyReports } from '../../shared/today/agenda';
import { contractYearOf, localDateOf } from '../../shared/sla/index';
import { DEMO_LOGINS, buildDemoData, seedDemo } from './demo';
import { HISTORY_MONTHS } from './history';
import { customerContext } from '../../shared/analytics/context';
import { incidentFacts } from '../../shared/analytics/incident-facts';

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

  it('has 18 months of history per customer: every level and outcome, daily reports on time and late', () => {
    const incidents = of('incident') as Incident[];
    const reports = of('report') as Report[];
    const now = new Date(NOW).toISOString();
    for (const c of of('customer')) {
      const mine = incidents.filter((i) => i.customerId === c.id);
      // Every one of the 18 months before this one has incidents, in the customer's zone.
      const months = new Set(
        mine.map((i) => DateTime.fromISO(i.receivedAt).setZone(c.calendar.timeZone).toFormat('yyyy-MM')),
      );
      const thisMonth = DateTime.fromMillis(NOW).setZone(c.calendar.timeZone).startOf('month');
      for (let back = 1; back <= HISTORY_MONTHS; back++)
        expect(
          months.has(thisMonth.minus({ months: back }).toFormat('yyyy-MM')),
          `${c.nameLatin} -${back}`,
        ).toBe(true);
      expect(new Set(mine.map((i) => i.severity))).toEqual(new Set([1, 2, 3, 4]));
      // The SLA engine sees met and missed (answered late) responses, closed and still open incidents.
      const facts = incidentFacts(customerContext(c, now), mine);
      const kinds = new Set(facts.map((f) => f.outcome?.kind));
      expect(kinds.has('met'), c.nameLatin).toBe(true);
      expect(kinds.has('missed'), c.nameLatin).toBe(true);
      expect(mine.some((i) => i.status === 'closed')).toBe(true);
      for (const i of mine) expect(Date.parse(i.firstResponseAt ?? i.receivedAt)).toBeLessThanOrEqual(NOW);
      for (const i of mine) if (i.resolvedAt) expect(Date.parse(i.resolvedAt)).toBeLessThan(NOW);
    }
    // Still open from the history: answered (no alert is owed), levels 3 and 4.
    const oldOpen = incidents.filter(
      (i) => !['resolved', 'closed'].includes(i.status) && NOW - Date.parse(i.receivedAt) > 20 * 86_400_000,
    );
    expect(oldOpen.length).toBeGreaterThan(0);
    expect(oldOpen.every((i) => i.firstResponseAt !== null && i.severity >= 3)).toBe(true);
    // Breaches escalated; daily reports of level-1 incidents before and after the day's cutoff.
    expect(of('timelineEvent').some((e) => e.kind === 'escalation')).toBe(true);
    const daily = reports.filter((r) => r.kind === 'daily');
    const hour = (r: Report) => DateTime.fromISO(r.sentAt).setZone(customerOf(r).calendar.timeZone).hour;
    const customerOf = (r: Report) => of('customer').find((c) => c.id === r.customerId)!;
    expect(daily.some((r) => hour(r) < 18)).toBe(true);
    expect(daily.some((r) => hour(r) >= 18)).toBe(true);
    // Quarterly reports sent on their due date and after it.
    expect(reports.some((r) => r.kind === 'quarterly' && r.note?.includes('late'))).toBe(true);
    expect(reports.some((r) => r.kind === 'quarterly' && !r.note?.includes('late'))).toBe(true);
  });

  it('has a health check in every contract year: completed in the past ones, scheduled in the running one', () => {
    const checks = of('healthCheck');
    for (const c of of('customer')) {
      const mine = checks.filter((h) => h.customerId === c.id);
      const years = mine.map((h) => contractYearOf(c.contractStart, h.scheduledDate));
      expect(new Set(years).size, c.nameLatin).toBe(mine.length);
      const today = localToday(c, NOW);
      const running = contractYearOf(c.contractStart, today);
      for (let y = 1; y < running; y++)
        expect(mine.some((h, k) => years[k] === y && h.status === 'completed')).toBe(true);
      expect(mine.some((h) => h.status === 'scheduled')).toBe(true);
    }
  });

  it('is deterministic for the same clock and follows the clock', () => {
    expect(JSON.stringify(buildDemoData(NOW).rows)).toBe(JSON.stringify(rows));
    const later = buildDemoData(NOW + 40 * 86_400_000).rows;
    const latest = Math.max(
      ...later.filter((r) => r.entity === 'incident').map((r) => Date.parse((r.row as Incident).receivedAt)),
    );
    expect(latest).toBeLessThanOrEqual(NOW + 40 * 86_400_000);
    const earliest = Math.min(
      ...later.filter((r) => r.entity === 'incident').map((r) => Date.parse((r.row as Incident).receivedAt)),
    );
    expect(earliest).toBeGreaterThan(NOW + 40 * 86_400_000 - (HISTORY_MONTHS + 1) * 31 * 86_400_000);
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

  it('gives each customer 18 months of history before its clock: health checks, quarterly and daily reports', () => {
    const nowMs = Date.parse('2027-03-15T00:00:00Z');
    const rows = [
      ...generateScaleData({ customers: 3, incidents: 300, events: 10, seed: 5, nowMs }).chunks(),
    ].flat();
    validate(rows);
    const of = (entity: string) => rows.filter((r) => r.entity === entity).map((r) => r.row);
    const received = (of('incident') as Incident[]).map((i) => Date.parse(i.receivedAt));
    expect(Math.min(...received)).toBeGreaterThanOrEqual(Date.parse('2025-09-15T00:00:00Z'));
    expect(Math.max(...received)).toBeLessThanOrEqual(nowMs);
    for (const c of of('customer') as Customer[]) {
      expect(c.contractStart).toBe('2025-01-01');
      const checks = (of('healthCheck') as HealthCheck[]).filter((h) => h.customerId === c.id);
      expect(checks.map((h) => [h.scheduledDate.slice(0, 7), h.status])).toEqual([
        ['2025-07', 'completed'],
        ['2026-07', 'completed'],
        ['2027-07', 'scheduled'],
      ]);
      const quarterly = (of('report') as Report[]).filter(
        (r) => r.customerId === c.id && r.kind === 'quarterly',
      );
      // Nine quarters ended (2025-01-01 … 2027-03-31); the last may still be owed if sent late.
      expect(quarterly.length).toBeGreaterThanOrEqual(8);
      for (const r of quarterly) expect(r.sentAt > r.periodEnd && Date.parse(r.sentAt) <= nowMs).toBe(true);
    }
    const sentLate = (of('report') as Report[]).filter(
      (r) => r.kind === 'quarterly' && Date.parse(r.sentAt) - Date.parse(r.periodEnd) > 10 * 86_400_000,
    );
    expect(sentLate.length).toBeGreaterThan(0);
    expect((of('report') as Report[]).some((r) => r.kind === 'daily')).toBe(true);
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

  // Three first syncs of the demo with its 18 months of history: a generous timeout on a shared machine.
  it.skipIf(!!skip)(
    'seeds the demo once, with its logins, and keeps the two TAMs apart',
    async () => {
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
    },
    300_000,
  );

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
