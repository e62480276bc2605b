import { describe, expect, it } from 'vitest';
import { upcomingQuarterlyReports } from '../today/agenda';
import { portfolioRows } from './portfolio';
import { customerQuarterlySchedule, nextQuarterlyReport } from './schedule';
import { customer, report, uuid } from './testing/fixtures';

// A Japanese customer with a year-end closure (29 Dec - 3 Jan): the quarter Oct-Dec 2026 ends on
// 31 Dec, so its report is due on the next business day, Monday 4 January 2027.
const c = customer({
  id: uuid('q'),
  contractStart: '2026-01-01',
  contractEnd: '2028-12-31',
  calendar: {
    timeZone: 'Asia/Tokyo',
    country: 'JP',
    closures: ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03'],
  },
});
const sent = (periodStart: string, periodEnd: string) =>
  report(uuid(`r-${periodStart}`), c.id, { periodStart, periodEnd, sentAt: `${periodEnd}T09:00:00Z` });
const log = [
  sent('2026-01-01', '2026-03-31'),
  sent('2026-04-01', '2026-06-30'),
  sent('2026-07-01', '2026-09-30'),
];
const now = '2026-12-10T10:00:00+09:00';

describe('the quarterly report due date, one rule for every screen', () => {
  it('moves off the closure to the next business day', () => {
    const owed = nextQuarterlyReport(customerQuarterlySchedule({ customer: c, now }, log));
    expect(owed).toMatchObject({ dueDate: '2027-01-04', overdue: false, overdueCount: 0 });
    expect(owed.period).toMatchObject({ start: '2026-10-01', end: '2026-12-31', endExclusive: '2027-01-01' });
  });

  it('is the same date on Today, in the manager table and on the quarterly pages', () => {
    const pages = nextQuarterlyReport(customerQuarterlySchedule({ customer: c, now }, log)).dueDate;
    const table = portfolioRows({
      customers: [c],
      incidents: [],
      users: [],
      healthChecks: [],
      reportLog: log,
      now,
    })[0]?.nextQuarterlyReport.dueDate;
    const today = upcomingQuarterlyReports([c], log, now).map((u) => u.period.dueDate);
    expect([pages, table, ...today]).toEqual(['2027-01-04', '2027-01-04', '2027-01-04']);
  });

  it('shows the oldest overdue report first, the same on every screen', () => {
    const partial = log.slice(0, 1);
    const pages = nextQuarterlyReport(customerQuarterlySchedule({ customer: c, now }, partial));
    const table = portfolioRows({
      customers: [c],
      incidents: [],
      users: [],
      healthChecks: [],
      reportLog: partial,
      now,
    })[0]?.nextQuarterlyReport;
    const today = upcomingQuarterlyReports([c], partial, now);
    // The Apr-Jun quarter's report was due 1 July 2026: overdue, with the Jul-Sep one.
    expect(pages).toMatchObject({ dueDate: '2026-07-01', overdue: true, overdueCount: 2 });
    expect(table?.dueDate).toBe(pages.dueDate);
    expect(today[0]).toMatchObject({ overdueCount: 2, period: { dueDate: pages.dueDate } });
  });
});
