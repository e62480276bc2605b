// /reports: the way to today's daily reports and the report log (every report sent to a
// customer, newest first). Quarterly reports come later.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dailyReportBoard } from '../../../shared/reports/daily/draft';
import { formatDateTime, formatLocalDate, userTimeZone } from '../../format/datetime';
import { useCustomers, useOpenIncidents, useReplica, useReportLog } from '../../replica';
import { customerName, Loading, NoReplica, useLocale, useMinuteNow } from '../../ui/common';
import { QuarterlyReportsLink } from '../quarterly-report';

const LOG_LIMIT = 200;

export function ReportsPage() {
  const { t } = useTranslation(['reports', 'glossary']);
  const locale = useLocale();
  const db = useReplica();
  const customers = useCustomers();
  const incidents = useOpenIncidents();
  const reports = useReportLog({ limit: LOG_LIMIT });
  const allReports = useReportLog();
  const now = useMinuteNow();
  const byId = useMemo(() => new Map((customers ?? []).map((c) => [c.id, c])), [customers]);
  const board = useMemo(
    () =>
      customers && incidents && allReports
        ? dailyReportBoard({ customers, incidents, reports: allReports, now: new Date(now).toISOString() })
        : [],
    [customers, incidents, allReports, now],
  );

  if (!db) return <NoReplica titleId="reports-title" title={t('title')} />;
  const owed = board.filter((b) => b.today.status === 'due' || b.today.status === 'overdue');
  const overdue = owed.filter((b) => b.today.status === 'overdue').length;
  return (
    <section aria-labelledby="reports-title" className="ws-page">
      <h2 id="reports-title">{t('title')}</h2>
      <section aria-labelledby="reports-daily" className="ws-section">
        <h3 id="reports-daily">{t('daily.title')}</h3>
        <p>{t('daily.intro')}</p>
        <p data-testid="reports-daily-summary">
          {owed.length === 0 ? t('daily.nothingOwed') : t('daily.owed', { n: owed.length, overdue })}
        </p>
        <Link to="/reports/daily" data-testid="daily-reports-link">
          {t('daily.open')}
        </Link>
      </section>
      <section aria-labelledby="reports-quarterly" className="ws-section">
        <h3 id="reports-quarterly">{t('quarterly.title')}</h3>
        <p>
          <QuarterlyReportsLink />
        </p>
      </section>
      <section aria-labelledby="reports-log" className="ws-section">
        <h3 id="reports-log">{t('log.title')}</h3>
        {reports === undefined ? (
          <Loading />
        ) : reports.length === 0 ? (
          <p className="muted">{t('log.none')}</p>
        ) : (
          <table className="ws-table" data-testid="report-log">
            <caption className="visually-hidden">{t('log.caption', { n: LOG_LIMIT })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('log.sentAt')}</th>
                <th scope="col">{t('log.customer')}</th>
                <th scope="col">{t('log.kind')}</th>
                <th scope="col">{t('log.period')}</th>
                <th scope="col">{t('log.via')}</th>
                <th scope="col">{t('log.note')}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => {
                const c = byId.get(r.customerId);
                return (
                  <tr key={r.id}>
                    <th scope="row">
                      {formatDateTime(r.sentAt, c?.calendar.timeZone ?? userTimeZone(), locale)}
                    </th>
                    <td>{c ? <Link to={`/customers/${c.id}`}>{customerName(c, locale)}</Link> : '—'}</td>
                    <td>
                      {t(`glossary:reportKind.${r.kind}`)}
                      {r.incidentId && (
                        <>
                          {' '}
                          (<Link to={`/incidents/${r.incidentId}`}>{t('log.incident')}</Link>)
                        </>
                      )}
                    </td>
                    <td>
                      {r.periodStart === r.periodEnd
                        ? formatLocalDate(r.periodStart, locale)
                        : t('log.range', {
                            start: formatLocalDate(r.periodStart, locale),
                            end: formatLocalDate(r.periodEnd, locale),
                          })}
                    </td>
                    <td>{t(`glossary:reportVia.${r.via}`)}</td>
                    <td>{r.note ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
