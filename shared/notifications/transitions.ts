// When to raise a desktop notification about an incident's response SLA: when it becomes at
// risk and when it breaches (docs/docs/domain.md: "a breach or at-risk incident is escalated"), once
// per incident and state. What was notified is remembered as keys `incidentId:state` (the
// caller persists them), so a reload, a second window or a restart never repeats one.
import type { SlaState } from '../sla/index';

export type AlertState = 'at_risk' | 'breached';

export interface WatchedIncident {
  incidentId: string;
  /** The incident's SLA state now ('invalid' when the engine refused its facts). */
  state: SlaState | 'invalid';
}

export interface PlannedNotification {
  incidentId: string;
  state: AlertState;
  /** The remembered key, also usable as the notification tag. */
  key: string;
}

export interface NotificationPlan {
  /** Notifications to raise now, in the order given. */
  send: PlannedNotification[];
  /** The keys to remember from now on (the previous ones, the new ones, minus settled incidents). */
  remember: string[];
}

/** The most keys kept: the oldest are forgotten first (incidents long closed). */
export const MAX_REMEMBERED = 5000;

export function notificationKey(incidentId: string, state: AlertState): string {
  return `${incidentId}:${state}`;
}

function incidentOfKey(key: string): string {
  const i = key.lastIndexOf(':');
  return i < 0 ? key : key.slice(0, i);
}

/**
 * What to notify, given every watched incident's current state and the keys already notified.
 * - at risk: once, unless its breach was already notified (old news then);
 * - breached: once, even when the at-risk stage was never seen (the app was closed);
 * - a settled incident (met or missed) never needs one again: its keys are dropped, and so are
 *   the oldest keys beyond MAX_REMEMBERED. Incidents missing from `watched` keep their keys
 *   (a list still loading must not make the next one repeat everything).
 */
export function planNotifications(
  watched: readonly WatchedIncident[],
  notified: Iterable<string>,
): NotificationPlan {
  const known = new Set(notified);
  const send: PlannedNotification[] = [];
  const settled = new Set<string>();
  for (const w of watched) {
    if (w.state === 'met' || w.state === 'missed') {
      settled.add(w.incidentId);
      continue;
    }
    if (w.state !== 'at_risk' && w.state !== 'breached') continue;
    const key = notificationKey(w.incidentId, w.state);
    if (known.has(key)) continue;
    if (w.state === 'at_risk' && known.has(notificationKey(w.incidentId, 'breached'))) continue;
    send.push({ incidentId: w.incidentId, state: w.state, key });
  }
  const remember = [...known, ...send.map((s) => s.key)].filter((k) => !settled.has(incidentOfKey(k)));
  return {
    send,
    remember: remember.length > MAX_REMEMBERED ? remember.slice(remember.length - MAX_REMEMBERED) : remember,
  };
}
