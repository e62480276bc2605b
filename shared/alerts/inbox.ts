// What the app does with the alerts that reached the user: how many are unread, which raise a
// desktop notification. Do-not-disturb quiets the alerts the user receives as a backup or a
// manager, never those for which the user is the responder on duty.
import type { Alert } from '../model/entities';

export function unreadCount(alerts: readonly Pick<Alert, 'readAt' | 'deleted'>[]): number {
  let n = 0;
  for (const a of alerts) if (!a.deleted && a.readAt === null) n++;
  return n;
}

/**
 * The alerts to show as desktop notifications now: urgent, unread, unacknowledged, not shown
 * before (`shown`: ids already notified, on this computer), not older than `maxAgeMs` (a laptop
 * that was asleep for a day does not replay the day), and not quieted by do-not-disturb.
 */
export function alertsToNotify(
  alerts: readonly Alert[],
  shown: ReadonlySet<string>,
  options: { doNotDisturb: boolean; nowMs: number; maxAgeMs?: number },
): Alert[] {
  const maxAge = options.maxAgeMs ?? 60 * 60_000;
  return alerts.filter(
    (a) =>
      !a.deleted &&
      a.urgent &&
      a.readAt === null &&
      a.acknowledgedAt === null &&
      !shown.has(a.id) &&
      options.nowMs - Date.parse(a.at) <= maxAge &&
      !(options.doNotDisturb && a.role !== 'responder'),
  );
}
