// The customer's contract calendar as the engine defines it: the current contract quarter,
// the next quarterly report, the next health check. Nothing here re-derives a rule: quarters
// and their due dates come from quarterlySchedule, contract years from contractYearOf.
// customerQuarterlySchedule is the one way every screen (Today, the manager table, the
// quarterly report pages, the charts) gets a customer's quarterly schedule.
import { contractYearOf, firstOwedQuarterly, quarterlySchedule } from '../sla/index';
import type { QuarterlyPeriod, QuarterlySchedule } from '../sla/index';
import type { Customer, HealthCheck, Report } from '../model/entities';
import type { DatePeriod } from './period';

type ScheduleCustomer = Pick<Customer, 'id' | 'calendar' | 'contractStart' | 'contractEnd'>;
type LoggedReport = Pick<Report, 'kind' | 'customerId' | 'periodStart' | 'sentAt' | 'deleted'>;

/**
 * The engine's quarterly schedule of a customer at `now` (ISO instant), from the report log
 * (the customer's reports are picked out; other customers' rows are ignored).
 * @throws SlaInputError on an invalid calendar or contract.
 */
export function customerQuarterlySchedule(
  ctx: { customer: ScheduleCustomer; now: string },
  reportLog: readonly LoggedReport[],
): QuarterlySchedule {
  const { customer } = ctx;
  const log = reportLog
    .filter((r) => !r.deleted && r.customerId === customer.id && r.kind === 'quarterly')
    .map((r) => ({ kind: 'quarterly' as const, periodStart: r.periodStart, sentAt: r.sentAt }));
  return quarterlySchedule({
    contract: { start: customer.contractStart, end: customer.contractEnd },
    calendar: customer.calendar,
    log,
    now: ctx.now,
  });
}

/** A quarterly period as a half-open date period [start, endExclusive). */
export function quarterPeriod(quarter: QuarterlyPeriod): DatePeriod {
  return { from: quarter.start, to: quarter.endExclusive };
}

/**
 * The customer's current contract quarter: the latest period that has started by today (the
 * first one before the contract starts, the last one after it ends).
 */
export function currentQuarter(schedule: QuarterlySchedule, today: string): QuarterlyPeriod {
  let current = schedule.periods[0] as QuarterlyPeriod;
  for (const p of schedule.periods) if (p.start <= today) current = p;
  return current;
}

export interface NextQuarterlyReport {
  /**
   * Due date of the report owed first (the oldest overdue one, else the next one due or
   * upcoming); null when none is owed any more. The date every screen shows.
   */
  dueDate: string | null;
  /** The period of that report. */
  period: QuarterlyPeriod | null;
  periodIndex: number | null;
  /** At least one earlier report is overdue. */
  overdue: boolean;
  overdueCount: number;
  oldestOverdueDueDate: string | null;
}

export function nextQuarterlyReport(schedule: QuarterlySchedule): NextQuarterlyReport {
  const oldest = schedule.overdue[0];
  const owed = firstOwedQuarterly(schedule);
  return {
    dueDate: owed?.dueDate ?? null,
    period: owed,
    periodIndex: owed?.index ?? null,
    overdue: schedule.overdue.length > 0,
    overdueCount: schedule.overdue.length,
    oldestOverdueDueDate: oldest?.dueDate ?? null,
  };
}

export type NextHealthCheck =
  /** The earliest scheduled health check from today on. */
  | { status: 'scheduled'; date: string; healthCheckId: string }
  /** None scheduled ahead, and one was completed in the current contract year. */
  | { status: 'completed'; date: string; healthCheckId: string }
  /** None scheduled ahead and none completed in the current contract year: one is due. */
  | { status: 'due'; reason: 'none_this_contract_year'; contractYear: number }
  /** The contract has ended (or not started): no health check is owed. */
  | { status: 'not_applicable'; reason: 'outside_contract' };

export function nextHealthCheck(
  ctx: { customer: Pick<Customer, 'id' | 'contractStart' | 'contractEnd'>; today: string },
  healthChecks: readonly HealthCheck[],
): NextHealthCheck {
  const { customer, today } = ctx;
  const mine = healthChecks.filter((h) => !h.deleted && h.customerId === customer.id);
  let scheduled: HealthCheck | undefined;
  for (const h of mine) {
    if (
      h.status === 'scheduled' &&
      h.scheduledDate >= today &&
      (scheduled === undefined || h.scheduledDate < scheduled.scheduledDate)
    ) {
      scheduled = h;
    }
  }
  if (scheduled !== undefined)
    return { status: 'scheduled', date: scheduled.scheduledDate, healthCheckId: scheduled.id };
  if (today < customer.contractStart || today > customer.contractEnd)
    return { status: 'not_applicable', reason: 'outside_contract' };

  const year = contractYearOf(customer.contractStart, today);
  let completed: HealthCheck | undefined;
  for (const h of mine) {
    if (h.status !== 'completed' || contractYearOf(customer.contractStart, h.scheduledDate) !== year)
      continue;
    if (completed === undefined || h.scheduledDate > completed.scheduledDate) completed = h;
  }
  if (completed !== undefined)
    return { status: 'completed', date: completed.scheduledDate, healthCheckId: completed.id };
  return { status: 'due', reason: 'none_this_contract_year', contractYear: year };
}
