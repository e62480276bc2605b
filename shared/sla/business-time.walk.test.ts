// The business-time walk skips stretches of regular dates: a span of years costs a few steps
// per holiday, closure and offset change, and gives exactly what a day-by-day walk gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  dayIntervals,
  irregularDays,
  localDayOfInstant,
  MAX_SEARCH_DAYS,
} from './business-time';
import type { CompiledCalendar, WalkStats } from './business-time';
import type { Calendar } from './schemas';

const DAY = 86_400_000;
const YEAR = 365.2425 * DAY;

// ---- the reference: the day-by-day walk the engine did before ------------------------------
function naiveBetween(cal: CompiledCalendar, from: number, to: number): number {
  if (to < from) {
    const back = naiveBetween(cal, to, from);
    return back === 0 ? 0 : -back;
  }
  let total = 0;
  const last = localDayOfInstant(cal, to);
  for (let d = localDayOfInstant(cal, from); d <= last; d++) {
    const iv = dayIntervals(cal, d);
    for (let i = 0; i < iv.length; i += 2) {
      const s = Math.max(iv[i] as number, from);
      const e = Math.min(iv[i + 1] as number, to);
      if (e > s) total += e - s;
    }
  }
  return total;
}

function naiveAdd(cal: CompiledCalendar, from: number, durationMs: number): number | 'never' {
  if (durationMs <= 0) return from;
  let remaining = durationMs;
  const first = localDayOfInstant(cal, from);
  for (let d = first; d <= first + MAX_SEARCH_DAYS; d++) {
    const iv = dayIntervals(cal, d);
    for (let i = 0; i < iv.length; i += 2) {
      const e = iv[i + 1] as number;
      if (e <= from) continue;
      const s = Math.max(iv[i] as number, from);
      if (e - s >= remaining) return s + remaining;
      remaining -= e - s;
    }
  }
  return 'never';
}

const weekdays = (w: [string, string][]) => ({ mon: w, tue: w, wed: w, thu: w, fri: w });
const CALENDARS: Record<string, Calendar> = {
  tokyo: { timeZone: 'Asia/Tokyo', country: 'JP' },
  losAngeles: { timeZone: 'America/Los_Angeles', country: 'US', region: 'CA' },
  sydneySplit: {
    timeZone: 'Australia/Sydney',
    country: 'AU',
    region: 'NSW',
    weekly: weekdays([
      ['08:00', '12:00'],
      ['13:00', '17:30'],
    ]),
  },
  berlinNights: {
    timeZone: 'Europe/Berlin',
    country: 'DE',
    region: 'BY',
    weekly: { ...weekdays([['00:00', '24:00']]), sat: [['00:00', '06:00']], sun: [['22:00', '24:00']] },
    closures: ['2027-12-24', '2027-12-27', '2027-12-28', '2027-12-29', '2027-12-30', '2030-08-15'],
  },
  // Santiago changes its offset at midnight (a date with two starts or none).
  santiagoMidnight: {
    timeZone: 'America/Santiago',
    country: 'CL',
    weekly: { ...weekdays([['00:00', '24:00']]), sat: [['00:00', '24:00']], sun: [['00:00', '24:00']] },
  },
  kathmandu: {
    timeZone: 'Asia/Kathmandu',
    country: 'IN',
    weekly: { sun: [['10:00', '17:00']], mon: [['10:00', '17:00']], fri: [['10:00', '15:00']] },
  },
};

describe('the business-time walk over long spans', () => {
  const from = Date.parse('2026-11-26T01:23:45.678Z');
  const to = from + 10 * YEAR;

  it.each(Object.keys(CALENDARS))(
    '%s: a 10-year span takes a few hundred steps and equals the day-by-day walk',
    (name) => {
      const calendar = CALENDARS[name] as Calendar;
      const cal = compileCalendar(calendar);
      const stats: WalkStats = { steps: 0 };
      const total = businessTimeBetween(calendar, from, to, stats);
      expect(total).toBe(naiveBetween(cal, from, to));
      expect(stats.steps).toBeGreaterThan(0);
      // About two steps per holiday or closure on a working day and per offset change (a
      // 24-hour calendar in a DST zone has the most); the day-by-day walk took 3,653.
      expect(stats.steps, `${name}: ${stats.steps} steps`).toBeLessThanOrEqual(name === 'tokyo' ? 300 : 500);
      // Backwards: the same steps, the negative amount.
      const back: WalkStats = { steps: 0 };
      expect(businessTimeBetween(calendar, to, from, back)).toBe(-total);
      expect(back.steps).toBe(stats.steps);
    },
  );

  it.each(Object.keys(CALENDARS))(
    '%s: adding 2 years of business time skips weeks and equals the day-by-day walk',
    (name) => {
      const calendar = CALENDARS[name] as Calendar;
      const cal = compileCalendar(calendar);
      const duration = businessTimeBetween(calendar, from, from + 2 * YEAR) - 1;
      const stats: WalkStats = { steps: 0 };
      expect(addBusinessTime(calendar, from, duration, stats)).toBe(naiveAdd(cal, from, duration));
      expect(stats.steps).toBeLessThanOrEqual(200);
    },
  );

  it('counts every step: a short span is walked day by day, a longer one skips its regular stretch', () => {
    const calendar = CALENDARS.tokyo as Calendar;
    const short: WalkStats = { steps: 0 };
    // Monday 2026-11-30 to Friday 2026-12-04: five dates.
    businessTimeBetween(
      calendar,
      Date.parse('2026-11-30T00:00:00Z'),
      Date.parse('2026-12-04T05:00:00Z'),
      short,
    );
    expect(short.steps).toBe(5);
    const long: WalkStats = { steps: 0 };
    // Monday 2027-02-01 to Monday 2027-03-01: the first date, 2027-02-11 (建国記念の日), 2027-02-23
    // (天皇誕生日), the last date, and the three stretches between them.
    const total = businessTimeBetween(
      calendar,
      Date.parse('2027-02-01T00:00:00Z'),
      Date.parse('2027-03-01T05:00:00Z'),
      long,
    );
    expect(long.steps).toBe(7);
    expect(total).toBe((18 * 9 + 5) * 3_600_000);
  });

  it('lists the irregular dates of a year: holidays and closures on working days, dates near an offset change', () => {
    const tokyo = compileCalendar(CALENDARS.tokyo as Calendar);
    const days = irregularDays(tokyo, 2026).map((d) => new Date(d * DAY).toISOString().slice(0, 10));
    expect(days).toContain('2026-01-01');
    expect(days).toContain('2026-11-23'); // 勤労感謝の日, a Monday
    expect(days).toContain('2026-05-06'); // 振替休日 for Constitution Day
    expect(days).not.toContain('2026-05-03'); // Constitution Day falls on a Sunday, closed every week anyway
    const berlin = compileCalendar(CALENDARS.berlinNights as Calendar);
    const b = irregularDays(berlin, 2027).map((d) => new Date(d * DAY).toISOString().slice(0, 10));
    expect(b).toContain('2027-12-24');
    expect(b).toContain('2027-03-29'); // the Monday after the spring-forward Sunday: its 00:00 window lies within the margin
  });

  it('property: random calendars and spans up to 12 years give the day-by-day results', () => {
    const names = Object.keys(CALENDARS);
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.integer({ min: Date.parse('2018-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') }),
        fc.integer({ min: 0, max: Math.round(12 * YEAR) }),
        fc.boolean(),
        (name, start, span, backwards) => {
          const calendar = CALENDARS[name] as Calendar;
          const cal = compileCalendar(calendar);
          const [a, b] = backwards ? [start + span, start] : [start, start + span];
          expect(businessTimeBetween(calendar, a, b)).toBe(naiveBetween(cal, a, b));
          const duration = Math.floor(span / 7);
          const added = (() => {
            try {
              return addBusinessTime(calendar, start, duration);
            } catch {
              return 'never';
            }
          })();
          expect(added).toBe(naiveAdd(cal, start, duration));
        },
      ),
      { numRuns: 60, seed: 20261126 },
    );
  }, 120_000); // the day-by-day reference is slow by design; a loaded CI machine needs the room
});
