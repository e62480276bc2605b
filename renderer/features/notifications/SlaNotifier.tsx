// Besides the server's SLA alerts (features/alerts), which need a connection: raises a desktop notification when one of my open incidents (customers I am the TAM or
// backup TAM of) becomes at risk and when it breaches, once per incident and state (shared/notifications/transitions.ts decides;
// memory.ts remembers across reloads). Mounted once in the app layout; renders nothing.
// It re-evaluates exactly when some incident's state changes (the same state-change instants
// the Today list uses) or when the data changes, not on every tick.
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Customer, Incident } from '../../../shared/model/entities';
import { planNotifications } from '../../../shared/notifications/transitions';
import type { PlannedNotification } from '../../../shared/notifications/transitions';
import { changesPassed, slaAt, stateChangeInstants, urgencyStateAt } from '../../../shared/today/urgency';
import { getBridge } from '../../bridge';
import { formatDateTime } from '../../format/datetime';
import { getNow, useNowSelector } from '../../format/ticker';
import type { Locale } from '../../i18n/locale';
import { useCurrentReplica, useReplicaQuery, useSyncMeta } from '../../replica';
import { customerName, useLocale } from '../../ui/common';
import { loadWatched, useUrgencyEntries, type UrgencyEntry } from '../today';
import { localNotifiedMemory } from './memory';

export function describeNotification(
  t: TFunction<'notifications'>,
  locale: Locale,
  n: PlannedNotification,
  entry: { incident: Incident; customer: Customer; facts: UrgencyEntry['facts'] },
  now: number,
): { title: string; body: string } {
  const sla = slaAt(entry.facts, now);
  const vars = {
    customer: customerName(entry.customer, locale),
    level: sla.severity,
    title: entry.incident.title,
    due: formatDateTime(sla.dueAt, entry.customer.calendar.timeZone, locale),
  };
  return { title: t(`${n.state}.title`, vars), body: t(`${n.state}.body`, vars) };
}

/** Incidents that are breached or at risk at `now`: the badge on the app icon. */
export function badgeCountAt(profiles: readonly Parameters<typeof urgencyStateAt>[0][], now: number): number {
  let count = 0;
  for (const p of profiles) {
    const state = urgencyStateAt(p, now);
    if (state === 'breached' || state === 'at_risk') count++;
  }
  return count;
}

export function SlaNotifier() {
  const { t } = useTranslation('notifications');
  const locale = useLocale();
  const actor = useCurrentReplica((s) => s.actor);
  // Not while the whole replica downloads (a first sign-in, a server reset): re-reading on every
  // page would slow the download down; the states are checked once it is complete.
  const bootstrapping = useSyncMeta()?.progress?.bootstrap === true;
  // By the user's id: the actor object is replaced when the team arrives, which changes nothing here.
  const actorId = actor?.id;
  const data = useReplicaQuery(
    (db) =>
      actorId !== undefined && !bootstrapping ? loadWatched(db, { id: actorId }) : Promise.resolve(null),
    [actorId, bootstrapping],
  );
  const entries = useUrgencyEntries(data?.incidents, data?.customers);
  const profiles = useMemo(() => [...entries.values()].map((e) => e.profile), [entries]);
  const instants = useMemo(() => stateChangeInstants(profiles), [profiles]);
  const passed = useNowSelector((now) => changesPassed(instants, now), [instants]);

  useEffect(() => {
    if (!actor || !data) return;
    const now = getNow();
    const memory = localNotifiedMemory(actor.id);
    const plan = planNotifications(
      profiles.map((p) => ({ incidentId: p.incidentId, state: urgencyStateAt(p, now) })),
      memory.load(),
    );
    // Remember first: another window running the same check then finds them taken.
    memory.save(plan.remember);
    for (const n of plan.send) {
      const entry = entries.get(n.incidentId);
      if (!entry) continue;
      try {
        const { title, body } = describeNotification(t, locale, n, entry, now);
        void getBridge()
          .notify({
            title: title.slice(0, 256),
            body: body.slice(0, 4096),
            tag: `sla:${n.key}`.slice(0, 128),
            // A click opens the incident.
            open: { kind: 'incident', id: n.incidentId },
          })
          .catch(() => undefined);
      } catch {
        // An incident the SLA engine cannot compute raises no notification.
      }
    }
    // `passed` re-runs this exactly when a state changes.
  }, [actor, data, entries, profiles, passed, t, locale]);

  // The dock/taskbar badge: my breached plus at-risk incidents, by the same states as above.
  // Only the number crosses the bridge.
  useEffect(() => {
    const now = getNow();
    const badgeCount = actor && data ? badgeCountAt(profiles, now) : 0;
    void getBridge()
      .reportStatus({ badgeCount })
      .catch(() => undefined);
  }, [actor, data, profiles, passed]);

  return null;
}
