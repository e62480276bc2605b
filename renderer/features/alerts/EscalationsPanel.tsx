// The manager's live list of the team's escalations: responder, minutes left, acknowledged.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useReplicaQuery } from '../../replica';
import { formatDateTime } from '../../session/format';
import { useMinuteNow, customerName, useLocale } from '../../ui/common';
import { loadEscalations } from './data';

export function EscalationsPanel() {
  const { t } = useTranslation('alerts');
  const locale = useLocale();
  const now = useMinuteNow();
  const data = useReplicaQuery((db) => loadEscalations(db, now), [now]);
  if (!data) return null;
  const name = (id: string | null) => (id ? (data.users.get(id)?.name ?? id) : t('escalations.nobody'));
  return (
    <section aria-labelledby="escalations-title" data-testid="escalations">
      <h3 id="escalations-title">{t('escalations.title')}</h3>
      <p className="muted">{t('escalations.intro')}</p>
      {data.rows.length === 0 ? (
        <p data-testid="escalations-empty">{t('escalations.empty')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('escalations.customer')}</th>
              <th scope="col">{t('escalations.incident')}</th>
              <th scope="col">{t('escalations.state')}</th>
              <th scope="col">{t('escalations.left')}</th>
              <th scope="col">{t('escalations.responder')}</th>
              <th scope="col">{t('escalations.acknowledged')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((e) => (
              <tr key={e.incident.id} data-testid="escalation-row">
                <td>{customerName(e.customer, locale)}</td>
                <td>
                  <Link to={`/incidents/${e.incident.id}`}>
                    L{e.incident.severity} {e.incident.title}
                  </Link>
                </td>
                <td>{t(`escalations.${e.state}`)}</td>
                <td>
                  {e.minutesLeft >= 0
                    ? t('escalations.minutesLeft', { n: e.minutesLeft })
                    : t('escalations.minutesOver', { n: -e.minutesLeft })}
                </td>
                <td>{t(`escalations.${e.responder}`, { name: name(e.responderId) })}</td>
                <td>
                  {e.acknowledged
                    ? t('escalations.ackBy', {
                        name: name(e.acknowledged.by),
                        at: formatDateTime(e.acknowledged.at, locale),
                      })
                    : t('escalations.notYet')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
