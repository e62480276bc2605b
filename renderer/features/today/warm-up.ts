// Cold start: the SLA engine computes each calendar's public holidays once per (country,
// region, year) (date-holidays: tens of ms each, astronomy included), and Today's first rows
// wait for those of their customers. While the replica opens (IndexedDB: the main thread is
// mostly idle), the calendars the previous start needed are computed ahead, one per task, from
// a hint kept in localStorage. A stale hint only costs idle time; the engine's own cache makes
// the computation happen once either way.
import type { Customer, Incident } from '../../../shared/model/entities';
import { publicHolidays } from '../../../shared/sla';

const KEY = 'tam.today.holidayYears';
/** At most this many (country, region, year) computed ahead. */
const MAX_KEYS = 40;

interface HolidayYear {
  country: string;
  region?: string;
  year: number;
}

/** The holiday years the listed incidents' clocks need: their customers' calendars, from the oldest receipt's year to `nowMs`'s. */
export function holidayYearsOf(
  customers: readonly Customer[],
  incidents: readonly Incident[],
  nowMs: number,
): HolidayYear[] {
  const thisYear = new Date(nowMs).getUTCFullYear();
  let oldest = thisYear;
  for (const i of incidents) {
    const y = Number(i.receivedAt.slice(0, 4));
    if (Number.isInteger(y) && y < oldest) oldest = y;
  }
  const calendars = new Map<string, { country: string; region?: string }>();
  const used = new Set(incidents.map((i) => i.customerId));
  for (const c of customers) {
    if (!used.has(c.id)) continue;
    const { country, region } = c.calendar;
    calendars.set(`${country}/${region ?? ''}`, region === undefined ? { country } : { country, region });
  }
  const out: HolidayYear[] = [];
  // Oldest first: the first rows are the longest overdue, whose clocks began then.
  for (let year = oldest; year <= thisYear; year++)
    for (const cal of calendars.values()) out.push({ ...cal, year });
  return out.slice(0, MAX_KEYS);
}

export function rememberHolidayYears(years: readonly HolidayYear[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(years));
  } catch {
    // No storage: no warm-up next time.
  }
}

let warming = false;

/** Computes the remembered holiday years in the background, one per task (once per window). */
export function warmHolidayYears(): void {
  if (warming) return;
  warming = true;
  let years: HolidayYear[] = [];
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    if (Array.isArray(parsed))
      years = (parsed as HolidayYear[])
        .filter((y) => typeof y?.country === 'string' && Number.isInteger(y.year))
        .slice(0, MAX_KEYS);
  } catch {
    return;
  }
  const step = (k: number) => {
    const y = years[k];
    if (!y) return;
    try {
      publicHolidays(y.country, y.region, y.year);
    } catch {
      // An unknown country: the engine reports it where it matters.
    }
    setTimeout(() => step(k + 1), 0);
  };
  setTimeout(() => step(0), 0);
}
