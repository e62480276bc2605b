// The portfolio table: one row per customer (shared/analytics portfolioRows), sortable by
// every column (a button in each header, aria-sort on the header cell) and filterable by TAM
// and contract tier. Sorting and filtering are the tested shared helpers.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { addDays, filterPortfolio, sortPortfolio } from '../../../shared/analytics/index';
import { reportT } from '../../i18n/fixed';
import type { PortfolioRow, PortfolioSortKey, SortDirection } from '../../../shared/analytics/index';
import type { ContractTier, Locale, Severity } from '../../../shared/model/entities';
import { formatLocalDate } from '../../format/datetime';
import type { HealthReason, HealthTrendPoint } from '../../../shared/health/index';
import type { HealthRating } from '../../../shared/health/weights';
import { HealthBadge, HealthSparkline } from './health';
import type { PortfolioComparisonRow } from '../../../shared/analytics/index';
import { reportFormat } from '../report-pdf';
import { figureChange, figureValue } from '../quarterly-report';

/** A customer's health beside its row: the rating now with its reasons, and the weekly trend. */
export interface PortfolioHealth {
  rating: HealthRating;
  score: number;
  reasons: readonly HealthReason[];
  trend: readonly HealthTrendPoint[];
}

const SEVERITIES: readonly Severity[] = [1, 2, 3, 4];
const TIERS: readonly ContractTier[] = ['msa_enterprise', 'standard'];

interface Column {
  key: PortfolioSortKey;
  label: string;
}

export interface PortfolioSort {
  key: PortfolioSortKey;
  direction: SortDirection;
}

export function PortfolioTable({
  rows,
  locale,
  health,
  comparison,
}: {
  rows: readonly PortfolioRow[];
  locale: Locale;
  /** Each customer's health (shared/health), by customer id; the column is left out without it. */
  health?: ReadonlyMap<string, PortfolioHealth>;
  /** Each customer's quarter against the one before (shared/analytics); the column is left out without it. */
  comparison?: ReadonlyMap<string, PortfolioComparisonRow>;
}) {
  const { t } = useTranslation('manager');
  const labels = reportT(locale);
  const [sort, setSort] = useState<PortfolioSort>({ key: 'customer', direction: 'asc' });
  const [tamId, setTamId] = useState('');
  const [tier, setTier] = useState<ContractTier | ''>('');
  const tamFilterId = useId();
  const tierFilterId = useId();

  const tams = useMemo(() => {
    const byId = new Map<string, string>();
    for (const r of rows)
      byId.set(r.tamId, r.tamName ?? t('filters.unknownTam', { id: r.tamId.slice(0, 8) }));
    return [...byId.entries()].sort((a, b) => a[1].localeCompare(b[1], locale));
  }, [rows, t, locale]);

  const shown = useMemo(() => {
    const filtered = filterPortfolio(rows, {
      ...(tamId ? { tamIds: [tamId] } : {}),
      ...(tier ? { tiers: [tier] } : {}),
    });
    return sortPortfolio(filtered, sort.key, sort.direction, locale);
  }, [rows, tamId, tier, sort, locale]);

  const columns: Column[] = [
    { key: 'customer', label: labels('portfolioColumns.customer') },
    { key: 'tam', label: labels('portfolioColumns.tam') },
    { key: 'tier', label: labels('portfolioColumns.tier') },
    { key: 'openTotal', label: labels('portfolioColumns.open') },
    { key: 'slaMetPct', label: labels('portfolioColumns.slaMetPct') },
    { key: 'breaches', label: labels('portfolioColumns.breaches') },
    { key: 'nextHealthCheck', label: labels('portfolioColumns.nextHealthCheck') },
    { key: 'nextReportDue', label: labels('portfolioColumns.nextQuarterlyReport') },
  ];
  const sortedBy = columns.find((c) => c.key === sort.key)?.label ?? '';

  const toggle = (key: PortfolioSortKey) =>
    setSort((prev) =>
      prev.key === key
        ? { key, direction: prev.direction === 'asc' ? 'desc' : 'asc' }
        : { key, direction: 'asc' },
    );

  return (
    <>
      <fieldset className="mgr-filters">
        <legend>{t('filters.legend')}</legend>
        <div className="mgr-field">
          <label htmlFor={tamFilterId}>{t('filters.tam')}</label>
          <select
            id={tamFilterId}
            value={tamId}
            onChange={(e) => setTamId(e.target.value)}
            data-testid="portfolio-filter-tam"
          >
            <option value="">{t('filters.allTams')}</option>
            {tams.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="mgr-field">
          <label htmlFor={tierFilterId}>{t('filters.tier')}</label>
          <select
            id={tierFilterId}
            value={tier}
            onChange={(e) => setTier(e.target.value as ContractTier | '')}
            data-testid="portfolio-filter-tier"
          >
            <option value="">{t('filters.allTiers')}</option>
            {TIERS.map((x) => (
              <option key={x} value={x}>
                {labels(`glossary:tier.${x}`)}
              </option>
            ))}
          </select>
        </div>
        <p className="mgr-count" role="status" data-testid="portfolio-count">
          {t('filters.shown', { shown: shown.length, total: rows.length })}
        </p>
      </fieldset>
      {rows.length === 0 ? (
        <p className="muted">{t('table.empty')}</p>
      ) : (
        <div className="mgr-table-scroll">
          <table className="mgr-table" data-testid="portfolio-table">
            <caption className="visually-hidden">
              {t('table.caption', {
                column: sortedBy,
                direction: t(sort.direction === 'asc' ? 'table.ascending' : 'table.descending'),
              })}
            </caption>
            <thead>
              <tr>
                {columns.map((c) => {
                  const active = sort.key === c.key;
                  return (
                    <th
                      key={c.key}
                      scope="col"
                      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                    >
                      <button
                        type="button"
                        className="mgr-sort"
                        onClick={() => toggle(c.key)}
                        data-sort-key={c.key}
                      >
                        {c.label}
                        <span className="mgr-sort-mark" aria-hidden="true">
                          {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                        </span>
                      </button>
                    </th>
                  );
                })}
                {comparison && <th scope="col">{labels('comparison.title')}</th>}
                {health && <th scope="col">{t('health.column')}</th>}
              </tr>
            </thead>
            <tbody>
              {shown.length === 0 ? (
                <tr>
                  <td colSpan={columns.length + (health ? 1 : 0) + (comparison ? 1 : 0)}>
                    {t('table.none')}
                  </td>
                </tr>
              ) : (
                shown.map((r) => (
                  <Row
                    key={r.customerId}
                    row={r}
                    locale={locale}
                    {...(health ? { health: health.get(r.customerId) ?? null } : {})}
                    {...(comparison ? { comparison: comparison.get(r.customerId) ?? null } : {})}
                  />
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Row({
  row: r,
  locale,
  health,
  comparison,
}: {
  row: PortfolioRow;
  locale: Locale;
  /** undefined: no health column; null: this customer's health cannot be computed. */
  health?: PortfolioHealth | null;
  /** undefined: no comparison column; null: not computable for this customer. */
  comparison?: PortfolioComparisonRow | null;
}) {
  const { t } = useTranslation('manager');
  const l = reportT(locale);
  const name = locale === 'ja' ? r.customerNameJa : r.customerNameLatin;
  const other = locale === 'ja' ? r.customerNameLatin : r.customerNameJa;
  const h = r.nextHealthCheck;
  const q = r.nextQuarterlyReport;
  return (
    <tr data-testid="portfolio-row" data-customer-id={r.customerId}>
      <th scope="row">
        <Link to={`/manager/customers/${r.customerId}`}>{name}</Link>
        <span className="mgr-sub">{other}</span>
      </th>
      <td>{r.tamName ?? t('filters.unknownTam', { id: r.tamId.slice(0, 8) })}</td>
      <td>{l(`glossary:tier.${r.tier}`)}</td>
      <td className="mgr-num" data-testid="portfolio-open">
        <span className="mgr-total">{r.openTotal}</span>
        <span className="mgr-sevs" title={t('table.openDetail')}>
          {SEVERITIES.map((s) => (
            <span key={s} className={`mgr-sev mgr-sev-${s}${r.openBySeverity[s] > 0 ? ' mgr-sev-some' : ''}`}>
              {l('glossary:levelShort', { level: s })} {r.openBySeverity[s]}
            </span>
          ))}
        </span>
      </td>
      <td className="mgr-num" data-testid="portfolio-sla">
        {r.slaMetPct === null ? '—' : `${r.slaMetPct.toFixed(1)}%`}
        <span className="mgr-sub">
          {t('table.quarter', {
            from: formatLocalDate(r.quarter.period.from, locale),
            to: formatLocalDate(addDays(r.quarter.period.to, -1), locale),
          })}{' '}
          ·{' '}
          {r.slaDecided === 0
            ? t('table.nothingDecided')
            : t('table.slaDetail', { met: r.slaMet, decided: r.slaDecided })}
        </span>
      </td>
      <td className="mgr-num" data-testid="portfolio-breaches">
        <span className={r.breaches > 0 ? 'mgr-bad' : undefined}>{r.breaches}</span>
        {r.breaches > 0 && (
          <span className="mgr-sub">
            {t('table.breachDetail', { open: r.openBreached, missed: r.missedThisQuarter })}
          </span>
        )}
      </td>
      <td>
        {l(`nextHealthCheck.${h.status}`)}
        {(h.status === 'scheduled' || h.status === 'completed') && (
          <span className="mgr-sub">{formatLocalDate(h.date, locale)}</span>
        )}
      </td>
      <td>
        {q.dueDate === null ? (
          t('table.noneOwed')
        ) : (
          <span data-testid="quarterly-due" data-due-date={q.dueDate}>
            {formatLocalDate(q.dueDate, locale)}
          </span>
        )}
        {q.overdue && <span className="mgr-badge-bad">{t('table.overdue', { count: q.overdueCount })}</span>}
      </td>
      {comparison !== undefined && (
        <td data-testid="portfolio-comparison">
          {comparison === null ? '—' : <ComparisonCell row={comparison} locale={locale} />}
        </td>
      )}
      {health !== undefined && (
        <td>
          {health === null ? (
            '—'
          ) : (
            <>
              <HealthBadge rating={health.rating} reasons={health.reasons} />
              <HealthSparkline points={health.trend} />
            </>
          )}
        </td>
      )}
    </tr>
  );
}

function ComparisonCell({ row, locale }: { row: PortfolioComparisonRow; locale: Locale }) {
  const format = reportFormat(locale, 'UTC');
  const l = format.t;
  return (
    <ul className="mgr-comparison">
      {row.figures.map((f) => (
        <li key={f.key} data-figure={f.key} data-trend={f.trend} className={`mgr-trend-${f.trend}`}>
          {l(`comparison.figures.${f.key}`)}: {figureValue(f, f.current, format)}{' '}
          <span className="mgr-sub-inline">
            ({l('comparison.previous')} {figureValue(f, f.previous, format)}, {figureChange(f, format)},{' '}
            {l(`comparison.trend.${f.trend}`)})
          </span>
        </li>
      ))}
    </ul>
  );
}
