import { describe, expect, it } from 'vitest';
import { compareFigures, figuresOfSummary, improvementsAndSetbacks, previousPeriod } from './comparison';
import { portfolioComparison } from './portfolio-comparison';
import { buildQuarterlyReport } from '../reports/quarterly/report';
import type { SummarySection } from '../reports/quarterly/report';
import { customerQuarterlySchedule } from './schedule';
import { customer, incident, user, uuid } from './testing/fixtures';

describe('compareFigures', () => {
  it('says per figure whether the change improved, worsened, changed (neutral) or stayed', () => {
    const f = compareFigures(
      { received: 12, receivedLevel1: 1, resolved: 9, slaMetPct: 95, breaches: 3, openAtEnd: 2 },
      { received: 10, receivedLevel1: 2, resolved: 9, slaMetPct: 80, breaches: 1, openAtEnd: null },
    );
    expect(f).toEqual([
      { key: 'received', current: 12, previous: 10, change: 2, trend: 'changed' },
      { key: 'receivedLevel1', current: 1, previous: 2, change: -1, trend: 'improved' },
      { key: 'resolved', current: 9, previous: 9, change: 0, trend: 'unchanged' },
      { key: 'slaMetPct', current: 95, previous: 80, change: 15, trend: 'improved' },
      { key: 'breaches', current: 3, previous: 1, change: 2, trend: 'worsened' },
      { key: 'openAtEnd', current: 2, previous: null, change: null, trend: 'not_comparable' },
    ]);
    const { improved, worsened } = improvementsAndSetbacks(f);
    expect(improved.map((x) => x.key)).toEqual(['receivedLevel1', 'slaMetPct']);
    expect(worsened.map((x) => x.key)).toEqual(['breaches']);
  });
});

describe('previousPeriod', () => {
  const c = customer({ contractStart: '2025-10-01', contractEnd: '2026-09-30' });
  const schedule = customerQuarterlySchedule({ customer: c, now: '2026-02-10T12:00:00+09:00' }, []);
  it('the previous contract quarter', () => {
    expect(previousPeriod({ from: '2026-01-01', to: '2026-04-01' }, schedule)).toEqual({
      from: '2025-10-01',
      to: '2026-01-01',
    });
  });
  it('the first contract quarter: the same months before; a calendar quarter across a year; a custom period: the same days before', () => {
    expect(previousPeriod({ from: '2025-10-01', to: '2026-01-01' }, schedule)).toEqual({
      from: '2025-07-01',
      to: '2025-10-01',
    });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-04-01' })).toEqual({
      from: '2025-10-01',
      to: '2026-01-01',
    });
    expect(previousPeriod({ from: '2026-02-10', to: '2026-02-20' })).toEqual({
      from: '2026-01-31',
      to: '2026-02-10',
    });
  });
});

const sato = user(uuid('sato'), '佐藤 花子');
const c = customer({
  id: uuid('cmp'),
  contractStart: '2025-10-01',
  contractEnd: '2026-09-30',
  tamId: sato.id,
});
const i = (n: string, receivedAt: string, firstResponseAt: string | null, severity: 1 | 2 | 3 | 4 = 2) =>
  incident({
    id: uuid(`cmp-${n}`),
    customerId: c.id,
    severity,
    receivedAt,
    firstResponseAt,
    resolvedAt: firstResponseAt,
  });
const incidents = [
  // Q1 (Oct-Dec): two missed level-2 answers, one met.
  i('a', '2025-10-10T10:00:00+09:00', '2025-10-10T16:00:00+09:00'),
  i('b', '2025-11-10T10:00:00+09:00', '2025-11-10T16:00:00+09:00'),
  i('c', '2025-12-10T10:00:00+09:00', '2025-12-10T10:30:00+09:00'),
  // Q2 (Jan-Mar, current at now): two met.
  i('d', '2026-01-15T10:00:00+09:00', '2026-01-15T10:30:00+09:00'),
  i('e', '2026-02-02T10:00:00+09:00', '2026-02-02T10:30:00+09:00'),
];
const now = '2026-02-10T12:00:00+09:00';

describe('quarter over quarter in the quarterly report and the portfolio', () => {
  it("the report's summary compares with the previous contract quarter, whose figures equal that quarter's own report", () => {
    const base = {
      customer: c,
      incidents,
      events: [],
      requests: [],
      healthChecks: [],
      reportLog: [],
      users: [sato],
      locale: 'en' as const,
      now,
    };
    const summaryOf = (from: string, to: string) =>
      buildQuarterlyReport({ ...base, period: { from, to } }).sections.find(
        (s) => s.key === 'summary',
      ) as SummarySection;
    const q2 = summaryOf('2026-01-01', '2026-04-01');
    const q1 = summaryOf('2025-10-01', '2026-01-01');
    expect(q2.comparison.previousPeriod).toEqual({ from: '2025-10-01', to: '2026-01-01' });
    expect(q2.comparison.figures.map((f) => f.previous)).toEqual(Object.values(figuresOfSummary(q1)));
    expect(q2.comparison.figures.map((f) => f.current)).toEqual(Object.values(figuresOfSummary(q2)));
    const byKey = Object.fromEntries(q2.comparison.figures.map((f) => [f.key, f]));
    expect(byKey.slaMetPct).toMatchObject({ current: 100, previous: 33.3, trend: 'improved' });
    expect(byKey.breaches).toMatchObject({ current: 0, previous: 2, change: -2, trend: 'improved' });
    expect(byKey.received).toMatchObject({ current: 2, previous: 3, trend: 'changed' });
  });

  it('the portfolio compares the current contract quarter with the one before', () => {
    const row = portfolioComparison({ customers: [c], incidents, reportLog: [], now }).get(c.id)!;
    expect(row.period).toEqual({ from: '2026-01-01', to: '2026-04-01' });
    expect(row.previousPeriod).toEqual({ from: '2025-10-01', to: '2026-01-01' });
    expect(row.figures).toEqual([
      { key: 'slaMetPct', current: 100, previous: 33.3, change: 66.7, trend: 'improved' },
      { key: 'breaches', current: 0, previous: 2, change: -2, trend: 'improved' },
      { key: 'received', current: 2, previous: 3, change: -1, trend: 'changed' },
    ]);
  });
});
