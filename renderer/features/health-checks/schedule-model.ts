// The health-check rules as the schedule form and the list show them. The rule itself is
// the SLA engine's validateHealthCheckDate (14 days' notice, a business day of the
// customer's calendar, within the contract, one per contract year): the form runs it live
// with the same existing checks healthCheck.schedule uses, so it shows every reason the
// mutation (and the server) would refuse with. Pure: no React, no replica.
import type { Customer, HealthCheck } from '../../../shared/model/entities';
import { businessDay, formatInstant, SlaInputError, validateHealthCheckDate } from '../../../shared/sla';
import type { HealthCheckReason } from '../../../shared/sla';

export type ScheduleVerdict =
  | { state: 'incomplete' }
  | { state: 'ok'; window: { start: string; end: string } }
  | { state: 'refused'; reasons: HealthCheckReason[] };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The checks that count against one per contract year: not deleted, not cancelled, not the one being moved. */
export function countingChecks(checks: readonly HealthCheck[], rescheduling?: string): HealthCheck[] {
  return checks.filter((h) => !h.deleted && h.status !== 'cancelled' && h.id !== rescheduling);
}

export function scheduleVerdict(input: {
  customer: Pick<Customer, 'calendar' | 'contractStart' | 'contractEnd'>;
  checks: readonly HealthCheck[];
  agreedOn: string;
  date: string;
  /** Id of the scheduled check being moved. */
  rescheduling?: string;
}): ScheduleVerdict {
  if (!DATE.test(input.agreedOn) || !DATE.test(input.date)) return { state: 'incomplete' };
  try {
    const result = validateHealthCheckDate({
      calendar: input.customer.calendar,
      contract: { start: input.customer.contractStart, end: input.customer.contractEnd },
      date: input.date,
      agreedOn: input.agreedOn,
      existing: countingChecks(input.checks, input.rescheduling).map((h) => ({
        id: h.id,
        date: h.scheduledDate,
      })),
      ...(input.rescheduling !== undefined ? { rescheduling: input.rescheduling } : {}),
    });
    return result.ok ? { state: 'ok', window: result.window } : { state: 'refused', reasons: result.reasons };
  } catch (err) {
    // A half-typed or impossible date (2026-02-30): nothing to judge yet.
    if (err instanceof SlaInputError) return { state: 'incomplete' };
    throw err;
  }
}

/** The hours of a (business) day in the customer's calendar: first opening to last closing; null when closed. */
export function dayWindow(
  calendar: Customer['calendar'],
  date: string,
): { start: string; end: string } | null {
  try {
    const day = businessDay(calendar, date);
    const first = day.intervals[0];
    const last = day.intervals[day.intervals.length - 1];
    if (!first || !last) return null;
    return { start: formatInstant(first.start, 0), end: formatInstant(last.end, 0) };
  } catch (err) {
    if (err instanceof SlaInputError) return null;
    throw err;
  }
}

/** Health checks newest date first, cancelled ones last. */
export function sortHealthChecks(checks: readonly HealthCheck[]): HealthCheck[] {
  return checks
    .filter((h) => !h.deleted)
    .sort(
      (a, b) =>
        Number(a.status === 'cancelled') - Number(b.status === 'cancelled') ||
        (a.scheduledDate < b.scheduledDate ? 1 : a.scheduledDate > b.scheduledDate ? -1 : 0),
    );
}
