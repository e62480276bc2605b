import { describe, expect, it } from 'vitest';
import { customer, report, uuid } from '../../../shared/analytics/testing/fixtures';
import {
  backlogGranularity,
  contractSchedule,
  currentQuarterChoice,
  customChoiceOf,
  resolvePeriod,
} from './period';

const c = customer({ id: uuid('pc'), contractStart: '2025-10-01', contractEnd: '2026-09-30' });
// Q1 report sent, Q2 overdue, Q3 running (from 2026-04-01).
const log = [
  report(uuid('r1'), c.id, {
    periodStart: '2025-10-01',
    periodEnd: '2025-12-31',
    sentAt: '2026-01-05T10:00:00+09:00',
  }),
];
const now = '2026-05-10T10:00:00+09:00';
const schedule = contractSchedule(c, log, now);

describe('report and chart periods', () => {
  it('lists the contract quarters counted from the contract start', () => {
    // The first report is due on the first business day after the quarter: 1 January is a holiday.
    expect(schedule.periods.map((p) => [p.index, p.start, p.endExclusive, p.dueDate, p.status])).toEqual([
      [1, '2025-10-01', '2026-01-01', '2026-01-02', 'sent'],
      [2, '2026-01-01', '2026-04-01', '2026-04-01', 'overdue'],
      [3, '2026-04-01', '2026-07-01', '2026-07-01', 'upcoming'],
    ]);
  });

  it('charts and the report page open on the running quarter, the last one after the contract', () => {
    expect(currentQuarterChoice(schedule, '2026-05-10')).toEqual({ kind: 'quarter', index: 3 });
    const ended = contractSchedule(c, log, '2027-03-01T10:00:00+09:00');
    expect(currentQuarterChoice(ended, '2027-03-01')).toEqual({ kind: 'quarter', index: 4 });
  });

  it('resolves a quarter to [start, due date)', () => {
    expect(resolvePeriod({ kind: 'quarter', index: 2 }, schedule.periods)).toEqual({
      ok: true,
      period: { from: '2026-01-01', to: '2026-04-01' },
      quarterIndex: 2,
    });
    expect(resolvePeriod({ kind: 'quarter', index: 9 }, schedule.periods)).toEqual({
      ok: false,
      error: 'unknown-quarter',
    });
  });

  it('resolves a custom range with an inclusive end; one that is exactly a quarter is that quarter', () => {
    expect(resolvePeriod({ kind: 'custom', from: '2026-02-01', to: '2026-02-28' }, schedule.periods)).toEqual(
      {
        ok: true,
        period: { from: '2026-02-01', to: '2026-03-01' },
        quarterIndex: null,
      },
    );
    expect(
      resolvePeriod(customChoiceOf({ from: '2026-01-01', to: '2026-04-01' }), schedule.periods),
    ).toMatchObject({ ok: true, quarterIndex: 2 });
    expect(
      resolvePeriod({ kind: 'custom', from: '2026-02-01', to: '2026-02-01' }, schedule.periods),
    ).toMatchObject({ ok: true, period: { to: '2026-02-02' } });
  });

  it('refuses a custom range that ends before it starts or is not made of dates', () => {
    expect(resolvePeriod({ kind: 'custom', from: '2026-03-01', to: '2026-02-01' }, schedule.periods)).toEqual(
      { ok: false, error: 'order' },
    );
    expect(resolvePeriod({ kind: 'custom', from: '', to: '2026-02-01' }, schedule.periods)).toEqual({
      ok: false,
      error: 'invalid-date',
    });
    expect(resolvePeriod({ kind: 'custom', from: '2026-02-30', to: '2026-03-01' }, schedule.periods)).toEqual(
      { ok: false, error: 'invalid-date' },
    );
  });

  it('backlog per day up to a quarter, per week beyond', () => {
    expect(backlogGranularity({ from: '2026-01-01', to: '2026-04-01' })).toBe('day');
    expect(backlogGranularity({ from: '2026-01-01', to: '2026-07-01' })).toBe('week');
  });
});
