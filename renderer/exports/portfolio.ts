// The manager's portfolio as CSV and XLSX: one row per customer as the table shows it (the
// portfolio row of shared/analytics, the quarter against the one before, the health rating
// with its reasons), headers in the user's language. CSV cells are formula-safe like every
// export (neutraliseFormula); XLSX text cells are strings, never formulas.
import i18next from 'i18next';
import type { PortfolioComparisonRow, PortfolioRow } from '../../shared/analytics/index';
import type { HealthReason } from '../../shared/health/index';
import type { HealthRating } from '../../shared/health/weights';
import { HEALTH_WEIGHTS } from '../../shared/health/weights';
import type { Locale, Severity } from '../../shared/model/entities';
import { reportT } from '../i18n/fixed';
import type { ExportOptions } from './chunked';
import { exportCsv } from './csv';
import type { ExportColumn } from './columns';
import { exportSheetsXlsx } from './xlsx';

export interface PortfolioExportRow {
  row: PortfolioRow;
  comparison: PortfolioComparisonRow | null;
  health: { rating: HealthRating; score: number | null; reasons: readonly HealthReason[] } | null;
}

const SEVERITIES: readonly Severity[] = [1, 2, 3, 4];

function figure(r: PortfolioExportRow, key: string, which: 'current' | 'previous'): number | null {
  return r.comparison?.figures.find((f) => f.key === key)?.[which] ?? null;
}

export function portfolioColumns(locale: Locale): Array<ExportColumn<PortfolioExportRow>> {
  const l = reportT(locale);
  const m = i18next.getFixedT(locale, 'manager');
  const healthCheck = (r: PortfolioExportRow) => r.row.nextHealthCheck;
  return [
    {
      key: 'nameJa',
      header: l('exports.customerNameJa'),
      kind: 'text',
      width: 28,
      value: (r) => r.row.customerNameJa,
    },
    {
      key: 'nameLatin',
      header: l('exports.customerNameLatin'),
      kind: 'text',
      width: 28,
      value: (r) => r.row.customerNameLatin,
    },
    { key: 'tam', header: l('portfolioColumns.tam'), kind: 'text', width: 20, value: (r) => r.row.tamName },
    {
      key: 'tier',
      header: l('portfolioColumns.tier'),
      kind: 'text',
      width: 18,
      value: (r) => l(`glossary:tier.${r.row.tier}`),
    },
    {
      key: 'open',
      header: l('portfolioColumns.open'),
      kind: 'number',
      width: 12,
      value: (r) => r.row.openTotal,
    },
    ...SEVERITIES.map(
      (s): ExportColumn<PortfolioExportRow> => ({
        key: `open${s}`,
        header: l('exports.openLevel', { level: s }),
        kind: 'number',
        width: 12,
        value: (r) => r.row.openBySeverity[s],
      }),
    ),
    {
      key: 'quarterFrom',
      header: l('exports.quarterFrom'),
      kind: 'text',
      width: 12,
      value: (r) => r.row.quarter.period.from,
    },
    {
      key: 'quarterTo',
      header: l('exports.quarterTo'),
      kind: 'text',
      width: 12,
      value: (r) => r.comparison?.period.to ?? null,
    },
    {
      key: 'slaMetPct',
      header: l('portfolioColumns.slaMetPct'),
      kind: 'number',
      numFmt: '0.0',
      width: 14,
      value: (r) => (r.row.slaMetPct === null ? null : Math.round(r.row.slaMetPct * 10) / 10),
    },
    {
      key: 'previousSlaMetPct',
      header: l('exports.previousSlaMetPct'),
      kind: 'number',
      numFmt: '0.0',
      width: 14,
      value: (r) => figure(r, 'slaMetPct', 'previous'),
    },
    {
      key: 'breaches',
      header: l('portfolioColumns.breaches'),
      kind: 'number',
      width: 12,
      value: (r) => r.row.breaches,
    },
    {
      key: 'breachesInQuarter',
      header: l('exports.breachesInQuarter'),
      kind: 'number',
      width: 14,
      value: (r) => figure(r, 'breaches', 'current'),
    },
    {
      key: 'previousBreaches',
      header: l('exports.previousBreaches'),
      kind: 'number',
      width: 14,
      value: (r) => figure(r, 'breaches', 'previous'),
    },
    {
      key: 'nextHealthCheck',
      header: l('portfolioColumns.nextHealthCheck'),
      kind: 'text',
      width: 22,
      value: (r) => l(`nextHealthCheck.${healthCheck(r).status}`),
    },
    {
      key: 'nextHealthCheckDate',
      header: l('exports.nextHealthCheckDate'),
      kind: 'text',
      width: 12,
      value: (r) => {
        const h = healthCheck(r);
        return h.status === 'scheduled' || h.status === 'completed' ? h.date : null;
      },
    },
    {
      key: 'nextQuarterlyReport',
      header: l('portfolioColumns.nextQuarterlyReport'),
      kind: 'text',
      width: 12,
      value: (r) => r.row.nextQuarterlyReport.dueDate,
    },
    {
      key: 'overdue',
      header: l('portfolioColumns.overdue'),
      kind: 'number',
      width: 10,
      value: (r) => r.row.nextQuarterlyReport.overdueCount,
    },
    {
      key: 'health',
      header: l('exports.health'),
      kind: 'text',
      width: 10,
      value: (r) => (r.health ? m(`health.rating.${r.health.rating}`) : null),
    },
    {
      key: 'healthScore',
      header: l('exports.healthScore'),
      kind: 'number',
      width: 10,
      value: (r) => r.health?.score ?? null,
    },
    {
      key: 'healthReasons',
      header: l('exports.healthReasons'),
      kind: 'text',
      width: 60,
      value: (r) =>
        r.health
          ? r.health.reasons
              .map((x) =>
                m(`health.reasons.${x.code}`, {
                  value: x.value,
                  count: x.value,
                  target: HEALTH_WEIGHTS.slaTargetPct,
                }),
              )
              .join(' / ')
          : null,
    },
  ];
}

export function exportPortfolioCsv(
  rows: readonly PortfolioExportRow[],
  locale: Locale,
  options?: ExportOptions,
): Promise<Blob> {
  return exportCsv(portfolioColumns(locale), rows, 'UTC', options);
}

export function exportPortfolioXlsx(
  rows: readonly PortfolioExportRow[],
  locale: Locale,
  options?: ExportOptions,
): Promise<Blob> {
  return exportSheetsXlsx(
    [{ name: reportT(locale)('exports.portfolioSheet'), columns: portfolioColumns(locale), rows }],
    'UTC',
    options,
  );
}
