// Public holidays of a country (and optional subdivision) as sets of local dates, cached per
// (country, region, year). Only date-holidays' type 'public' counts; substitute holidays
// (JP 振替休日, US "observed" days) are type 'public' with `substitute: true`, so they count too.
// A holiday spanning several days (e.g. a 3-day Eid) closes each of its dates; one starting at
// noon closes its whole date (date-holidays marks such half days rarely; the contract is silent).
import Holidays from 'date-holidays';
import { DAY_MS, formatLocalDate, parseLocalDate } from './civil';

let countryCodes: ReadonlySet<string> | undefined;
const regionCodes = new Map<string, ReadonlySet<string>>();
const instances = new Map<string, Holidays>();
const byYear = new Map<string, ReadonlySet<string>>();

export function isKnownCountry(country: string): boolean {
  if (countryCodes === undefined) countryCodes = new Set(Object.keys(new Holidays().getCountries()));
  return countryCodes.has(country);
}

export function isKnownRegion(country: string, region: string): boolean {
  if (!isKnownCountry(country)) return false;
  let set = regionCodes.get(country);
  if (set === undefined) {
    set = new Set(Object.keys(new Holidays().getStates(country) ?? {}));
    regionCodes.set(country, set);
  }
  return set.has(region);
}

function instance(country: string, region: string | undefined): Holidays {
  const key = `${country}/${region ?? ''}`;
  let hd = instances.get(key);
  if (hd === undefined) {
    hd = region === undefined ? new Holidays(country) : new Holidays(country, region);
    instances.set(key, hd);
  }
  return hd;
}

/** Local dates ('YYYY-MM-DD') closed by public holidays in `year`. Cached; do not mutate. */
export function publicHolidays(
  country: string,
  region: string | undefined,
  year: number,
): ReadonlySet<string> {
  const key = `${country}/${region ?? ''}/${year}`;
  let set = byYear.get(key);
  if (set !== undefined) return set;
  const dates = new Set<string>();
  const hd = instance(country, region);
  // A multi-day holiday listed under the previous year can spill into this one.
  for (const y of [year - 1, year]) {
    for (const h of hd.getHolidays(y)) {
      if (h.type !== 'public') continue;
      const first = parseLocalDate(h.date.slice(0, 10));
      if (Number.isNaN(first)) continue;
      const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
      for (let i = 0; i < days; i++) {
        const date = formatLocalDate(first + i);
        if (date.startsWith(String(year).padStart(4, '0'))) dates.add(date);
      }
    }
  }
  set = dates;
  byYear.set(key, set);
  return set;
}

const names = new Map<string, ReadonlyMap<string, string>>();
const namedInstances = new Map<string, Holidays>();

/** An instance per language: date-holidays caches a year's list whatever language was asked first. */
function namedInstance(country: string, region: string | undefined, language: string): Holidays {
  const key = `${country}/${region ?? ''}/${language}`;
  let hd = namedInstances.get(key);
  if (hd === undefined) {
    hd =
      region === undefined
        ? new Holidays(country, { languages: [language] })
        : new Holidays(country, region, { languages: [language] });
    namedInstances.set(key, hd);
  }
  return hd;
}

/**
 * The names of the public holidays of `year` by local date, in `language` ('ja', 'en', …;
 * date-holidays falls back to the country's own language where it has no translation).
 * Two holidays on one date are joined with " / ". The same days as publicHolidays. Cached.
 */
export function publicHolidayNames(
  country: string,
  region: string | undefined,
  year: number,
  language: string,
): ReadonlyMap<string, string> {
  const key = `${country}/${region ?? ''}/${year}/${language}`;
  let map = names.get(key);
  if (map !== undefined) return map;
  const out = new Map<string, string>();
  const hd = namedInstance(country, region, language);
  for (const y of [year - 1, year]) {
    for (const h of hd.getHolidays(y)) {
      if (h.type !== 'public') continue;
      const first = parseLocalDate(h.date.slice(0, 10));
      if (Number.isNaN(first)) continue;
      const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
      for (let i = 0; i < days; i++) {
        const date = formatLocalDate(first + i);
        if (!date.startsWith(String(year).padStart(4, '0'))) continue;
        const before = out.get(date);
        out.set(date, before === undefined || before === h.name ? h.name : `${before} / ${h.name}`);
      }
    }
  }
  if (names.size >= 500) names.clear();
  names.set(key, out);
  map = out;
  return map;
}

/** Countries with holiday data: code and English name, by code. */
export function holidayCountries(): Array<{ code: string; name: string }> {
  return Object.entries(new Holidays().getCountries('en'))
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** A country's subdivisions (date-holidays "states"): code and name. */
export function holidayRegions(country: string): Array<{ code: string; name: string }> {
  if (!isKnownCountry(country)) return [];
  return Object.entries(new Holidays().getStates(country, 'en') ?? {})
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * The public holidays (the days publicHolidays closes) from `from` to `to` (inclusive local
 * dates), with their names in `language` (publicHolidayNames), in date order.
 */
export function namedPublicHolidays(
  country: string,
  region: string | undefined,
  from: string,
  to: string,
  language: string,
): Array<{ date: string; name: string }> {
  const out: Array<{ date: string; name: string }> = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    for (const [date, name] of publicHolidayNames(country, region, y, language)) {
      if (date >= from && date <= to) out.push({ date, name });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}
