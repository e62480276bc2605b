import { describe, expect, it } from 'vitest';
import { addDays, checkPeriod, dayNumber, daysOf, isoWeekday, monthsOf } from './period';

describe('local-date periods', () => {
  it('lists every month the period touches, partial ones included', () => {
    expect(monthsOf({ from: '2025-11-15', to: '2026-02-02' })).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    // `to` is exclusive: a period ending on the 1st does not touch that month.
    expect(monthsOf({ from: '2026-01-01', to: '2026-04-01' })).toEqual(['2026-01', '2026-02', '2026-03']);
  });

  it('lists the days of a period across a month end and a leap day', () => {
    expect(daysOf({ from: '2028-02-27', to: '2028-03-02' })).toEqual([
      '2028-02-27',
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
    ]);
  });

  it('adds days and knows the weekday', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(isoWeekday('2026-03-01')).toBe(7); // a Sunday
    expect(isoWeekday('2026-03-02')).toBe(1);
  });

  it('rejects impossible dates and empty periods', () => {
    expect(() => dayNumber('2026-02-30')).toThrow(RangeError);
    expect(() => dayNumber('2026-2-3')).toThrow(RangeError);
    expect(() => checkPeriod({ from: '2026-03-01', to: '2026-03-01' })).toThrow(RangeError);
    expect(() => monthsOf({ from: '2026-04-01', to: '2026-03-01' })).toThrow(RangeError);
  });
});
