// /reports/daily and /reports/daily/:incidentId: today's daily reports of the open level-1
// incidents (due, overdue, done, not owed; "today" in each customer's zone), and the draft
// and log of the chosen one.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { dailyReportBoard } from '../../../shared/reports/daily/draft';
import type { DailyReportBoardItem } from '../../../shared/reports/daily/draft';
import { formatDateTime, formatZone } from '../../format/datetime';
import { useCustomers, useIncident, useOpenIncidents, useReplica, useReportLog } from '../../replica';
import { customerName, Loading, NoReplica, useLocale, useMinuteNow } from '../../ui/common';
import { DraftPanel } from './DraftPanel';

export function DailyReportPage() {
  const { incidentId } = useParams();
  const { t } = useTranslation(['dailyReport', 'glossary']);
  const locale = useLocale();
  const db = useReplica();
  const customers = useCustomers();
  const incidents = useOpenIncidents();
  const reports = useReportLog();
  const selected = useIncident(incidentId);
  const now = useMinuteNow();
  const loaded = customers !== undefined && incidents !== undefined && reports !== undefined;
  const board = useMemo(
    () =>
      loaded ? dailyReportBoard({ customers, incidents, reports, now: new Date(now).toISOString() }) : [],
    [loaded, customers, incidents, reports, now],
  );

  if (!db) return <NoReplica titleId="daily-title" title={t('title')} />;
  const item = incidentId ? board.find((b) => b.incident.id === incidentId) : undefined;
  const counts = {
    due: board.filter((b) => b.today.status === 'due').length,
    overdue: board.filter((b) => b.today.status === 'overdue').length,
  };
  return (
    <section aria-labelledby="daily-title" className="ws-page">
      <p className="ws-breadcrumb">
        <Link to="/reports">{t('reports')}</Link>
      </p>
      <h2 id="daily-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      {!loaded ? (
        <Loading />
      ) : (
        <>
          <p role="status" data-testid="daily-summary">
            {board.length === 0
              ? t('summary.none')
              : t('summary.counts', { due: counts.due, overdue: counts.overdue, total: board.length })}
          </p>
          {board.length > 0 && (
            <table className="ws-table" data-testid="daily-board">
              <caption className="visually-hidden">{t('board.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('board.incident')}</th>
                  <th scope="col">{t('board.customer')}</th>
                  <th scope="col">{t('board.today')}</th>
                  <th scope="col">{t('board.last')}</th>
                </tr>
              </thead>
              <tbody>
                {board.map((b) => (
                  <tr
                    key={b.incident.id}
                    aria-current={b.incident.id === incidentId ? 'true' : undefined}
                    data-status={b.today.status}
                  >
                    <th scope="row">
                      <Link to={`/reports/daily/${b.incident.id}`}>{b.incident.title}</Link>
                    </th>
                    <td>{customerName(b.customer, locale)}</td>
                    <td>
                      <StatusCell item={b} />
                    </td>
                    <td>
                      {b.lastReport
                        ? t('board.lastSent', {
                            time: formatDateTime(b.lastReport.sentAt, b.customer.calendar.timeZone, locale),
                            via: t(`via.${b.lastReport.via}`),
                          })
                        : t('board.never')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {incidentId === undefined ? (
            board.length > 0 && <p className="muted">{t('pick')}</p>
          ) : item ? (
            <DraftPanel
              key={item.incident.id}
              incident={item.incident}
              customer={item.customer}
              reports={reports}
              now={now}
              headingLevel={3}
            />
          ) : selected === undefined ? (
            <Loading />
          ) : (
            <p role="alert" className="ws-error">
              {t('notOwed', { title: selected.title })}{' '}
              <Link to={`/incidents/${selected.id}`}>{t('draft.openIncident')}</Link>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function StatusCell({ item }: { item: DailyReportBoardItem }) {
  const { t } = useTranslation(['dailyReport', 'glossary']);
  const locale = useLocale();
  const zone = item.customer.calendar.timeZone;
  const s = item.today;
  const badge = (
    <span className={`ws-badge ws-daily-${s.status}`}>{t(`glossary:dailyReportStatus.${s.status}`)}</span>
  );
  switch (s.status) {
    case 'due':
    case 'overdue':
      return (
        <>
          {badge}{' '}
          {t('board.dueBy', {
            time: formatDateTime(s.dueBy ?? '', zone, locale),
            zone: formatZone(zone, s.dueBy ?? undefined, locale),
          })}
        </>
      );
    case 'done':
      return (
        <>
          {badge}{' '}
          {t('board.doneAt', {
            time: formatDateTime(s.sentAt ?? '', zone, locale),
            via: t(`via.${s.via ?? 'email'}`),
          })}
        </>
      );
    case 'not_owed':
      return (
        <>
          {badge} {t(`board.notOwed.${s.notOwedReason ?? 'received_after_cutoff'}`)}
        </>
      );
  }
}
