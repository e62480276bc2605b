// Desktop notifications for new urgent alerts. Only the sync leader window raises them (one
// per computer, whatever the number of windows); the server's alert keys keep devices from
// receiving the same alert twice. Mounted once in the layout; renders nothing.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { alertsToNotify } from '../../../shared/alerts/inbox';
import { getBridge } from '../../bridge';
import { useCurrentReplica } from '../../replica/current';
import { useReplicaQuery } from '../../replica/hooks';
import { formatDateTime } from '../../session/format';
import { useSyncStatus } from '../../sync/status';
import { customerName, useLocale } from '../incident/parts';
import { loadAlerts } from './data';
import { doNotDisturb, rememberShown, shownAlerts } from './preferences';

export function AlertNotifier() {
  const { t } = useTranslation('alerts');
  const locale = useLocale();
  const actor = useCurrentReplica((s) => s.actor);
  const leader = useSyncStatus((s) => s.leader);
  const data = useReplicaQuery((db) => loadAlerts(db), []);

  useEffect(() => {
    if (!actor || !leader || !data) return;
    const send = alertsToNotify(data.alerts, shownAlerts(actor.id), {
      doNotDisturb: doNotDisturb(actor.id),
      nowMs: Date.now(),
    });
    if (send.length === 0) return;
    rememberShown(
      actor.id,
      send.map((a) => a.id),
    );
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
