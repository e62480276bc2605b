// Quarterly reports: one every 3 months counted from the contract start. Period boundaries are
// always computed from the start (start + 3k months, clamped to the month's end), never by
// adding 3 months to the previous one, so Nov 30 gives Feb 28/29, May 30, Aug 30, Nov 30.
// A report is due on the first business day of the customer's calendar on or after the day the
// period ends: a closure, public holiday or weekend moves the due date, never the period.
// This is the one home of the due-date rule: every screen reads it from quarterlySchedule.
import type { CompiledCalendar } from './business-time';
import { compileCalendar, dayIntervals } from './business-time';
import { addMonthsClamped, civilFromDays, formatLocalDate, parseLocalDate } from './civil';
import { issuesFromZod, SlaInputError } from './errors';
import { formatInstant, parseInstant } from './instant';
import { QuarterlyInputSchema } from './schemas';
import type { QuarterlyInput } from './schemas';
import { localDayOf, offsetAt } from './zone';

export type QuarterlyStatus = 'sent' | 'upcoming' | 'due' | 'overdue';

export interface QuarterlyPeriod {
  /** 1 for the first quarter of the contract. */
  index: number;
  /** First local date of the period. */
  start: string;
  /** Last local date of the period (inclusive). */
  end: string;
  /** The day after the period ends: the period as a half-open range is [start, endExclusive). */
  endExclusive: string;
  /**
   * The local date the report is due: the first business day of the customer's calendar on or
   * after endExclusive (closures, holidays and closed weekdays move it). Overdue from the day after.
   */
  dueDate: string;
  status: QuarterlyStatus;
  sentAt: string | null;
}

export interface QuarterlySchedule {
  /** Every period that has started by today (at least the first), in order. */
  periods: QuarterlyPeriod[];
  /** The earliest unsent report not yet overdue (due today or upcoming); null if none. */
  next: QuarterlyPeriod | null;
  overdue: QuarterlyPeriod[];
}

/**
 * Period boundaries ('YYYY-MM-DD'): the day after each of the first `count` quarterly periods of
 * a contract starting on `start` ends (the due dates before they move to a business day).
 */
export function quarterlyPeriodBoundaries(start: string, count: number): string[] {
  const s = parseLocalDate(start);
  if (Number.isNaN(s))
    throw new SlaInputError([{ path: 'start', code: 'invalid_date', message: `Not a date: ${start}` }]);
  const out: string[] = [];
  for (let k = 1; k <= count; k++) out.push(formatLocalDate(addMonthsClamped(s, 3 * k)));
  return out;
}

const MAX_PERIODS = 400; // 100 years
/** How far a due date may move looking for a business day (a calendar that never opens keeps it). */
const MAX_SHIFT_DAYS = 366;

/** The first business day (a day with opening hours) on or after `day`; `day` if none within a year. */
function firstBusinessDayFrom(cal: CompiledCalendar, day: number): number {
  for (let d = day; d < day + MAX_SHIFT_DAYS; d++) if (dayIntervals(cal, d).length > 0) return d;
  return day;
}

/**
 * The due date ('YYYY-MM-DD') of the report of a period that ends the day before
 * `endExclusive`: the first business day of the calendar on or after that day.
 * @throws SlaInputError on an invalid calendar or date.
 */
export function quarterlyDueDate(calendar: QuarterlyInput['calendar'], endExclusive: string): string {
  const day = parseLocalDate(endExclusive);
  if (Number.isNaN(day))
    throw new SlaInputError([
      { path: 'endExclusive', code: 'invalid_date', message: `Not a date: ${endExclusive}` },
    ]);
  return formatLocalDate(firstBusinessDayFrom(compileCalendar(calendar), day));
}

/** A period has ended once its last day is over in the customer's zone: `today` is after `end`. */
export function quarterHasEnded(period: Pick<QuarterlyPeriod, 'end'>, today: string): boolean {
  return today > period.end;
}

/**
 * The calendar quarter a period is exactly (Jan-Mar = 1 ... Oct-Dec = 4), or null when the
 * period does not coincide with one: periods are named by their dates, and by the calendar
 * quarter where they align.
 */
export function calendarQuarterOf(period: {
  start: string;
  end: string;
}): { year: number; quarter: 1 | 2 | 3 | 4 } | null {
  const from = parseLocalDate(period.start);
  const to = parseLocalDate(period.end);
  if (Number.isNaN(from) || Number.isNaN(to)) return null;
  const a = civilFromDays(from);
  if (a.day !== 1 || (a.month - 1) % 3 !== 0) return null;
  if (to + 1 !== addMonthsClamped(from, 3)) return null;
  return { year: a.year, quarter: ((a.month - 1) / 3 + 1) as 1 | 2 | 3 | 4 };
}

/**
 * The quarterly report periods of a contract and their status at `now` (customer's local
 * date). A report counts for a period when the log has a 'quarterly' entry with that
 * periodStart. With a contract end, the last period stops at the end and is due the next day.
 * @throws SlaInputError on invalid input.
 */
export function quarterlySchedule(input: QuarterlyInput): QuarterlySchedule {
  const parsed = QuarterlyInputSchema.safeParse(input);
  if (!parsed.success) throw new SlaInputError(issuesFromZod(parsed.error), 'quarterly input');
  const { contract, log } = parsed.data;
  const cal = compileCalendar(parsed.data.calendar);
  const zone = cal.zone;
  const today = localDayOf(zone, parseInstant(parsed.data.now));
  const start = parseLocalDate(contract.start);
  const endExclusive = contract.end === undefined ? Infinity : parseLocalDate(contract.end) + 1;

  const sent = new Map<string, number>();
  for (const entry of log) {
    if (entry.kind !== 'quarterly') continue;
    const at = parseInstant(entry.sentAt);
    const prev = sent.get(entry.periodStart);
    if (prev === undefined || at < prev) sent.set(entry.periodStart, at);
  }

  const periods: QuarterlyPeriod[] = [];
  for (let k = 1; k <= MAX_PERIODS; k++) {
    const from = addMonthsClamped(start, 3 * (k - 1));
    if (from >= endExclusive || (k > 1 && from > today)) break;
    const until = Math.min(addMonthsClamped(start, 3 * k), endExclusive);
    const due = firstBusinessDayFrom(cal, until);
    const startDate = formatLocalDate(from);
    const sentAt = sent.get(startDate);
    let status: QuarterlyStatus;
    if (sentAt !== undefined) status = 'sent';
    else if (today < due) status = 'upcoming';
    else if (today === due) status = 'due';
    else status = 'overdue';
    periods.push({
      index: k,
      start: startDate,
      end: formatLocalDate(until - 1),
      endExclusive: formatLocalDate(until),
      dueDate: formatLocalDate(due),
      status,
      sentAt: sentAt === undefined ? null : formatInstant(sentAt, offsetAt(zone, sentAt)),
    });
  }
  // The running period is listed above; a report for it is the next one owed.
  const next = periods.find((p) => p.status === 'due' || p.status === 'upcoming') ?? null;
  return { periods, next, overdue: periods.filter((p) => p.status === 'overdue') };
}

/** The report owed first: the oldest overdue one, else the next one (due or upcoming); null if none. */
export function firstOwedQuarterly(schedule: QuarterlySchedule): QuarterlyPeriod | null {
  return schedule.overdue[0] ?? schedule.next;
}
