// /health-checks: the health checks of every customer in scope (upcoming first), and one
// customer's health checks to schedule, move, record findings and complete.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatLocalDate } from '../../format/datetime';
import { useCustomers, useHealthChecks, useReplica } from '../../replica';
import { customerName, Loading, NoReplica, useLocale } from '../../ui/common';
import { HealthCheckSection } from './HealthCheckSection';
import { sortHealthChecks } from './schedule-model';

export function HealthChecksPage() {
  const { t } = useTranslation(['healthChecks', 'glossary']);
  const locale = useLocale();
  const db = useReplica();
  const customers = useCustomers();
  const checks = useHealthChecks();
  const [customerId, setCustomerId] = useState('');
  const pickId = useId();
  const byId = useMemo(() => new Map((customers ?? []).map((c) => [c.id, c])), [customers]);
  const chosen = customerId ? byId.get(customerId) : undefined;

  if (!db) return <NoReplica titleId="health-checks-title" title={t('title')} />;
  const rows = sortHealthChecks(checks ?? []);
  return (
    <section aria-labelledby="health-checks-title" className="ws-page">
      <h2 id="health-checks-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <section aria-labelledby="health-checks-all">
        <h3 id="health-checks-all">{t('all')}</h3>
        {checks === undefined ? (
          <Loading />
        ) : rows.length === 0 ? (
          <p className="muted">{t('none')}</p>
        ) : (
          <table className="ws-table" data-testid="health-check-table">
            <thead>
              <tr>
                <th scope="col">{t('item.date')}</th>
                <th scope="col">{t('item.customer')}</th>
                <th scope="col">{t('item.status')}</th>
                <th scope="col">{t('item.findingCount')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((h) => {
                const c = byId.get(h.customerId);
                return (
                  <tr key={h.id}>
                    <th scope="row">{formatLocalDate(h.scheduledDate, locale)}</th>
                    <td>{c ? <Link to={`/customers/${c.id}`}>{customerName(c, locale)}</Link> : '—'}</td>
                    <td>{t(`glossary:healthCheckStatus.${h.status}`)}</td>
                    <td>{h.findings.length}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="health-checks-customer">
        <h3 id="health-checks-customer">{t('forCustomer')}</h3>
        <div className="ws-field">
          <label htmlFor={pickId}>{t('pickCustomer')}</label>
          <select
            id={pickId}
            value={customerId}
            onChange={(e) => setCustomerId(e.target.value)}
            data-testid="health-check-customer"
          >
            <option value="">{t('pickCustomerNone')}</option>
            {(customers ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {customerName(c, locale)}
              </option>
            ))}
          </select>
        </div>
        {chosen && <HealthCheckSection key={chosen.id} customer={chosen} headingLevel={4} />}
      </section>
    </section>
  );
}
