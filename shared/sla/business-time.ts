// Business-time arithmetic on a customer's calendar: is it open, when does it next open or
// close, what is t + N business minutes, how much business time lies between two instants.
//
// Instants are epoch milliseconds. A calendar is compiled once (validated, weekly windows in
// minutes, closures as a set) and caches each local day's open intervals as epoch-ms pairs,
// so the hot paths are map look-ups and arithmetic. An instant is open when its local date
// (customer's zone) is not a holiday or closure and its local wall time lies in one of that
// weekday's windows; the day's intervals are computed exactly from that rule, DST included.
//
// Long spans are not walked day by day. A "regular" local date is one whose open intervals are
// just its weekday's windows at one constant UTC offset (no holiday or closure on a working
// weekday, no offset change near its windows): its business time is the windows' length. Per
// local year the calendar lists its irregular dates (holidays and closures on working weekdays,
// dates near an offset change); the walks handle those one by one and skip each stretch of
// regular dates between them with arithmetic (whole weeks at once), so a span of years costs a
// few steps per holiday. The results are identical to a day-by-day walk.
import {
  DAY_MS,
  formatLocalDate,
  isoWeekday,
  MINUTE_MS,
  parseHhmm,
  parseLocalDate,
  civilFromDays,
  daysFromCivil,
  HOUR_MS,
} from './civil';
import { issuesFromZod, SlaInputError } from './errors';
import { publicHolidays } from './holidays';
import { CalendarSchema, WEEKDAY_KEYS } from './schemas';
import type { Calendar, Weekly } from './schemas';
import { instantsOfWall, localDayOf, mergePairs, offsetAt, offsetSegments, zoneTable } from './zone';
import type { ZoneTable } from './zone';

/** Default business hours: Monday-Friday 09:00-18:00. */
export const DEFAULT_WEEKLY: Weekly = {
  mon: [['09:00', '18:00']],
  tue: [['09:00', '18:00']],
  wed: [['09:00', '18:00']],
  thu: [['09:00', '18:00']],
  fri: [['09:00', '18:00']],
  sat: [],
  sun: [],
};

/** Searches for an opening give up after this many days (a calendar that never opens). */
export const MAX_SEARCH_DAYS = 3 * 366;
const MAX_CACHED_DAYS = 20_000;
const EMPTY: readonly number[] = [];

export interface CompiledCalendar {
  readonly key: string;
  readonly calendar: Calendar;
  readonly zone: ZoneTable;
  /** Index 1..7 (ISO weekday): merged windows as flat [startMin, endMin, …]. */
  readonly weekly: ReadonlyArray<readonly number[]>;
  readonly closures: ReadonlySet<number>;
  /** Yearly closures as inclusive [from, to] pairs of month*100+day; from > to wraps over New Year. */
  readonly yearly: ReadonlyArray<readonly [number, number]>;
  /** Local epoch day -> open intervals as flat epoch-ms pairs [s0, e0, s1, e1, …]. */
  readonly days: Map<number, readonly number[]>;
  /** Index 1..7 (ISO weekday): open minutes of a regular date of that weekday. */
  readonly weekdayMinutes: readonly number[];
  /** Open minutes of a regular week. */
  readonly weekMinutes: number;
  /** Earliest window start and latest window end of any weekday (minutes), for the DST margin. */
  readonly windowSpan: readonly [number, number];
  /** Local year -> its irregular local dates (epoch days), ascending. */
  readonly irregular: Map<number, readonly number[]>;
}

/** Counts the steps of a walk (days walked one by one plus stretches skipped), for tests. */
export interface WalkStats {
  steps: number;
}

const byObject = new WeakMap<object, CompiledCalendar>();
const byKey = new Map<string, CompiledCalendar>();

function compileWindows(windows: ReadonlyArray<readonly [string, string]> | undefined): number[] {
  const pairs: number[] = [];
  for (const [s, e] of windows ?? []) pairs.push(parseHhmm(s), parseHhmm(e));
  return mergePairs(pairs);
}

/**
 * Validates and compiles a calendar, cached by object identity and by content (calendars are
 * treated as immutable values: do not mutate one after use).
 * @throws SlaInputError when the calendar is invalid.
 */
export function compileCalendar(calendar: Calendar): CompiledCalendar {
  const isObject = typeof calendar === 'object' && calendar !== null;
  const hit = isObject ? byObject.get(calendar) : undefined;
  if (hit !== undefined) return hit;
  const key = JSON.stringify(calendar) ?? 'undefined';
  let compiled = byKey.get(key);
  if (compiled === undefined) {
    const parsed = CalendarSchema.safeParse(calendar);
    if (!parsed.success) throw new SlaInputError(issuesFromZod(parsed.error, 'calendar'), 'calendar');
    const c = parsed.data;
    const weekly = c.weekly ?? DEFAULT_WEEKLY;
    const byWeekday: number[][] = [[]];
    for (const k of WEEKDAY_KEYS) byWeekday.push(compileWindows(weekly[k]));
    const weekdayMinutes = byWeekday.map((w) => {
      let total = 0;
      for (let i = 0; i < w.length; i += 2) total += (w[i + 1] as number) - (w[i] as number);
      return total;
    });
    let first = Infinity;
    let last = -Infinity;
    for (const w of byWeekday) {
      if (w.length === 0) continue;
      first = Math.min(first, w[0] as number);
      last = Math.max(last, w[w.length - 1] as number);
    }
    compiled = {
      key,
      calendar: c,
      zone: zoneTable(c.timeZone),
      weekly: byWeekday,
      closures: new Set((c.closures ?? []).map(parseLocalDate)),
      yearly: (c.yearlyClosures ?? []).map((y) => [monthDay(y.from), monthDay(y.to)] as const),
      days: new Map(),
      weekdayMinutes,
      weekMinutes: weekdayMinutes.reduce((a, b) => a + b, 0),
      windowSpan: [first === Infinity ? 0 : first, last === -Infinity ? 0 : last],
      irregular: new Map(),
    };
    if (byKey.size >= 1000) byKey.clear();
    byKey.set(key, compiled);
  }
  if (isObject) byObject.set(calendar, compiled);
  return compiled;
}

const monthDay = (mmdd: string): number => Number(mmdd.slice(0, 2)) * 100 + Number(mmdd.slice(3, 5));

/** Whether a local date falls in one of the calendar's yearly closures. */
export function inYearlyClosure(yearly: CompiledCalendar['yearly'], epochDay: number): boolean {
  if (yearly.length === 0) return false;
  const d = civilFromDays(epochDay);
  const md = d.month * 100 + d.day;
  return yearly.some(([from, to]) => (from <= to ? md >= from && md <= to : md >= from || md <= to));
}

/** Why a local date is closed, or null when it is a business day. */
export function closedReason(
  cal: CompiledCalendar,
  epochDay: number,
): 'weekly' | 'holiday' | 'closure' | null {
  if (cal.closures.has(epochDay) || inYearlyClosure(cal.yearly, epochDay)) return 'closure';
  if ((cal.weekly[isoWeekday(epochDay)] ?? EMPTY).length === 0) return 'weekly';
  const year = civilFromDays(epochDay).year;
  if (publicHolidays(cal.calendar.country, cal.calendar.region, year).has(formatLocalDate(epochDay)))
    return 'holiday';
  return null;
}

/** Open intervals (flat epoch-ms pairs) of a local date; [] on closed days. Cached. */
export function dayIntervals(cal: CompiledCalendar, epochDay: number): readonly number[] {
  const cached = cal.days.get(epochDay);
  if (cached !== undefined) return cached;
  let result: readonly number[] = EMPTY;
  if (closedReason(cal, epochDay) === null) {
    const windows = cal.weekly[isoWeekday(epochDay)] ?? EMPTY;
    const pairs: number[] = [];
    const midnight = epochDay * DAY_MS;
    for (let i = 0; i < windows.length; i += 2) {
      instantsOfWall(
        cal.zone,
        midnight + (windows[i] as number) * MINUTE_MS,
        midnight + (windows[i + 1] as number) * MINUTE_MS,
        pairs,
      );
    }
    result = mergePairs(pairs);
  }
  if (cal.days.size >= MAX_CACHED_DAYS) cal.days.clear();
  cal.days.set(epochDay, result);
  return result;
}

export function localDayOfInstant(cal: CompiledCalendar, t: number): number {
  return localDayOf(cal.zone, t);
}

export function isOpenCompiled(cal: CompiledCalendar, t: number): boolean {
  const iv = dayIntervals(cal, localDayOf(cal.zone, t));
  for (let i = 0; i < iv.length; i += 2) {
    if (t < (iv[i] as number)) return false;
    if (t < (iv[i + 1] as number)) return true;
  }
  return false;
}

// Offsets in use lie within -12 h … +14 h; dayIntervals looks 16 h around each window (zone.ts).
// A date is irregular when an offset change falls within this margin (plus slack) of its windows.
const OFFSET_MARGIN_MS = 17 * HOUR_MS;

/** The irregular local dates (epoch days, ascending) of a local year. Cached. */
export function irregularDays(cal: CompiledCalendar, year: number): readonly number[] {
  const cached = cal.irregular.get(year);
  if (cached !== undefined) return cached;
  const from = daysFromCivil(year, 1, 1);
  const to = daysFromCivil(year + 1, 1, 1);
  const found = new Set<number>();
  const works = (d: number) => (cal.weekly[isoWeekday(d)] ?? EMPTY).length > 0;
  for (const d of cal.closures) if (d >= from && d < to && works(d)) found.add(d);
  for (const date of publicHolidays(cal.calendar.country, cal.calendar.region, year)) {
    const d = parseLocalDate(date);
    if (d >= from && d < to && works(d)) found.add(d);
  }
  // Offset changes: a date whose windows (wall ms) lie within the margin of a change instant.
  const [firstMin, lastMin] = cal.windowSpan;
  const segs = offsetSegments(cal.zone, (from - 2) * DAY_MS, (to + 2) * DAY_MS);
  for (let i = 1; i < segs.length; i++) {
    const t = (segs[i] as { start: number }).start;
    const lo = Math.floor((t - lastMin * MINUTE_MS - OFFSET_MARGIN_MS) / DAY_MS);
    const hi = Math.ceil((t - firstMin * MINUTE_MS + OFFSET_MARGIN_MS) / DAY_MS);
    for (let d = Math.max(lo, from); d <= Math.min(hi, to - 1); d++) if (works(d)) found.add(d);
  }
  const list = [...found].sort((a, b) => a - b);
  cal.irregular.set(year, list);
  return list;
}

/** The first irregular date at or after `day` and before `limit` (exclusive), or `limit`. */
function nextIrregular(cal: CompiledCalendar, day: number, limit: number): number {
  let year = civilFromDays(day).year;
  for (;;) {
    const start = daysFromCivil(year, 1, 1);
    if (start >= limit) return limit;
    const list = irregularDays(cal, year);
    // Binary search for the first entry >= day.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as number) < day) lo = mid + 1;
      else hi = mid;
    }
    if (lo < list.length) return Math.min(list[lo] as number, limit);
    year++;
  }
}

/** Business time (ms) of the regular dates [from, to): their weekdays' window lengths. */
function regularSpanMs(cal: CompiledCalendar, from: number, to: number): number {
  const days = to - from;
  if (days <= 0) return 0;
  const weeks = Math.floor(days / 7);
  let minutes = weeks * cal.weekMinutes;
  for (let d = from + weeks * 7; d < to; d++) minutes += cal.weekdayMinutes[isoWeekday(d)] as number;
  return minutes * MINUTE_MS;
}

function neverOpens(): SlaInputError {
  return new SlaInputError(
    [
      {
        path: 'calendar',
        code: 'calendar_never_opens',
        message: `The calendar has no opening within ${MAX_SEARCH_DAYS} days`,
      },
    ],
    'calendar',
  );
}

/** `t` if open at t, else the start of the next open interval. */
export function nextOpeningCompiled(cal: CompiledCalendar, t: number): number {
  const first = localDayOf(cal.zone, t);
  for (let d = first; d <= first + MAX_SEARCH_DAYS; d++) {
    const iv = dayIntervals(cal, d);
    for (let i = 0; i < iv.length; i += 2) {
      if ((iv[i + 1] as number) > t) return Math.max(iv[i] as number, t);
    }
  }
  throw neverOpens();
}

/**
 * When the calendar next closes: `t` if closed at t, else the end of the open span containing
 * t (following spans that touch across midnight, e.g. 00:00-24:00 on consecutive days).
 */
export function nextClosingCompiled(cal: CompiledCalendar, t: number): number {
  let end = t;
  const first = localDayOf(cal.zone, t);
  for (let d = first; d <= first + MAX_SEARCH_DAYS; d++) {
    const iv = dayIntervals(cal, d);
    // A closed local day (23 h or more) always ends the span.
    if (iv.length === 0) return end;
    for (let i = 0; i < iv.length; i += 2) {
      const s = iv[i] as number;
      const e = iv[i + 1] as number;
      if (e <= end) continue;
      if (s > end) return end;
      end = e;
    }
  }
  return end;
}

/** Spans up to this many local dates are walked day by day (the common case: SLA targets). */
const SHORT_SPAN_DAYS = 14;

/** The instant `durationMs` of business time after `from` (at the close itself if it ends there). */
export function addBusinessTimeCompiled(
  cal: CompiledCalendar,
  from: number,
  durationMs: number,
  stats?: WalkStats,
): number {
  if (durationMs <= 0) return from;
  let remaining = durationMs;
  const first = localDayOf(cal.zone, from);
  const limit = first + MAX_SEARCH_DAYS + 1;
  let d = first;
  // The first dates day by day, then stretches of regular dates at once.
  let exactUntil = first + SHORT_SPAN_DAYS;
  while (d < limit) {
    if (d >= exactUntil) {
      const irregular = nextIrregular(cal, d, limit);
      if (irregular > d) {
        // Regular dates [d, irregular): skip them whole while they do not use up the time.
        const span = regularSpanMs(cal, d, irregular);
        if (stats) stats.steps++;
        if (span < remaining) {
          remaining -= span;
          d = irregular;
          continue;
        }
        const weekMs = cal.weekMinutes * MINUTE_MS;
        const weeks =
          weekMs > 0 ? Math.min(Math.floor((remaining - 1) / weekMs), Math.floor((irregular - d) / 7)) : 0;
        remaining -= weeks * weekMs;
        d += weeks * 7;
        exactUntil = irregular; // the time runs out within this stretch: walk its last days
      } else {
        exactUntil = d + 1; // walk the irregular date
      }
    }
    if (stats) stats.steps++;
    const iv = dayIntervals(cal, d);
    for (let i = 0; i < iv.length; i += 2) {
      const e = iv[i + 1] as number;
      if (e <= from) continue;
      const s = Math.max(iv[i] as number, from);
      const available = e - s;
      if (available >= remaining) return s + remaining;
      remaining -= available;
    }
    d++;
  }
  throw neverOpens();
}

/** Business time (ms) in [from, to); negative when to < from. */
export function businessTimeBetweenCompiled(
  cal: CompiledCalendar,
  from: number,
  to: number,
  stats?: WalkStats,
): number {
  if (to < from) {
    const back = businessTimeBetweenCompiled(cal, to, from, stats);
    return back === 0 ? 0 : -back; // never -0
  }
  let total = 0;
  const first = localDayOf(cal.zone, from);
  const last = localDayOf(cal.zone, to);
  let d = first;
  while (d <= last) {
    // Dates strictly between the first and the last lie wholly within [from, to) when regular
    // (no offset change near them), so their windows count whole.
    if (d > first && d < last && last - first > SHORT_SPAN_DAYS) {
      const irregular = nextIrregular(cal, d, last);
      if (irregular > d) {
        if (stats) stats.steps++;
        total += regularSpanMs(cal, d, irregular);
        d = irregular;
        continue;
      }
    }
    if (stats) stats.steps++;
    const iv = dayIntervals(cal, d);
    for (let i = 0; i < iv.length; i += 2) {
      const s = Math.max(iv[i] as number, from);
      const e = Math.min(iv[i + 1] as number, to);
      if (e > s) total += e - s;
    }
    d++;
  }
  return total;
}

// ---- public API on plain calendars (compiled and cached behind the scenes) ---------------

/** Is the customer's calendar open at this instant (epoch ms)? */
export function isOpenAt(calendar: Calendar, at: number): boolean {
  return isOpenCompiled(compileCalendar(calendar), at);
}

/** `at` itself when open, else the next opening. Throws SlaInputError if it never opens. */
export function nextOpening(calendar: Calendar, at: number): number {
  return nextOpeningCompiled(compileCalendar(calendar), at);
}

/** `at` itself when closed, else the end of the open span containing it. */
export function nextClosing(calendar: Calendar, at: number): number {
  return nextClosingCompiled(compileCalendar(calendar), at);
}

/** `from` + `durationMs` of business time. `stats` (optional) counts the walk's steps. */
export function addBusinessTime(
  calendar: Calendar,
  from: number,
  durationMs: number,
  stats?: WalkStats,
): number {
  return addBusinessTimeCompiled(compileCalendar(calendar), from, durationMs, stats);
}

/** Business time (ms) between two instants; negative when `to` precedes `from`. `stats` (optional) counts the walk's steps. */
export function businessTimeBetween(calendar: Calendar, from: number, to: number, stats?: WalkStats): number {
  return businessTimeBetweenCompiled(compileCalendar(calendar), from, to, stats);
}

/** The local date ('YYYY-MM-DD') of an instant in the calendar's zone. */
export function localDateOf(calendar: Calendar, at: number): string {
  return formatLocalDate(localDayOf(compileCalendar(calendar).zone, at));
}

export interface BusinessDay {
  date: string;
  /** Why the date is closed; null on a business day. */
  closed: 'weekly' | 'holiday' | 'closure' | null;
  /** Open intervals [start, end) in epoch ms, in order. */
  intervals: Array<{ start: number; end: number }>;
}

/** A local date's business hours. Throws SlaInputError on a malformed date. */
export function businessDay(calendar: Calendar, date: string): BusinessDay {
  const cal = compileCalendar(calendar);
  const day = parseLocalDate(date);
  if (Number.isNaN(day))
    throw new SlaInputError([{ path: 'date', code: 'invalid_date', message: `Not a date: ${date}` }]);
  const iv = dayIntervals(cal, day);
  const intervals: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < iv.length; i += 2) intervals.push({ start: iv[i] as number, end: iv[i + 1] as number });
  return { date, closed: closedReason(cal, day), intervals };
}

/** The UTC offset (ms) of the calendar's zone at an instant, for display. */
export function zoneOffsetAt(cal: CompiledCalendar, t: number): number {
  return offsetAt(cal.zone, t);
}
