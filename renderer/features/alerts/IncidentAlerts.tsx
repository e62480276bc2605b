// The user's alerts about one incident, on its page, with "acknowledge" at hand.
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../shared/model/entities';
import { useReplicaQuery } from '../../replica';
import { AlertList } from './AlertList';
import { loadIncidentAlerts } from './data';

export function IncidentAlerts({
  incidentId,
  customer,
}: {
  incidentId: string;
  customer: Customer | undefined;
}) {
  const { t } = useTranslation('alerts');
  const alerts = useReplicaQuery((db) => loadIncidentAlerts(db, incidentId), [incidentId]);
  if (!alerts || alerts.length === 0) return null;
  const open = alerts
    .filter((a) => a.acknowledgedAt === null || a.readAt === null)
    .sort((a, b) => b.at.localeCompare(a.at));
  if (open.length === 0) return null;
  return (
    <section className="incident-alerts" aria-label={t('banner.title')} data-testid="incident-alerts">
      <h3>{t('banner.title')}</h3>
      <AlertList
        alerts={open}
        customers={new Map(customer ? [[customer.id, customer]] : [])}
        showIncidentLink={false}
      />
    </section>
  );
}
