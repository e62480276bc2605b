// Whether an incident is open: the one home of the rule. An incident is open until it is
// resolved or closed (CLOSED_INCIDENT_STATUSES of the model); a deleted row is not an open
// incident. The mutations, the replica, Today, the analytics and the daily report use this.
import { CLOSED_INCIDENT_STATUSES, IncidentStatusSchema } from '../model/entities';
import type { Incident, IncidentStatus } from '../model/entities';

const CLOSED: ReadonlySet<IncidentStatus> = new Set(CLOSED_INCIDENT_STATUSES);

/** The statuses of an open incident (every status but the closed ones), in the schema's order. */
export const OPEN_INCIDENT_STATUSES: readonly IncidentStatus[] = IncidentStatusSchema.options.filter(
  (s) => !CLOSED.has(s),
);

/** A status in which the incident is still open (not resolved, not closed). */
export function isOpenStatus(status: IncidentStatus): boolean {
  return !CLOSED.has(status);
}

/** An incident still open: not deleted, and neither resolved nor closed. */
export function isOpenIncident(incident: Pick<Incident, 'status'> & { readonly deleted?: boolean }): boolean {
  return incident.deleted !== true && !CLOSED.has(incident.status);
}
