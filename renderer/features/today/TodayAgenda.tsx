// The Today view's other panels: who answers each customer now, daily reports owed today,
// quarterly reports and health checks in the next 30 days, requests waiting on someone.
// Everything is computed by shared/today/agenda.ts (through the SLA engine);
// these components only render. They refresh whenever the data changes, and with time: the
// daily reports each minute (cut-off), coverage when it changes hands, the dates hourly.
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Customer, User } from '../../../shared/model/entities';
import {
  customerCoverage,
  nextCoverageChangeAt,
  dailyReportsOwed,
  upcomingHealthChecks,
  upcomingQuarterlyReports,
  waitingRequests,
} from '../../../shared/today/agenda';
import { formatDateTimeShort, formatLocalDate } from '../../format/datetime';
import { getNow, useNowSelector } from '../../format/ticker';
import { customerName, useLocale } from '../../ui/common';
import type { TodayData } from './data';

function userName(users: Map<string, User>, id: string | null, fallback: string): string {
  if (id === null) return fallback;
  return users.get(id)?.name ?? fallback;
}

export function CoveragePanel({ data, hour }: { data: TodayData; hour: number }) {
  const { t } = useTranslation(['today', 'glossary']);
  const locale = useLocale();
  // Recomputed when the data changes, each hour, and when someone's cover ends (`until`).
  const [handover, setHandover] = useState<number | null>(null);
  const crossed = useNowSelector((t) => handover !== null && t >= handover, [handover]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- samples the clock: the deps are the moments to sample it again
  const now = useMemo(() => getNow(), [data, hour, crossed]);
  const rows = useMemo(
    () =>
      data.customers.map((c) => ({ customer: c, ...customerCoverage(c, data.absences, data.roster, now) })),
    [data.customers, data.absences, data.roster, now],
  );
  useEffect(() => setHandover(nextCoverageChangeAt(rows)), [rows]);
  return (
    <section className="ws-panel" aria-labelledby="today-coverage-title">
      <h3 id="today-coverage-title">{t('coverage.title')}</h3>
      {rows.length === 0 ? (
        <p>{t('coverage.empty')}</p>
      ) : (
        <ul className="ws-plain-list" data-testid="coverage">
          {rows.map(({ customer, coverage, error }) => (
            <li key={customer.id} data-testid="coverage-row" data-answerer={coverage?.answerer ?? 'unknown'}>
              <strong>{customerName(customer, locale)}</strong>:{' '}
              {coverage === null ? (
                <span className="ws-error-text">{t('coverage.invalid', { message: error ?? '' })}</span>
              ) : (
                <>
                  {coverage.answerer === 'tam' ? (
                    t('coverage.tam', {
                      name: userName(data.users, coverage.userId, t('coverage.unknownUser')),
                    })
                  ) : coverage.userId === null ? (
                    <span className="ws-error-text">{t('coverage.dutyNobody')}</span>
                  ) : (
                    t('coverage.duty', {
                      name: userName(data.users, coverage.userId, t('coverage.unknownUser')),
                    })
                  )}
                  <span className="muted">
                    {' '}
                    — {t(`coverage.reason.${coverage.reason}`)}
                    {coverage.until && (
                      <>
                        {' '}
                        ·{' '}
                        {t('coverage.until', {
                          time: formatDateTimeShort(coverage.until, customer.calendar.timeZone, locale, now),
                        })}
                      </>
                    )}
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function DailyReportsPanel({ data, minute }: { data: TodayData; minute: number }) {
  const { t } = useTranslation(['today', 'glossary']);
  const locale = useLocale();
  const now = minute * 60_000;
  const owed = useMemo(
    () => dailyReportsOwed(data.customers, data.openIncidents, data.reports, now),
    [data.customers, data.openIncidents, data.reports, now],
  );
  const incidents = useMemo(() => new Map(data.openIncidents.map((i) => [i.id, i])), [data.openIncidents]);
  const customers = useMemo(() => new Map(data.customers.map((c) => [c.id, c])), [data.customers]);
  return (
    <section className="ws-panel" aria-labelledby="today-daily-title">
      <h3 id="today-daily-title">{t('daily.title')}</h3>
      {owed.length === 0 ? (
        <p>{t('daily.empty')}</p>
      ) : (
        <ul className="ws-plain-list" data-testid="daily-reports">
          {owed.map((item) => {
            const customer = customers.get(item.customerId);
            const zone = customer?.calendar.timeZone ?? 'UTC';
            const time = item.dueBy ? formatDateTimeShort(item.dueBy, zone, locale, now) : '';
            return (
              <li key={item.incidentId} className={item.status === 'overdue' ? 'ws-overdue' : undefined}>
                <span className={`ws-badge ws-daily-${item.status}`}>
                  {item.status === 'overdue' ? t('daily.overdue', { time }) : t('daily.due', { time })}
                </span>{' '}
                <Link to={`/incidents/${item.incidentId}`}>
                  {incidents.get(item.incidentId)?.title ?? item.incidentId}
                </Link>
                <span className="muted"> — {customerName(customer, locale)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function UpcomingPanel({ data, hour }: { data: TodayData; hour: number }) {
  const { t } = useTranslation(['today', 'glossary']);
  const locale = useLocale();
  const now = hour * 3_600_000;
  const quarterly = useMemo(
    () => upcomingQuarterlyReports(data.customers, data.reports, now),
    [data.customers, data.reports, now],
  );
  const checks = useMemo(
    () => upcomingHealthChecks(data.customers, data.healthChecks, now),
    [data.customers, data.healthChecks, now],
  );
  const customers = useMemo(
    () => new Map<string, Customer>(data.customers.map((c) => [c.id, c])),
    [data.customers],
  );
  const items = [
    ...quarterly.map((q) => ({
      date: q.period.dueDate,
      key: `q-${q.customerId}-${q.period.index}`,
      node: (
        <>
          <span
            className={q.period.status === 'overdue' ? 'ws-badge ws-daily-overdue' : 'ws-badge'}
            data-testid="quarterly-due"
            data-due-date={q.period.dueDate}
            data-customer-id={q.customerId}
          >
            {q.period.status === 'overdue'
              ? t('upcoming.quarterlyOverdue', { date: formatLocalDate(q.period.dueDate, locale) })
              : t('upcoming.quarterlyDue', { date: formatLocalDate(q.period.dueDate, locale) })}
          </span>{' '}
          {q.overdueCount > 1
            ? t('upcoming.quarterlyOverdueMany', { count: q.overdueCount })
            : t('upcoming.quarterly', {
                start: formatLocalDate(q.period.start, locale),
                end: formatLocalDate(q.period.end, locale),
              })}
          <span className="muted"> — {customerName(customers.get(q.customerId), locale)}</span>
        </>
      ),
    })),
    ...checks.map((h) => ({
      date: h.healthCheck.scheduledDate,
      key: `h-${h.healthCheck.id}`,
      node: (
        <>
          <span className={h.overdue ? 'ws-badge ws-daily-overdue' : 'ws-badge'}>
            {h.overdue
              ? t('upcoming.healthCheckOverdue', {
                  date: formatLocalDate(h.healthCheck.scheduledDate, locale),
                })
              : t('upcoming.healthCheckOn', { date: formatLocalDate(h.healthCheck.scheduledDate, locale) })}
          </span>{' '}
          {t('upcoming.healthCheck')}
          <span className="muted"> — {customerName(customers.get(h.healthCheck.customerId), locale)}</span>
        </>
      ),
    })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return (
    <section className="ws-panel" aria-labelledby="today-upcoming-title">
      <h3 id="today-upcoming-title">{t('upcoming.title')}</h3>
      {items.length === 0 ? (
        <p>{t('upcoming.empty')}</p>
      ) : (
        <ul className="ws-plain-list" data-testid="upcoming">
          {items.map((i) => (
            <li key={i.key}>{i.node}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function RequestsPanel({ data, minute }: { data: TodayData; minute: number }) {
  const { t } = useTranslation(['today', 'glossary']);
  const locale = useLocale();
  const now = minute * 60_000;
  const waiting = useMemo(() => waitingRequests(data.requests), [data.requests]);
  const customers = useMemo(() => new Map(data.customers.map((c) => [c.id, c])), [data.customers]);
  return (
    <section className="ws-panel" aria-labelledby="today-requests-title">
      <h3 id="today-requests-title">{t('requests.title')}</h3>
      {waiting.length === 0 ? (
        <p>{t('requests.empty')}</p>
      ) : (
        <ul className="ws-plain-list" data-testid="waiting-requests">
          {waiting.map((w) => {
            const customer = customers.get(w.request.customerId);
            return (
              <li key={w.request.id}>
                <span className="ws-badge">{t(`glossary:requestStage.${w.request.stage}`)}</span>{' '}
                {w.request.title}
                <span className="muted">
                  {' '}
                  — {t(`glossary:requestType.${w.request.type}`)} · {customerName(customer, locale)} ·{' '}
                  {t(`requests.waitingOn.${w.waitingOn}`)} ·{' '}
                  {t('requests.since', {
                    date: formatDateTimeShort(w.since, customer?.calendar.timeZone ?? 'UTC', locale, now),
                  })}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
