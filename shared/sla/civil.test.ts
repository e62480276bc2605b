import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addMonthsClamped,
  civilFromDays,
  daysFromCivil,
  formatHhmm,
  formatLocalDate,
  isoWeekday,
  parseHhmm,
  parseLocalDate,
} from './civil';

describe('civil dates', () => {
  it('counts days from 1970-01-01 like Date.UTC', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2026, 11, 26)).toBe(Date.UTC(2026, 10, 26) / 86_400_000);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    expect(daysFromCivil(2000, 2, 29)).toBe(Date.UTC(2000, 1, 29) / 86_400_000);
  });

  it('round-trips epoch days and agrees with Date on weekdays', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (d) => {
        const { year, month, day } = civilFromDays(d);
        expect(daysFromCivil(year, month, day)).toBe(d);
        const date = new Date(d * 86_400_000);
        expect([date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]).toEqual([
          year,
          month,
          day,
        ]);
        expect(isoWeekday(d)).toBe(date.getUTCDay() === 0 ? 7 : date.getUTCDay());
      }),
    );
  });

  it('parses only real YYYY-MM-DD dates', () => {
    expect(formatLocalDate(parseLocalDate('2028-02-29'))).toBe('2028-02-29');
    expect(parseLocalDate('2026-02-29')).toBeNaN();
    expect(parseLocalDate('2026-13-01')).toBeNaN();
    expect(parseLocalDate('2026-1-01')).toBeNaN();
    expect(parseLocalDate('2026-01-01T00:00')).toBeNaN();
  });

  it('adds months clamping to the end of the month, from the anchor', () => {
    const nov30 = parseLocalDate('2025-11-30');
    expect(formatLocalDate(addMonthsClamped(nov30, 3))).toBe('2026-02-28');
    expect(formatLocalDate(addMonthsClamped(nov30, 6))).toBe('2026-05-30');
    expect(formatLocalDate(addMonthsClamped(parseLocalDate('2027-11-30'), 3))).toBe('2028-02-29');
    expect(formatLocalDate(addMonthsClamped(parseLocalDate('2024-02-29'), 12))).toBe('2025-02-28');
    expect(formatLocalDate(addMonthsClamped(parseLocalDate('2026-01-31'), -2))).toBe('2025-11-30');
  });

  it('reads HH:MM with 24:00 as the end of the day', () => {
    expect(parseHhmm('09:30')).toBe(570);
    expect(parseHhmm('24:00')).toBe(1440);
    expect(parseHhmm('24:01')).toBeNaN();
    expect(parseHhmm('23:60')).toBeNaN();
    expect(parseHhmm('9:00')).toBeNaN();
    expect(formatHhmm(1440)).toBe('24:00');
    expect(formatHhmm(545)).toBe('09:05');
  });
});
