import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { dailyReportStatus } from './daily-report';
import type { Calendar, DailyReportInput, OpenIncident, ReportLogEntry } from './schemas';

const ms = (iso: string | null): number => DateTime.fromISO(iso ?? 'missing').toMillis();
const tokyo: Calendar = { timeZone: 'Asia/Tokyo', country: 'JP' };
const inc: OpenIncident = { incidentId: 'INC-1', severity: 1, receivedAt: '2026-11-26T10:00:00+09:00' };
const run = (over: Partial<DailyReportInput>) =>
  dailyReportStatus({
    calendar: tokyo,
    incidents: [inc],
    log: [],
    now: '2026-11-27T12:00:00+09:00',
    ...over,
  });

describe('daily report of level-1 incidents', () => {
  it('is due until the cut-off (18:00 customer time) and overdue after it', () => {
    const [due] = run({});
    expect(due).toMatchObject({ incidentId: 'INC-1', date: '2026-11-27', status: 'due', sentAt: null });
    expect(ms(due?.dueBy ?? null)).toBe(ms('2026-11-27T18:00:00+09:00'));
    expect(run({ now: '2026-11-27T17:59:59+09:00' })[0]?.status).toBe('due');
    expect(run({ now: '2026-11-27T18:00:00+09:00' })[0]?.status).toBe('overdue');
    expect(run({ now: '2026-11-27T23:59:00+09:00' })[0]?.status).toBe('overdue');
    expect(run({ now: '2026-11-28T00:00:00+09:00' })[0]).toMatchObject({ date: '2026-11-28', status: 'due' });
  });

  it("is done once today's report is logged, whatever the channel", () => {
    const log: ReportLogEntry[] = [
      { incidentId: 'INC-1', kind: 'daily', sentAt: '2026-11-26T17:00:00+09:00', via: 'email' },
      { incidentId: 'INC-1', kind: 'daily', sentAt: '2026-11-27T09:30:00+09:00', via: 'phone' },
    ];
    const [done] = run({ log, now: '2026-11-27T20:00:00+09:00' });
    expect(done).toMatchObject({ status: 'done', via: 'phone' });
    expect(ms(done?.sentAt ?? null)).toBe(ms('2026-11-27T09:30:00+09:00'));
  });

  it("does not count yesterday's report, another incident's, or a report logged after now", () => {
    const log: ReportLogEntry[] = [
      { incidentId: 'INC-1', kind: 'daily', sentAt: '2026-11-26T17:00:00+09:00', via: 'email' },
      { incidentId: 'INC-2', kind: 'daily', sentAt: '2026-11-27T09:00:00+09:00', via: 'email' },
      { incidentId: 'INC-1', kind: 'daily', sentAt: '2026-11-27T13:00:00+09:00', via: 'email' },
      { kind: 'quarterly', periodStart: '2026-08-27', sentAt: '2026-11-27T09:00:00+09:00' },
    ];
    expect(run({ log })[0]?.status).toBe('due');
  });

  it('is not owed on the day of receipt when received after the cut-off', () => {
    const late: OpenIncident = { ...inc, receivedAt: '2026-11-27T19:00:00+09:00' };
    expect(run({ incidents: [late], now: '2026-11-27T20:00:00+09:00' })[0]).toMatchObject({
      status: 'not_owed',
      notOwedReason: 'received_after_cutoff',
      dueBy: null,
    });
    expect(run({ incidents: [late], now: '2026-11-28T10:00:00+09:00' })[0]?.status).toBe('due');
    const early: OpenIncident = { ...inc, receivedAt: '2026-11-27T10:00:00+09:00' };
    expect(run({ incidents: [early], now: '2026-11-27T11:00:00+09:00' })[0]?.status).toBe('due');
  });

  it('lists only open level-1 incidents received by now', () => {
    const items = run({
      incidents: [
        inc,
        { incidentId: 'INC-2', severity: 2, receivedAt: '2026-11-26T10:00:00+09:00' },
        {
          incidentId: 'INC-3',
          severity: 1,
          receivedAt: '2026-11-26T10:00:00+09:00',
          closedAt: '2026-11-27T08:00:00+09:00',
        },
        {
          incidentId: 'INC-4',
          severity: 1,
          receivedAt: '2026-11-26T10:00:00+09:00',
          closedAt: '2026-11-27T13:00:00+09:00',
        },
        { incidentId: 'INC-5', severity: 1, receivedAt: '2026-11-27T13:00:00+09:00' },
      ],
    });
    expect(items.map((i) => i.incidentId)).toEqual(['INC-1', 'INC-4']);
  });

  it('takes a configurable cut-off and can skip non-business days', () => {
    expect(run({ cutoff: '12:00' })[0]?.status).toBe('overdue');
    expect(run({ cutoff: '12:01' })[0]?.status).toBe('due');
    const saturday = '2026-11-28T10:00:00+09:00';
    expect(run({ now: saturday })[0]?.status).toBe('due'); // level 1 runs 24/7: every day by default
    expect(run({ now: saturday, businessDaysOnly: true })[0]).toMatchObject({
      status: 'not_owed',
      notOwedReason: 'not_a_business_day',
    });
  });

  it("counts days in the customer's zone", () => {
    const ny: Calendar = { timeZone: 'America/New_York', country: 'US' };
    const items = dailyReportStatus({
      calendar: ny,
      incidents: [{ incidentId: 'INC-1', severity: 1, receivedAt: '2026-11-25T10:00:00-05:00' }],
      log: [{ incidentId: 'INC-1', kind: 'daily', sentAt: '2026-11-27T01:00:00Z', via: 'email' }], // 20:00 on the 26th in NY
      now: '2026-11-27T03:00:00Z', // 22:00 on the 26th in NY
    });
    expect(items[0]).toMatchObject({ date: '2026-11-26', status: 'done' });
    expect(ms(items[0]?.dueBy ?? null)).toBe(ms('2026-11-26T18:00:00-05:00'));
  });
});
