// The customer's business calendar as the customer page shows it: zone, hours per weekday
// (the default week when none is set), this year's public holidays from the SLA engine,
// and the account's closure days. Pure: no React, no replica.
import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../../../shared/model/entities';
import { DEFAULT_WEEKLY, publicHolidayNames, publicHolidays, WEEKDAY_KEYS } from '../../../shared/sla';
import type { WeekdayKey } from '../../../shared/sla';

export interface CalendarView {
  timeZone: string;
  country: string;
  region: string | null;
  /** True when the calendar sets no week and the contract default applies. */
  defaultWeek: boolean;
  weekly: Array<{ day: WeekdayKey; windows: Array<{ start: string; end: string }> }>;
  /** The year (in the customer's zone) the holidays are listed for. */
  year: number;
  holidays: string[];
  /** The holidays' names in the page's language, by date. */
  holidayNames: Record<string, string>;
  /** Closure days of this year and later, in order. */
  closures: string[];
}

export function calendarView(
  calendar: BusinessCalendar,
  nowMs: number,
  language: 'ja' | 'en' = 'en',
): CalendarView {
  const weekly = calendar.weekly ?? DEFAULT_WEEKLY;
  const local = DateTime.fromMillis(nowMs, { zone: calendar.timeZone });
  const year = local.year;
  const holidays = [...publicHolidays(calendar.country, calendar.region, year)].sort();
  const closures = [...new Set(calendar.closures ?? [])].filter((d) => d >= `${year}-01-01`).sort();
  return {
    timeZone: calendar.timeZone,
    country: calendar.country,
    region: calendar.region ?? null,
    defaultWeek: calendar.weekly === undefined,
    weekly: WEEKDAY_KEYS.map((day) => ({
      day,
      windows: (weekly[day] ?? []).map(([start, end]) => ({ start, end })),
    })),
    year,
    holidays,
    holidayNames: Object.fromEntries(publicHolidayNames(calendar.country, calendar.region, year, language)),
    closures,
  };
}
