// The five charts of a customer for a period (recharts), all series from shared/analytics
// customerCharts. Each chart is a named image (role="img" with a label and a one-line
// summary) with its data as a table behind a toggle button: the table is the accessible and
// exact form of the chart.
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CustomerCharts } from '../../../shared/analytics/index';
import type { Locale, Severity } from '../../../shared/model/entities';
import { OUTCOME_COLORS, SEVERITY_COLORS, reportFormat } from '../report-pdf';
import { reportT } from '../../i18n/fixed';

const SEVERITIES: readonly Severity[] = [1, 2, 3, 4];
const TYPE_COLORS = { signature_release: '#0b5cad', private_patch: '#7b3fa0' } as const;

/** Bars per month, stacked: one series per key of the rows (besides `month`). */
function MonthlyStackedBars({
  data,
  series,
}: {
  data: ReadonlyArray<Record<string, string | number>>;
  series: ReadonlyArray<{ key: string; color: string }>;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={[...data]} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="month" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend itemSorter={null} />
        {series.map(({ key, color }) => (
          <Bar key={key} dataKey={key} stackId="stack" fill={color} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export function ChartFigure({
  id,
  title,
  summary,
  chart,
  table,
  tall = false,
}: {
  id: string;
  title: string;
  summary: string;
  chart: ReactNode;
  table: ReactNode;
  tall?: boolean;
}) {
  const { t } = useTranslation('manager');
  const [open, setOpen] = useState(false);
  const captionId = useId();
  const tableId = useId();
  return (
    <figure className="mgr-figure" aria-labelledby={captionId} data-testid={`chart-${id}`}>
      <figcaption id={captionId}>{title}</figcaption>
      <p className="mgr-figure-summary">{summary}</p>
      <div
        className={tall ? 'mgr-chart mgr-chart-tall' : 'mgr-chart'}
        role="img"
        aria-label={`${title}: ${summary}`}
      >
        {chart}
      </div>
      <button
        type="button"
        className="mgr-table-toggle"
        aria-expanded={open}
        aria-controls={tableId}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? t('charts.hideTable') : t('charts.showTable')}
      </button>
      <div id={tableId} hidden={!open}>
        {table}
      </div>
    </figure>
  );
}

export function CustomerChartsView({
  charts,
  locale,
  timeZone,
}: {
  charts: CustomerCharts;
  locale: Locale;
  timeZone: string;
}) {
  const { t } = useTranslation('manager');
  const l = reportT(locale);
  const f = reportFormat(locale, timeZone);

  // ---- incidents per month by severity
  const volume = charts.incidentsPerMonth.map((m) => ({
    month: f.month(m.month),
    ...Object.fromEntries(SEVERITIES.map((s) => [l('glossary:levelShort', { level: s }), m.bySeverity[s]])),
  }));
  const received = charts.incidentsPerMonth.reduce((n, m) => n + m.total, 0);

  // ---- responses met / missed per month
  const outcomes = charts.responsesPerMonth.map((m) => ({
    month: f.month(m.month),
    [l('glossary:slaOutcome.met')]: m.met,
    [l('glossary:slaOutcome.missed')]: m.missed,
    [l('glossary:slaOutcome.breached')]: m.breached,
  }));
  const total = charts.slaResults.total;

  // ---- response times against the target
  const bucketLabel = (fraction: number | null) =>
    fraction === null
      ? l('charts.bucketOver', { pct: 200 })
      : l('charts.bucketUpTo', { pct: Math.round(fraction * 100) });
  // Short axis ticks (the full wording is in the tooltip and the table).
  const bucketTick = (fraction: number | null) =>
    fraction === null ? '>200%' : `≤${Math.round(fraction * 100)}%`;
  const firstTimes = charts.responseTimes[0];
  const buckets = (firstTimes?.buckets ?? []).map((b, i) => ({
    bucket: bucketTick(b.upToFraction),
    full: bucketLabel(b.upToFraction),
    ...Object.fromEntries(
      charts.responseTimes.map((d) => [
        l('glossary:levelShort', { level: d.severity }),
        d.buckets[i]?.count ?? 0,
      ]),
    ),
  }));
  const targetBucket = bucketTick(1);
  const measured = charts.responseTimes.reduce((n, d) => n + d.count, 0);

  // ---- backlog
  const backlog = charts.backlog.map((p) => ({
    date: p.date,
    label: p.date.slice(5),
    [l('charts.open')]: p.open,
  }));
  const known = charts.backlog.filter((p) => p.open !== null);
  const lastOpen = known[known.length - 1]?.open ?? 0;
  const maxOpen = Math.max(0, ...known.map((p) => p.open ?? 0));

  // ---- requests by stage
  const stageRows = charts.requestsByStage.flatMap((r) =>
    r.stages.map((s) => ({
      name: t('charts.typeStage', {
        type: l(`glossary:requestType.${r.type}`),
        stage: l(`glossary:requestStage.${s.stage}`),
      }),
      type: r.type,
      stage: s.stage,
      count: s.count,
      [l('glossary:requestType.signature_release')]: r.type === 'signature_release' ? s.count : 0,
      [l('glossary:requestType.private_patch')]: r.type === 'private_patch' ? s.count : 0,
    })),
  );
  const requestCount = charts.requestsByStage.reduce((n, r) => n + r.total, 0);

  return (
    <div className="mgr-charts">
      <ChartFigure
        id="volume"
        title={l('charts.incidentsPerMonth')}
        summary={t('charts.summaryVolume', { count: received })}
        chart={
          <MonthlyStackedBars
            data={volume}
            series={SEVERITIES.map((s) => ({
              key: l('glossary:levelShort', { level: s }),
              color: SEVERITY_COLORS[s],
            }))}
          />
        }
        table={
          <table className="mgr-data-table">
            <thead>
              <tr>
                <th scope="col">{l('charts.month')}</th>
                {SEVERITIES.map((s) => (
                  <th key={s} scope="col">
                    {l(`glossary:severityLevel.${s}`)}
                  </th>
                ))}
                <th scope="col">{t('charts.total')}</th>
              </tr>
            </thead>
            <tbody>
              {charts.incidentsPerMonth.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{f.month(m.month)}</th>
                  {SEVERITIES.map((s) => (
                    <td key={s}>{m.bySeverity[s]}</td>
                  ))}
                  <td>{m.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <ChartFigure
        id="outcomes"
        title={l('charts.responsesPerMonth')}
        summary={t('charts.summaryOutcomes', {
          met: total.met,
          missed: total.missed,
          breached: total.breached,
        })}
        chart={
          <MonthlyStackedBars
            data={outcomes}
            series={(['met', 'missed', 'breached'] as const).map((k) => ({
              key: l(`glossary:slaOutcome.${k}`),
              color: OUTCOME_COLORS[k],
            }))}
          />
        }
        table={
          <table className="mgr-data-table">
            <thead>
              <tr>
                <th scope="col">{l('charts.month')}</th>
                <th scope="col">{l('glossary:slaOutcome.met')}</th>
                <th scope="col">{l('glossary:slaOutcome.missed')}</th>
                <th scope="col">{l('glossary:slaOutcome.breached')}</th>
              </tr>
            </thead>
            <tbody>
              {charts.responsesPerMonth.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{f.month(m.month)}</th>
                  <td>{m.met}</td>
                  <td>{m.missed}</td>
                  <td>{m.breached}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <ChartFigure
        id="response-times"
        title={l('charts.responseTimes')}
        summary={t('charts.summaryTimes', { count: measured })}
        chart={
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={buckets} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="bucket" interval={0} tick={{ fontSize: 11 }} />
              <YAxis allowDecimals={false} />
              <Tooltip
                labelFormatter={(label, payload) =>
                  (payload?.[0]?.payload as { full?: string } | undefined)?.full ?? String(label)
                }
              />
              <Legend itemSorter={null} />
              <ReferenceLine
                x={targetBucket}
                stroke="#1d2330"
                strokeDasharray="4 3"
                label={{ value: l('charts.target'), position: 'top', fontSize: 11 }}
              />
              {SEVERITIES.map((s) => (
                <Bar
                  key={s}
                  dataKey={l('glossary:levelShort', { level: s })}
                  fill={SEVERITY_COLORS[s]}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        }
        table={
          <table className="mgr-data-table">
            <thead>
              <tr>
                <th scope="col">{l('slaColumns.severity')}</th>
                <th scope="col">{l('slaColumns.target')}</th>
                <th scope="col">{l('charts.count')}</th>
                <th scope="col">{t('charts.within')}</th>
                <th scope="col">{l('charts.p50')}</th>
                <th scope="col">{l('charts.p90')}</th>
                {(firstTimes?.buckets ?? []).map((b) => (
                  <th key={String(b.upToFraction)} scope="col">
                    {bucketLabel(b.upToFraction)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {charts.responseTimes.map((d) => (
                <tr key={d.severity}>
                  <th scope="row">{l(`glossary:severityLevel.${d.severity}`)}</th>
                  <td>
                    {f.duration(d.targetMs)} ({l(`glossary:clock.${d.clock}`)})
                  </td>
                  <td>{d.count}</td>
                  <td>{d.withinTarget}</td>
                  <td>{f.duration(d.p50Ms)}</td>
                  <td>{f.duration(d.p90Ms)}</td>
                  {d.buckets.map((b) => (
                    <td key={String(b.upToFraction)}>{b.count}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <ChartFigure
        id="backlog"
        title={l('charts.backlog')}
        summary={t('charts.summaryBacklog', { last: lastOpen, max: maxOpen })}
        chart={
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={backlog} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" minTickGap={16} />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Line
                type="stepAfter"
                dataKey={l('charts.open')}
                stroke="#0b5cad"
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        }
        table={
          <table className="mgr-data-table">
            <thead>
              <tr>
                <th scope="col">{t('charts.date')}</th>
                <th scope="col">{l('charts.open')}</th>
                {SEVERITIES.map((s) => (
                  <th key={s} scope="col">
                    {l('glossary:levelShort', { level: s })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {charts.backlog.map((p) => (
                <tr key={p.date}>
                  <th scope="row">{f.date(p.date)}</th>
                  <td>{p.open ?? '—'}</td>
                  {SEVERITIES.map((s) => (
                    <td key={s}>{p.bySeverity?.[s] ?? '—'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <ChartFigure
        id="requests"
        title={l('charts.requestsByStage')}
        summary={t('charts.summaryRequests', { count: requestCount })}
        tall
        chart={
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={stageRows} layout="vertical" accessibilityLayer={false} margin={{ left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="name" width={190} tick={{ fontSize: 10 }} interval={0} />
              <Tooltip />
              <Legend itemSorter={null} />
              <Bar
                dataKey={l('glossary:requestType.signature_release')}
                stackId="r"
                fill={TYPE_COLORS.signature_release}
                isAnimationActive={false}
              />
              <Bar
                dataKey={l('glossary:requestType.private_patch')}
                stackId="r"
                fill={TYPE_COLORS.private_patch}
                isAnimationActive={false}
              />
            </BarChart>
          </ResponsiveContainer>
        }
        table={
          <table className="mgr-data-table">
            <thead>
              <tr>
                <th scope="col">{t('charts.stage')}</th>
                <th scope="col">{l('charts.count')}</th>
              </tr>
            </thead>
            <tbody>
              {stageRows.map((r) => (
                <tr key={`${r.type}-${r.stage}`}>
                  <th scope="row">{r.name}</th>
                  <td>{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </div>
  );
}
