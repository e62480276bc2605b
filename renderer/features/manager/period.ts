// The period a chart page or a report covers: a contract quarter of the customer (from the
// engine's quarterly schedule, counted from the contract start) or a custom from/to range.
// Custom dates are typed inclusive, as people say them; the analytics take [from, to).
import { z } from 'zod';
import { addDays } from '../../../shared/analytics/index';
import type { DatePeriod } from '../../../shared/analytics/index';
import { customerContext } from '../../../shared/analytics/context';
import { currentQuarter, customerQuarterlySchedule } from '../../../shared/analytics/schedule';
import type { Customer, Report } from '../../../shared/model/entities';
import type { QuarterlyPeriod, QuarterlySchedule } from '../../../shared/sla/index';

const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const PeriodChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('quarter'), index: z.number().int().min(1).max(400) }),
  /** `to` inclusive (the last day shown). */
  z.object({ kind: z.literal('custom'), from: z.string().max(10), to: z.string().max(10) }),
]);

export type PeriodChoice = z.infer<typeof PeriodChoiceSchema>;

export type ResolvedPeriod =
  | { ok: true; period: DatePeriod; quarterIndex: number | null }
  | { ok: false; error: 'invalid-date' | 'order' | 'unknown-quarter' };

/** The customer's contract quarters that have started, from its report log, at `now`. */
export function contractSchedule(
  customer: Customer,
  reportLog: readonly Report[],
  now: string,
): QuarterlySchedule {
  return customerQuarterlySchedule(customerContext(customer, now), reportLog);
}

const isDate = (d: string): boolean =>
  DateSchema.safeParse(d).success &&
  !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
  new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

/** The half-open period of a choice; a contract quarter is [start, dueDate). */
export function resolvePeriod(choice: PeriodChoice, quarters: readonly QuarterlyPeriod[]): ResolvedPeriod {
  if (choice.kind === 'quarter') {
    const q = quarters.find((p) => p.index === choice.index);
    if (q === undefined) return { ok: false, error: 'unknown-quarter' };
    return { ok: true, period: { from: q.start, to: q.endExclusive }, quarterIndex: q.index };
  }
  if (!isDate(choice.from) || !isDate(choice.to)) return { ok: false, error: 'invalid-date' };
  if (choice.from > choice.to) return { ok: false, error: 'order' };
  const period = { from: choice.from, to: addDays(choice.to, 1) };
  // A custom range that is exactly a quarter is that quarter.
  const q = quarters.find((p) => p.start === period.from && p.endExclusive === period.to);
  return { ok: true, period, quarterIndex: q?.index ?? null };
}

/** The customer's local date at `now`. */
export function customerToday(customer: Customer, now: string): string {
  return customerContext(customer, now).today;
}

/**
 * The quarter that has started most recently (the running one; the last one once the contract
 * has ended): what the charts and the quarterly report page show first.
 */
export function currentQuarterChoice(schedule: QuarterlySchedule, today: string): PeriodChoice {
  return {
    kind: 'quarter',
    index: schedule.periods.length === 0 ? 1 : currentQuarter(schedule, today).index,
  };
}

/** A custom choice showing the same dates as a period (to switch from a quarter to custom). */
export function customChoiceOf(period: DatePeriod): PeriodChoice {
  return { kind: 'custom', from: period.from, to: addDays(period.to, -1) };
}

/** Backlog points per day for short periods, per week beyond a quarter. */
export function backlogGranularity(period: DatePeriod): 'day' | 'week' {
  const days = (Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000;
  return days > 92 ? 'week' : 'day';
}
