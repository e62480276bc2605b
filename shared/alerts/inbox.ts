// What the app does with the alerts that reached the user: how many are unread, which raise a
// desktop notification. Do-not-disturb quiets the alerts the user receives as a backup or a
// manager, never those for which the user is the responder on duty.
import { isOpenStatus } from '../incidents/open';
import { AlertStageSchema } from '../model/entities';
import type { Alert, Incident } from '../model/entities';

export function unreadCount(alerts: readonly Pick<Alert, 'readAt' | 'deleted'>[]): number {
  let n = 0;
  for (const a of alerts) if (!a.deleted && a.readAt === null) n++;
  return n;
}

/** The incident an alert is about, as it stands now in the replica. */
export type AlertIncidentNow = Pick<Incident, 'severity' | 'status' | 'firstResponseAt'> & {
  readonly deleted?: boolean;
};

/**
 * Whether an alert no longer describes its incident: the incident was answered, closed or
 * deleted, or its level changed since (the server planned the alert for the old level), or a
 * later stage of the same incident has reached the user already (a breach makes the at-risk
 * alert old news). Such an alert stays in the notifications centre but raises no desktop
 * notification. An incident the replica does not hold is not judged.
 */
export function isStaleAlert(
  alert: Alert,
  incident: AlertIncidentNow | undefined,
  alertsOfIncident: readonly Alert[],
): boolean {
  if (incident) {
    if (incident.deleted || !isOpenStatus(incident.status) || incident.firstResponseAt !== null) return true;
    if (incident.severity !== alert.severity) return true;
  }
  const rank = STAGE_ORDER.indexOf(alert.stage);
  return alertsOfIncident.some((o) => !o.deleted && o.id !== alert.id && STAGE_ORDER.indexOf(o.stage) > rank);
}

const STAGE_ORDER = AlertStageSchema.options;

/**
 * The alerts to show as desktop notifications now: urgent, unread, unacknowledged, not shown
 * before (`shown`: ids already notified, on this computer), not older than `maxAgeMs` (a laptop
 * that was asleep for a day does not replay the day), not stale (`isStaleAlert`, judged against
 * `incidents` when given) and not quieted by do-not-disturb.
 */
export function alertsToNotify(
  alerts: readonly Alert[],
  shown: ReadonlySet<string>,
  options: {
    doNotDisturb: boolean;
    nowMs: number;
    maxAgeMs?: number;
    incidents?: ReadonlyMap<string, AlertIncidentNow>;
  },
): Alert[] {
  const maxAge = options.maxAgeMs ?? 60 * 60_000;
  const byIncident = new Map<string, Alert[]>();
  for (const a of alerts) {
    const list = byIncident.get(a.incidentId);
    if (list) list.push(a);
    else byIncident.set(a.incidentId, [a]);
  }
  return alerts.filter(
    (a) =>
      !a.deleted &&
      a.urgent &&
      a.readAt === null &&
      a.acknowledgedAt === null &&
      !shown.has(a.id) &&
      options.nowMs - Date.parse(a.at) <= maxAge &&
      !(options.doNotDisturb && a.role !== 'responder') &&
      !isStaleAlert(a, options.incidents?.get(a.incidentId), byIncident.get(a.incidentId) ?? []),
  );
}
