// An incident's facts as the SLA engine's input: the one home of the mapping. The level at
// receipt is the first entry of the severity history (the row's `severity` when the history
// is empty), the later entries are the changes; the customer's calendar and support policy
// (policyOfCustomer) complete it.
import type { Incident, Severity } from '../model/entities';
import type { Calendar, ResponseSlaRequest, SeverityChange, SupportPolicy } from '../sla/index';

type SlaIncident = Pick<
  Incident,
  'receivedAt' | 'severity' | 'channel' | 'severityHistory' | 'firstResponseAt'
>;

/** The level at receipt and the changes after it (undefined when the level never changed: no copy). */
export function severityFactsOf(incident: Pick<Incident, 'severity' | 'severityHistory'>): {
  severity: Severity;
  severityChanges: readonly SeverityChange[] | undefined;
} {
  const history = incident.severityHistory;
  return {
    severity: history[0]?.severity ?? incident.severity,
    severityChanges: history.length > 1 ? history.slice(1) : undefined,
  };
}

/** The computeResponseSla input of an incident at `now`, under the customer's calendar and policy. */
export function responseSlaInput(
  incident: SlaIncident,
  calendar: Calendar,
  policy: SupportPolicy,
  now: string,
): ResponseSlaRequest {
  const { severity, severityChanges } = severityFactsOf(incident);
  return {
    receivedAt: incident.receivedAt,
    severity,
    severityChanges,
    channel: incident.channel,
    calendar,
    policy,
    firstResponseAt: incident.firstResponseAt,
    now,
  };
}
