// Desktop notifications for new urgent alerts. Only the sync leader window raises them (one
// per computer, whatever the number of windows); the server's alert keys keep devices from
// receiving the same alert twice. An at-risk or breach alert and the local SLA notifier
// (features/notifications) share one memory per incident and state, so the user is told once
// whichever of the two sees it first. Mounted once in the layout; renders nothing.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { alertsToNotify } from '../../../shared/alerts/inbox';
import type { Alert } from '../../../shared/model/entities';
import { notificationKey, type AlertState } from '../../../shared/notifications/transitions';
import { getBridge } from '../../bridge';
import { useCurrentReplica, useReplicaQuery, useSyncMeta } from '../../replica';
import { formatDateTime } from '../../session/format';
import { useSyncStatus } from '../../sync/status';
import { customerName, useLocale } from '../../ui/common';
import { localNotifiedMemory } from '../notifications';
import { loadAlerts } from './data';
import { doNotDisturb, rememberShown, shownAlerts } from './preferences';

/** The local notifier's state an alert stage stands for, if any. */
function slaStateOf(alert: Alert): AlertState | null {
  return alert.stage === 'at_risk' ? 'at_risk' : alert.stage === 'breach' ? 'breached' : null;
}

export function AlertNotifier() {
  const { t } = useTranslation('alerts');
  const locale = useLocale();
  const actor = useCurrentReplica((s) => s.actor);
  const leader = useSyncStatus((s) => s.leader);
  // Not while the whole replica downloads: an alert may arrive before its incident, which is
  // needed to tell whether the alert is stale.
  const bootstrapping = useSyncMeta()?.progress?.bootstrap === true;
  const data = useReplicaQuery(
    (db) => (bootstrapping ? Promise.resolve(null) : loadAlerts(db, { withIncidents: true })),
    [bootstrapping],
  );

  useEffect(() => {
    if (!actor || !leader || !data) return;
    const candidates = alertsToNotify(data.alerts, shownAlerts(actor.id), {
      doNotDisturb: doNotDisturb(actor.id),
      nowMs: Date.now(),
      incidents: data.incidents,
    });
    if (candidates.length === 0) return;
    rememberShown(
      actor.id,
      candidates.map((a) => a.id),
    );
    const memory = localNotifiedMemory(actor.id);
    const told = new Set(memory.load());
    const send = candidates.filter((a) => {
      const state = slaStateOf(a);
      if (!state) return true;
      const key = notificationKey(a.incidentId, state);
      if (told.has(key) || told.has(notificationKey(a.incidentId, 'breached'))) return false;
      told.add(key);
      return true;
    });
    memory.save([...told]);
    for (const a of send) {
      const vars = {
        stage: t(`stage.${a.stage}`),
        customer: customerName(data.customers.get(a.customerId), locale),
        level: a.severity,
        title: a.title,
        due: formatDateTime(a.dueAt, locale),
        role: t(`role.${a.role}`),
      };
      void getBridge()
        .notify({
          title: t('notification.title', vars).slice(0, 256),
          body: t('notification.body', vars).slice(0, 4096),
          tag: `alert:${a.id}`,
        })
        .catch(() => undefined);
    }
  }, [actor, leader, data, t, locale]);

  return null;
}
