// /reports/quarterly: every customer with the quarterly report owed next (the engine's
// schedule from the report log), and the open level-1 incidents whose customer report (PDF,
// e-mail file) is made on the daily critical-incident page.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { nextQuarterlyReport } from '../../../shared/analytics/schedule';
import type { Customer, Incident, Report } from '../../../shared/model/entities';
import { formatLocalDate } from '../../format/datetime';
import { useCustomers, useOpenIncidents, useReplica, useReportLog } from '../../replica';
import { customerName, useLocale, useMinuteNow } from '../../ui/common';
import { contractSchedule } from '../manager';
import '../../ui/report-page.css';

interface Owed {
  customer: Customer;
  dueDate: string | null;
  overdue: number;
  error: boolean;
}

function owedReports(customers: readonly Customer[], reports: readonly Report[], now: string): Owed[] {
  const byCustomer = new Map<string, Report[]>();
  for (const r of reports) byCustomer.set(r.customerId, [...(byCustomer.get(r.customerId) ?? []), r]);
  return customers.map((customer) => {
    try {
      const owed = nextQuarterlyReport(contractSchedule(customer, byCustomer.get(customer.id) ?? [], now));
      return { customer, dueDate: owed.dueDate, overdue: owed.overdueCount, error: false };
    } catch {
      return { customer, dueDate: null, overdue: 0, error: true };
    }
  });
}

export function QuarterlyIndexPage() {
  const { t } = useTranslation('quarterlyReport');
  const locale = useLocale();
  const db = useReplica();
  const customers = useCustomers();
  const reports = useReportLog();
  const open = useOpenIncidents();
  const now = useMinuteNow();
  const owed = useMemo(
    () => (customers && reports ? owedReports(customers, reports, new Date(now).toISOString()) : undefined),
    [customers, reports, now],
  );
  const critical: Incident[] = useMemo(() => (open ?? []).filter((i) => i.severity === 1), [open]);
  const byId = useMemo(() => new Map((customers ?? []).map((c) => [c.id, c])), [customers]);

  return (
    <section aria-labelledby="qr-index-title" className="qr-page">
      <p className="qr-breadcrumb">
        <Link to="/reports">{t('page.back')}</Link>
      </p>
      <h2 id="qr-index-title">{t('index.title')}</h2>
      <p className="muted">{t('index.intro')}</p>
      {!db ? (
        <p>{t('page.signIn')}</p>
      ) : owed === undefined ? (
        <p aria-busy="true">{t('page.loading')}</p>
      ) : owed.length === 0 ? (
        <p className="muted">{t('index.empty')}</p>
      ) : (
        <table className="ws-table qr-table" data-testid="quarterly-index">
          <thead>
            <tr>
              <th scope="col">{t('index.customer')}</th>
              <th scope="col">{t('index.due')}</th>
            </tr>
          </thead>
          <tbody>
            {owed.map((o) => {
              const name = customerName(o.customer, locale);
              return (
                <tr key={o.customer.id}>
                  <th scope="row">
                    <Link to={`/reports/quarterly/${o.customer.id}`}>{name}</Link>
                  </th>
                  <td>
                    {o.dueDate === null ? (
                      o.error ? (
                        '—'
                      ) : (
                        t('index.noneOwed')
                      )
                    ) : (
                      <span data-testid="quarterly-due" data-due-date={o.dueDate}>
                        {formatLocalDate(o.dueDate, locale)}
                      </span>
                    )}
                    {o.overdue > 0 && (
                      <span className="qr-sub">{t('index.overdue', { count: o.overdue })}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <section aria-labelledby="qr-daily-title" className="qr-log">
        <h3 id="qr-daily-title">{t('index.dailyTitle')}</h3>
        <p className="qr-hint">{t('index.dailyIntro')}</p>
        {critical.length === 0 ? (
          <p className="muted">{t('index.dailyNone')}</p>
        ) : (
          <ul data-testid="daily-critical-list">
            {critical.map((i) => {
              const c = byId.get(i.customerId);
              return (
                <li key={i.id}>
                  <Link to={`/reports/daily-critical/${i.id}`}>
                    {t('index.dailyOpen', { title: i.title })}
                  </Link>
                  {c && <span className="qr-sub">{customerName(c, locale)}</span>}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </section>
  );
}
