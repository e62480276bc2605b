// /manager/customers/:id: one customer's charts for a period (a contract quarter or a custom
// range), the data exports of that period, and the way to the customer's quarterly report.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { customerCharts } from '../../../shared/analytics/index';
import { useReplica } from '../../replica';
import { customerName, otherName, useLocale, useMinuteNow } from '../../ui/common';
import { ExportPanel } from '../exports';
import { reportFormat } from '../report-pdf';
import { CustomerChartsView } from './CustomerChartsView';
import { healthTrend } from '../../../shared/health/index';
import { HealthTrendChart, useHealthSnapshots } from './health';
import { useCustomerData, type CustomerData } from './data';
import { HistoryArriving } from './HistoryArriving';
import {
  backlogGranularity,
  contractSchedule,
  currentQuarterChoice,
  customerToday,
  resolvePeriod,
  type PeriodChoice,
} from './period';
import { PeriodPicker } from './PeriodPicker';
import './manager.css';

export function CustomerChartsPage() {
  const { id } = useParams();
  const { t } = useTranslation('manager');
  const db = useReplica();
  const state = useCustomerData(id);
  if (!db) return <p>{t('signIn')}</p>;
  if (state.status === 'loading') return <p aria-busy="true">{t('loading')}</p>;
  if (state.status === 'arriving') return <HistoryArriving percent={state.percent} />;
  if (state.status === 'missing') {
    return (
      <section aria-labelledby="mgr-customer-title" className="mgr-page">
        <p className="mgr-breadcrumb">
          <Link to="/manager">{t('customer.back')}</Link>
        </p>
        <h2 id="mgr-customer-title">{t('title')}</h2>
        <p role="alert">{t('customer.notFound')}</p>
      </section>
    );
  }
  return <Charts key={state.data.customer.id} data={state.data} />;
}

function Charts({ data }: { data: CustomerData }) {
  const { t } = useTranslation('manager');
  const locale = useLocale();
  const nowMs = useMinuteNow();
  const now = new Date(nowMs).toISOString();
  const { customer } = data;
  const zone = customer.calendar.timeZone;

  const calendar = useMemo(() => {
    try {
      const schedule = contractSchedule(customer, data.reportLog, now);
      return { schedule, today: customerToday(customer, now) };
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
    // The schedule changes by day at most; the minute clock is enough.
  }, [customer, data.reportLog, now]);

  const [choice, setChoice] = useState<PeriodChoice | null>(null);
  const name = customerName(customer, locale);

  if ('error' in calendar) {
    return (
      <section aria-labelledby="mgr-customer-title" className="mgr-page">
        <h2 id="mgr-customer-title">{t('customer.title', { name })}</h2>
        <p role="alert" className="mgr-error">
          {t('customer.calendarError', { message: calendar.error })}
        </p>
      </section>
    );
  }
  const current = currentQuarterChoice(calendar.schedule, calendar.today);
  const value = choice ?? current;
  const resolved = resolvePeriod(value, calendar.schedule.periods);

  return (
    <section aria-labelledby="mgr-customer-title" className="mgr-page">
      <p className="mgr-breadcrumb">
        <Link to="/manager">{t('customer.back')}</Link>
      </p>
      <h2 id="mgr-customer-title">
        {t('customer.title', { name })} <span className="mgr-sub">{otherName(customer, locale)}</span>
      </h2>
      <div className="mgr-toolbar">
        <PeriodPicker
          quarters={calendar.schedule.periods}
          currentIndex={current.kind === 'quarter' ? current.index : null}
          value={value}
          resolved={resolved}
          onChange={setChoice}
          locale={locale}
        />
        <Link
          className="mgr-link-button"
          to={
            value.kind === 'quarter'
              ? `/reports/quarterly/${customer.id}?quarter=${value.index}`
              : `/reports/quarterly/${customer.id}`
          }
          data-testid="open-quarterly-report"
        >
          {t('customer.quarterlyReport')}
        </Link>
      </div>
      {resolved.ok && (
        <>
          <p className="muted" data-testid="charts-period">
            {t('customer.periodShown', { period: reportFormat(locale, zone).period(resolved.period) })}
          </p>
          <ChartsFor data={data} period={resolved.period} now={now} />
          <ExportPanel
            customer={customer}
            incidents={data.incidents}
            events={data.events}
            period={resolved.period}
            locale={locale}
          />
        </>
      )}
    </section>
  );
}

function ChartsFor({
  data,
  period,
  now,
}: {
  data: CustomerData;
  period: { from: string; to: string };
  now: string;
}) {
  const { t } = useTranslation('manager');
  const locale = useLocale();
  const { from, to } = period;
  const snapshots = useHealthSnapshots(data.customer.id);
  const trend = useMemo(
    () => (snapshots ? healthTrend(data.customer, snapshots, Date.parse(now)) : undefined),
    [data.customer, snapshots, now],
  );
  const result = useMemo(() => {
    const period = { from, to };
    try {
      return {
        charts: customerCharts({
          customer: data.customer,
          incidents: data.incidents,
          requests: data.requests,
          period,
          now,
          backlogGranularity: backlogGranularity(period),
        }),
      };
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  }, [data, from, to, now]);
  if ('error' in result) {
    return (
      <p role="alert" className="mgr-error">
        {t('customer.calendarError', { message: result.error })}
      </p>
    );
  }
  return (
    <>
      <CustomerChartsView charts={result.charts} locale={locale} timeZone={data.customer.calendar.timeZone} />
      {trend && <HealthTrendChart points={trend} locale={locale} />}
    </>
  );
}
