import { describe, expect, it } from 'vitest';
import {
  calendarQuarterOf,
  firstOwedQuarterly,
  quarterHasEnded,
  quarterlyDueDate,
  quarterlyPeriodBoundaries,
  quarterlySchedule,
} from './quarterly';
import type { Calendar } from './schemas';

const ALL_DAY: [string, string][] = [['00:00', '24:00']];
/** Open every day of the week: due dates move only for holidays and closures. */
const everyDay = (timeZone: string, country = 'JP'): Calendar => ({
  timeZone,
  country,
  weekly: {
    mon: ALL_DAY,
    tue: ALL_DAY,
    wed: ALL_DAY,
    thu: ALL_DAY,
    fri: ALL_DAY,
    sat: ALL_DAY,
    sun: ALL_DAY,
  },
});

describe('quarterly period boundaries', () => {
  it('are every 3 months from the start, clamped to the month end, never drifting', () => {
    expect(quarterlyPeriodBoundaries('2025-11-30', 4)).toEqual([
      '2026-02-28',
      '2026-05-30',
      '2026-08-30',
      '2026-11-30',
    ]);
    expect(quarterlyPeriodBoundaries('2027-11-30', 2)).toEqual(['2028-02-29', '2028-05-30']);
    expect(quarterlyPeriodBoundaries('2026-08-31', 3)).toEqual(['2026-11-30', '2027-02-28', '2027-05-31']);
  });
});

describe('quarterly schedule', () => {
  const contract = { start: '2025-11-30' };

  it('lists the periods so far with their status, the next one and the overdue ones', () => {
    const s = quarterlySchedule({
      contract,
      calendar: everyDay('Asia/Tokyo'),
      log: [],
      now: '2026-03-01T10:00:00+09:00',
    });
    expect(s.periods).toEqual([
      {
        index: 1,
        start: '2025-11-30',
        end: '2026-02-27',
        endExclusive: '2026-02-28',
        dueDate: '2026-02-28',
        status: 'overdue',
        sentAt: null,
      },
      {
        index: 2,
        start: '2026-02-28',
        end: '2026-05-29',
        endExclusive: '2026-05-30',
        dueDate: '2026-05-30',
        status: 'upcoming',
        sentAt: null,
      },
    ]);
    expect(s.next?.index).toBe(2);
    expect(s.overdue.map((p) => p.index)).toEqual([1]);
  });

  it('marks a period sent from the report log', () => {
    const s = quarterlySchedule({
      contract,
      calendar: everyDay('Asia/Tokyo'),
      log: [{ kind: 'quarterly', periodStart: '2025-11-30', sentAt: '2026-02-27T15:00:00+09:00' }],
      now: '2026-03-01T10:00:00+09:00',
    });
    expect(s.periods[0]?.status).toBe('sent');
    expect(s.periods[0]?.sentAt).toBe('2026-02-27T15:00:00.000+09:00');
    expect(s.overdue).toEqual([]);
  });

  it("is due on the due date and overdue the day after, in the customer's zone", () => {
    const now = '2026-02-28T16:00:00Z'; // Mar 1 01:00 in Tokyo, Feb 28 11:00 in New York
    expect(
      quarterlySchedule({ contract, calendar: everyDay('Asia/Tokyo'), log: [], now }).periods[0]?.status,
    ).toBe('overdue');
    const ny = quarterlySchedule({ contract, calendar: everyDay('America/New_York', 'US'), log: [], now });
    expect(ny.periods[0]?.status).toBe('due');
    expect(ny.next?.index).toBe(1);
  });

  it('stops at the contract end, with a shorter last period due the next day', () => {
    const s = quarterlySchedule({
      contract: { start: '2026-01-01', end: '2026-06-15' },
      calendar: everyDay('Asia/Tokyo'),
      log: [],
      now: '2026-12-01T00:00:00+09:00',
    });
    expect(s.periods.map((p) => [p.start, p.end, p.dueDate])).toEqual([
      ['2026-01-01', '2026-03-31', '2026-04-01'],
      ['2026-04-01', '2026-06-15', '2026-06-16'],
    ]);
    expect(s.next).toBeNull();
    expect(s.overdue).toHaveLength(2);
  });

  it('shows the first period before the contract has started', () => {
    const s = quarterlySchedule({
      contract: { start: '2027-01-01' },
      calendar: everyDay('UTC', 'GB'),
      log: [],
      now: '2026-12-01T00:00:00Z',
    });
    expect(s.periods.map((p) => [p.index, p.status])).toEqual([[1, 'upcoming']]);
  });
});

describe('quarterly due dates on the business calendar', () => {
  // Sakura-style year-end closure: 29 December to 3 January.
  const closed: Calendar = {
    timeZone: 'Asia/Tokyo',
    country: 'JP',
    closures: ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03'],
  };

  it('moves a due date that falls in a closure to the next business day', () => {
    // The quarter Oct-Dec 2026 ends on 31 Dec; 1-3 Jan are closed, 4 Jan 2027 is a Monday.
    expect(quarterlyDueDate(closed, '2027-01-01')).toBe('2027-01-04');
    const s = quarterlySchedule({
      contract: { start: '2026-10-01' },
      calendar: closed,
      log: [],
      now: '2026-12-03T10:00:00+09:00',
    });
    expect(s.periods[0]).toMatchObject({
      start: '2026-10-01',
      end: '2026-12-31',
      endExclusive: '2027-01-01',
      dueDate: '2027-01-04',
      status: 'upcoming',
    });
  });

  it('moves a due date off a public holiday and a weekend, never the period', () => {
    // No closures: 1 Jan 2027 (元日) is a holiday, 2-3 Jan a weekend.
    expect(quarterlyDueDate({ timeZone: 'Asia/Tokyo', country: 'JP' }, '2027-01-01')).toBe('2027-01-04');
    // 28 Feb 2026 is a Saturday.
    expect(quarterlyDueDate({ timeZone: 'Asia/Tokyo', country: 'JP' }, '2026-02-28')).toBe('2026-03-02');
    // A business day stays.
    expect(quarterlyDueDate({ timeZone: 'Asia/Tokyo', country: 'JP' }, '2026-04-01')).toBe('2026-04-01');
  });

  it('is due on the moved date and overdue only after it', () => {
    const contract = { start: '2026-10-01' };
    const on = (now: string) =>
      quarterlySchedule({ contract, calendar: closed, log: [], now }).periods[0]?.status;
    expect(on('2027-01-02T10:00:00+09:00')).toBe('upcoming');
    expect(on('2027-01-04T10:00:00+09:00')).toBe('due');
    expect(on('2027-01-05T10:00:00+09:00')).toBe('overdue');
  });

  it('names the report owed first: the oldest overdue one, else the next', () => {
    const contract = { start: '2026-01-01' };
    const calendar: Calendar = { timeZone: 'Asia/Tokyo', country: 'JP' };
    const now = '2026-12-03T10:00:00+09:00';
    const none = quarterlySchedule({ contract, calendar, log: [], now });
    expect(firstOwedQuarterly(none)?.start).toBe('2026-01-01');
    const log = ['2026-01-01', '2026-04-01', '2026-07-01'].map((periodStart) => ({
      kind: 'quarterly' as const,
      periodStart,
      sentAt: '2026-11-01T00:00:00Z',
    }));
    const sent = quarterlySchedule({ contract, calendar, log, now });
    expect(firstOwedQuarterly(sent)).toMatchObject({
      start: '2026-10-01',
      dueDate: '2027-01-04',
      status: 'upcoming',
    });
  });
});

describe('quarter naming and running quarters', () => {
  it('gives the calendar quarter only where the period is exactly one', () => {
    expect(calendarQuarterOf({ start: '2026-10-01', end: '2026-12-31' })).toEqual({ year: 2026, quarter: 4 });
    expect(calendarQuarterOf({ start: '2026-01-01', end: '2026-03-31' })).toEqual({ year: 2026, quarter: 1 });
    expect(calendarQuarterOf({ start: '2026-11-01', end: '2027-01-31' })).toBeNull();
    expect(calendarQuarterOf({ start: '2026-10-01', end: '2026-12-15' })).toBeNull();
  });

  it('a quarter has ended only once its last day is over', () => {
    expect(quarterHasEnded({ end: '2026-12-31' }, '2026-12-31')).toBe(false);
    expect(quarterHasEnded({ end: '2026-12-31' }, '2027-01-01')).toBe(true);
  });
});
