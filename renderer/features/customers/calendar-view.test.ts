import { describe, expect, it } from 'vitest';
import { calendarView } from './calendar-view';

describe('calendarView', () => {
  const now = Date.parse('2026-12-31T16:00:00Z'); // 2027-01-01 01:00 in Tokyo

  it("lists the default week, and this year's holidays in the customer's zone", () => {
    const view = calendarView({ timeZone: 'Asia/Tokyo', country: 'JP' }, now);
    expect(view.year).toBe(2027);
    expect(view.defaultWeek).toBe(true);
    expect(view.weekly[0]).toEqual({ day: 'mon', windows: [{ start: '09:00', end: '18:00' }] });
    expect(view.weekly[6]).toEqual({ day: 'sun', windows: [] });
    expect(view.holidays[0]).toBe('2027-01-01');
    expect(view.holidays).toContain('2027-05-03');
    expect(view.holidays.every((d) => d.startsWith('2027-'))).toBe(true);
    // Every holiday is named, in the page's language.
    expect(Object.keys(view.holidayNames).sort()).toEqual(view.holidays);
    expect(view.holidayNames['2027-01-01']).toBe("New Year's Day");
    expect(
      calendarView({ timeZone: 'Asia/Tokyo', country: 'JP' }, now, 'ja').holidayNames['2027-01-01'],
    ).toBe('元日');
  });

  it('shows a custom week and the closures from this year on', () => {
    const view = calendarView(
      {
        timeZone: 'Europe/London',
        country: 'GB',
        weekly: {
          mon: [
            ['08:00', '12:00'],
            ['13:00', '17:00'],
          ],
          sat: [['09:00', '13:00']],
        },
        closures: ['2027-12-31', '2026-12-30', '2027-12-30', '2027-12-30'],
      },
      now,
    );
    expect(view.year).toBe(2026);
    expect(view.defaultWeek).toBe(false);
    expect(view.weekly.find((d) => d.day === 'mon')?.windows).toHaveLength(2);
    expect(view.weekly.find((d) => d.day === 'tue')?.windows).toEqual([]);
    expect(view.closures).toEqual(['2026-12-30', '2027-12-30', '2027-12-31']);
  });
});
