// The notifications centre: the user's SLA alerts, newest first.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unreadCount } from '../../../shared/alerts/inbox';
import { useCurrentReplica, mutate, useReplicaQuery } from '../../replica';
import { AlertList } from './AlertList';
import { loadAlerts } from './data';
import { setDoNotDisturb, useDoNotDisturb } from './preferences';

export function AlertsPage() {
  const { t } = useTranslation('alerts');
  const actor = useCurrentReplica((s) => s.actor);
  const data = useReplicaQuery((db) => loadAlerts(db), []);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const dnd = useDoNotDisturb(actor?.id);
  if (!data) return null;
  const shown = unreadOnly ? data.alerts.filter((a) => a.readAt === null) : data.alerts;
  const unread = data.alerts.filter((a) => a.readAt === null).map((a) => a.id);

  return (
    <section aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <div className="toolbar">
        <label>
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />{' '}
          {t('unreadOnly')}
        </label>
        <button
          type="button"
          disabled={unreadCount(data.alerts) === 0}
          onClick={() => void mutate('alert.markRead', { alertIds: unread.slice(0, 200) })}
        >
          {t('markAllRead')}
        </button>
        {actor && (
          <label title={t('doNotDisturbHint')}>
            <input
              type="checkbox"
              checked={dnd}
              onChange={(e) => setDoNotDisturb(actor.id, e.target.checked)}
            />{' '}
            {t('doNotDisturb')}
          </label>
        )}
      </div>
      {shown.length === 0 ? (
        <p data-testid="alerts-empty">{t('empty')}</p>
      ) : (
        <AlertList alerts={shown} customers={data.customers} />
      )}
    </section>
  );
}
