// Customer health in the manager view (shared/health): the rating with its reasons, the
// sparkline of the weekly snapshots in the portfolio, and the 12-month trend chart of a
// customer. Every figure comes from shared/health; nothing here rates anything.
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { HEALTH_WEIGHTS } from '../../../shared/health/index';
import type { HealthReason, HealthTrendPoint } from '../../../shared/health/index';
import type { HealthRating } from '../../../shared/health/weights';
import type { HealthSnapshot, Locale } from '../../../shared/model/entities';
import { addWeeks, HEALTH_TREND_WEEKS } from '../../../shared/health/snapshot';
import { useReplicaQuery } from '../../replica';
import { formatLocalDate } from '../../format/datetime';
import { ChartFigure } from './CustomerChartsView';

export const RATING_COLORS: Record<HealthRating, string> = {
  green: '#1b7a3a',
  amber: '#a86400',
  red: '#b3261e',
};

/** Snapshots of the last year (every customer's, or one customer's), live from the replica. */
export function useHealthSnapshots(customerId?: string): HealthSnapshot[] | undefined {
  // A week before the trend's first week: the customer's Monday may be a day off the laptop's.
  const from = addWeeks(new Date().toISOString().slice(0, 10), -(HEALTH_TREND_WEEKS + 1));
  return useReplicaQuery(
    (db) =>
      customerId === undefined
        ? db.healthSnapshots
            .where('weekStart')
            .aboveOrEqual(from)
            .filter((s) => !s.deleted)
            .toArray()
        : db.healthSnapshots
            .where('[customerId+weekStart]')
            .between([customerId, from], [customerId, '\uffff'])
            .filter((s) => !s.deleted)
            .toArray(),
    [customerId, from],
  );
}

/** The text of one reason, with its figure. */
export function useReasonText(): (reason: Pick<HealthReason, 'code' | 'value'>) => string {
  const { t } = useTranslation('manager');
  return (r) =>
    t(`health.reasons.${r.code}`, { value: r.value, count: r.value, target: HEALTH_WEIGHTS.slaTargetPct });
}

export function HealthBadge({ rating, reasons }: { rating: HealthRating; reasons: readonly HealthReason[] }) {
  const { t } = useTranslation('manager');
  const text = useReasonText();
  return (
    <div className="mgr-health" data-testid="portfolio-health" data-rating={rating}>
      <span className={`mgr-health-badge mgr-health-${rating}`}>{t(`health.rating.${rating}`)}</span>
      {reasons.length > 0 && (
        <ul className="mgr-health-reasons">
          {reasons.map((r) => (
            <li key={r.code} data-reason={r.code}>
              {text(r)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A small line of the weekly scores (0-100), the last point coloured by its rating. */
export function HealthSparkline({ points }: { points: readonly HealthTrendPoint[] }) {
  const { t } = useTranslation('manager');
  const w = 104;
  const h = 24;
  if (points.length === 0) return <span className="mgr-sub">{t('health.noHistory')}</span>;
  const x = (i: number) => (points.length === 1 ? w - 2 : 2 + (i * (w - 4)) / (points.length - 1));
  const y = (score: number) => 2 + ((100 - score) * (h - 4)) / 100;
  const last = points[points.length - 1]!;
  const first = points[0]!;
  return (
    <svg
      className="mgr-sparkline"
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={t('health.sparkline', { weeks: points.length, first: first.score, last: last.score })}
      data-testid="portfolio-sparkline"
      data-points={points.length}
    >
      <polyline
        fill="none"
        stroke="#5b6770"
        strokeWidth="1.5"
        points={points.map((p, i) => `${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ')}
      />
      <circle cx={x(points.length - 1)} cy={y(last.score)} r="2.5" fill={RATING_COLORS[last.rating]} />
    </svg>
  );
}

/** The trend of the last 12 months as a chart with its data as a table. */
export function HealthTrendChart({
  points,
  locale,
}: {
  points: readonly HealthTrendPoint[];
  locale: Locale;
}) {
  const { t } = useTranslation('manager');
  const data = points.map((p) => ({ week: p.weekStart.slice(5), weekStart: p.weekStart, score: p.score }));
  const amber = 100 - HEALTH_WEIGHTS.amberFrom;
  const red = 100 - HEALTH_WEIGHTS.redFrom;
  const last = points[points.length - 1];
  return (
    <ChartFigure
      id="health"
      title={t('health.trendTitle')}
      summary={
        last
          ? t('health.trendSummary', {
              weeks: points.length,
              score: last.score,
              rating: t(`health.rating.${last.rating}`),
            })
          : t('health.noHistory')
      }
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="week" />
            <YAxis domain={[0, 100]} />
            <Tooltip />
            <ReferenceLine y={amber} stroke={RATING_COLORS.amber} strokeDasharray="4 4" />
            <ReferenceLine y={red} stroke={RATING_COLORS.red} strokeDasharray="4 4" />
            <Line
              dataKey="score"
              name={t('health.score')}
              stroke="#0b5cad"
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
              <th scope="col">{t('health.week')}</th>
              <th scope="col">{t('health.score')}</th>
              <th scope="col">{t('health.ratingColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.weekStart}>
                <td>{formatLocalDate(p.weekStart, locale)}</td>
                <td>{p.score}</td>
                <td>{t(`health.rating.${p.rating}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
