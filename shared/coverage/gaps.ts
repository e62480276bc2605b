// Gaps in business-hours coverage for the roster screen: spans in which a customer is open,
// its TAM is on leave and no duty manager is rostered. The window is cut at every opening and
// closing of the customer's calendar and every start and end of a leave or a shift; the SLA
// engine's coverageAt (through customerCoverage) decides each piece, so the gaps are exactly
// what the engine computes for Today.
import type { Absence, Customer, DutyShift } from '../model/entities';
import { isOpenAt, nextClosing, nextOpening, parseInstant } from '../sla/index';
import { customerCoverage, leaveInstants } from '../today/agenda';

export interface CoverageGap {
  customerId: string;
  /** ISO instants [start, end), clipped to the window asked for. */
  start: string;
  end: string;
}

/** Openings and closings walked per customer at most (a month has about 60). */
const MAX_STEPS = 2_000;

function calendarBoundaries(
  calendar: Customer['calendar'],
  from: number,
  to: number,
  out: Set<number>,
): void {
  let t = from;
  for (let step = 0; step < MAX_STEPS && t < to; step++) {
    let next: number;
    try {
      next = isOpenAt(calendar, t) ? nextClosing(calendar, t) : nextOpening(calendar, t);
    } catch {
      return; // the calendar never opens again within the search horizon
    }
    if (next <= t) return;
    if (next < to) out.add(next);
    t = next;
  }
}

export function coverageGaps(
  customers: readonly Pick<Customer, 'id' | 'calendar' | 'tamId'>[],
  absences: readonly Absence[],
  roster: readonly DutyShift[],
  from: number,
  to: number,
): CoverageGap[] {
  const gaps: CoverageGap[] = [];
  const shiftCuts = roster
    .filter((s) => !s.deleted)
    .flatMap((s) => [parseInstant(s.startsAt), parseInstant(s.endsAt)]);
  for (const customer of customers) {
    const leave = leaveInstants(absences, customer.tamId, customer.calendar.timeZone);
    if (leave.length === 0) continue;
    const cuts = new Set<number>([from]);
    for (const l of leave) cuts.add(parseInstant(l.start)).add(parseInstant(l.end));
    for (const c of shiftCuts) cuts.add(c);
    calendarBoundaries(customer.calendar, from, to, cuts);
    const points = [...cuts].filter((c) => c >= from && c < to).sort((a, b) => a - b);
    points.push(to);
    for (let i = 0; i + 1 < points.length; i++) {
      const start = points[i]!;
      const end = points[i + 1]!;
      const { coverage } = customerCoverage(customer, absences, roster, start);
      if (!coverage || coverage.reason !== 'tam_on_leave' || coverage.userId !== null) continue;
      const last = gaps[gaps.length - 1];
      if (last && last.customerId === customer.id && parseInstant(last.end) === start)
        last.end = new Date(end).toISOString();
      else
        gaps.push({
          customerId: customer.id,
          start: new Date(start).toISOString(),
          end: new Date(end).toISOString(),
        });
    }
  }
  return gaps;
}
