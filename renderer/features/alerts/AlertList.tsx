// One list of alerts, for the notifications centre and an incident's page.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Alert, Customer } from '../../../shared/model/entities';
import { mutate } from '../../replica';
import { formatDateTime } from '../../session/format';
import { customerName, useLocale } from '../../ui/common';

export function AlertList({
  alerts,
  customers,
  showIncidentLink = true,
}: {
  alerts: readonly Alert[];
  customers: ReadonlyMap<string, Customer>;
  showIncidentLink?: boolean;
}) {
  const { t } = useTranslation('alerts');
  const locale = useLocale();
  const [error, setError] = useState<string | null>(null);

  const run = async (op: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const result = await op;
    setError(result.ok ? null : t('failed', { message: result.error?.message ?? '' }));
  };

  return (
    <>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <ul className="alert-list" data-testid="alert-list">
        {alerts.map((a) => {
          const customer = customers.get(a.customerId);
          return (
            <li
              key={a.id}
              className={a.readAt === null ? 'alert-item unread' : 'alert-item'}
              data-testid="alert-item"
              data-stage={a.stage}
            >
              <div className="alert-head">
                <strong>{t(`stage.${a.stage}`)}</strong>
                {a.readAt === null && <span className="badge">{t('unread')}</span>}
                <span className="muted">
                  {' '}
                  L{a.severity} · {customer ? customerName(customer, locale) : ''} · {t(`role.${a.role}`)}
                </span>
              </div>
              <div>
                {showIncidentLink ? (
                  <Link
                    to={`/incidents/${a.incidentId}`}
                    onClick={() => a.readAt === null && void mutate('alert.markRead', { alertIds: [a.id] })}
                  >
                    {a.title}
                  </Link>
                ) : (
                  a.title
                )}
              </div>
              <div className="muted">
                {t('at', { at: formatDateTime(a.at, locale) })} ·{' '}
                {t('due', { due: formatDateTime(a.dueAt, locale) })}
              </div>
              <div className="alert-actions">
                {a.acknowledgedAt === null ? (
                  <button
                    type="button"
                    title={t('acknowledgeHint')}
                    onClick={() =>
                      void run(mutate('alert.acknowledge', { alertId: a.id, eventId: crypto.randomUUID() }))
                    }
                  >
                    {t('acknowledge')}
                  </button>
                ) : (
                  <span>{t('acknowledged', { at: formatDateTime(a.acknowledgedAt, locale) })}</span>
                )}
                {a.readAt === null && (
                  <button
                    type="button"
                    onClick={() => void run(mutate('alert.markRead', { alertIds: [a.id] }))}
                  >
                    {t('markRead')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
