// Quarterly reports: one every 3 months counted from the contract start. Due dates are always
// computed from the start (start + 3k months, clamped to the month's end), never by adding
// 3 months to the previous due date, so Nov 30 gives Feb 28/29, May 30, Aug 30, Nov 30.
import { addMonthsClamped, formatLocalDate, parseLocalDate } from './civil';
import { issuesFromZod, SlaInputError } from './errors';
import { formatInstant, parseInstant } from './instant';
import { QuarterlyInputSchema } from './schemas';
import type { QuarterlyInput } from './schemas';
import { localDayOf, offsetAt, zoneTable } from './zone';

export type QuarterlyStatus = 'sent' | 'upcoming' | 'due' | 'overdue';

export interface QuarterlyPeriod {
  /** 1 for the first quarter of the contract. */
  index: number;
  /** First local date of the period. */
  start: string;
  /** Last local date of the period (inclusive). */
  end: string;
  /** The local date the report is due: the day after the period ends. Overdue from the day after. */
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

/** Due dates ('YYYY-MM-DD') of the first `count` quarterly reports of a contract starting on `start`. */
export function quarterlyDueDates(start: string, count: number): string[] {
  const s = parseLocalDate(start);
  if (Number.isNaN(s))
    throw new SlaInputError([{ path: 'start', code: 'invalid_date', message: `Not a date: ${start}` }]);
  const out: string[] = [];
  for (let k = 1; k <= count; k++) out.push(formatLocalDate(addMonthsClamped(s, 3 * k)));
  return out;
}

const MAX_PERIODS = 400; // 100 years

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
  const zone = zoneTable(parsed.data.timeZone);
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
    const due = Math.min(addMonthsClamped(start, 3 * k), endExclusive);
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
      end: formatLocalDate(due - 1),
      dueDate: formatLocalDate(due),
      status,
      sentAt: sentAt === undefined ? null : formatInstant(sentAt, offsetAt(zone, sentAt)),
    });
  }
  // The running period is listed above; a report for it is the next one owed.
  const next = periods.find((p) => p.status === 'due' || p.status === 'upcoming') ?? null;
  return { periods, next, overdue: periods.filter((p) => p.status === 'overdue') };
}
