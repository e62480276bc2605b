// The manager's live view of the team's escalations: every open, unanswered incident of the
// team's customers that is at risk or breached, with who answers it now (coverage), the
// minutes left (negative: overdue) and whether somebody acknowledged an alert of it.
import type { Absence, Customer, DutyShift, Incident, TimelineEvent } from '../model/entities';
import { isOpenIncident } from '../incidents/open';
import { coverageAt } from '../sla/index';
import type { SlaState } from '../sla/index';
import { slaAt, urgencyFactsOf } from '../today/urgency';
import { leaveInstants } from '../today/agenda';

export interface Escalation {
  incident: Incident;
  customer: Customer;
  state: Extract<SlaState, 'at_risk' | 'breached'>;
  dueAt: string;
  /** Whole minutes to the due time, rounded towards it; negative once overdue. */
  minutesLeft: number;
  responderId: string | null;
  responder: 'tam' | 'duty_manager';
  /** The latest acknowledgement recorded on the incident's timeline, if any. */
  acknowledged: { by: string; at: string } | null;
}

export function teamEscalations(input: {
  incidents: readonly Incident[];
  customers: ReadonlyMap<string, Customer>;
  absences: readonly Absence[];
  roster: readonly DutyShift[];
  /** Acknowledgement entries of these incidents (kind 'alert_acknowledged'). */
  acknowledgements: readonly TimelineEvent[];
  nowMs: number;
}): Escalation[] {
  const nowIso = new Date(input.nowMs).toISOString();
  const roster = input.roster
    .filter((s) => !s.deleted)
    .map((s) => ({ userId: s.userId, start: s.startsAt, end: s.endsAt }));
  const out: Escalation[] = [];
  for (const incident of input.incidents) {
    if (!isOpenIncident(incident) || incident.firstResponseAt !== null) continue;
    const customer = input.customers.get(incident.customerId);
    if (!customer) continue;
    let sla;
    try {
      sla = slaAt(urgencyFactsOf(incident, customer), input.nowMs);
    } catch {
      continue;
    }
    if (sla.state !== 'at_risk' && sla.state !== 'breached') continue;
    const who = coverageAt({
      calendar: customer.calendar,
      tamUserId: customer.tamId,
      leave: leaveInstants(input.absences, customer.tamId, customer.calendar.timeZone),
      roster,
      at: nowIso,
    });
    let acknowledged: Escalation['acknowledged'] = null;
    for (const e of input.acknowledgements) {
      if (
        e.incidentId === incident.id &&
        e.kind === 'alert_acknowledged' &&
        (!acknowledged || e.at > acknowledged.at)
      )
        acknowledged = { by: e.authorId, at: e.at };
    }
    const left = Date.parse(sla.dueAt) - input.nowMs;
    out.push({
      incident,
      customer,
      state: sla.state,
      dueAt: sla.dueAt,
      minutesLeft: left >= 0 ? Math.floor(left / 60_000) : -Math.ceil(-left / 60_000),
      responderId: who.userId,
      responder: who.answerer,
      acknowledged,
    });
  }
  // The most overdue first.
  return out.sort((a, b) => a.minutesLeft - b.minutesLeft);
}
