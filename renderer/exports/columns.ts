// The columns of the incident and SLA-results exports: header in the user's language, a
// typed value per row. CSV and XLSX share them, so both files carry the same data.
import type { Locale } from '../../shared/model/entities';
import { reportT } from '../i18n/fixed';
import type { IncidentRow, ResponseTimeDistribution, SlaResults } from '../../shared/analytics/index';
import type { SlaClock } from '../../shared/sla/index';
import type { Severity } from '../../shared/model/entities';

/**
 * text: free text (user-entered or a translated label); number: a number (numFmt for XLSX);
 * instant: an ISO instant, written as the customer's local date-time.
 */
export type ColumnKind = 'text' | 'number' | 'instant';

export interface ExportColumn<Row> {
  key: string;
  header: string;
  kind: ColumnKind;
  /** XLSX number format of the column's cells. */
  numFmt?: string;
  /** XLSX column width in characters. */
  width: number;
  value: (row: Row) => string | number | null;
}

export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

const round2 = (x: number | null): number | null => (x === null ? null : Math.round(x * 100) / 100);

/** Minutes with two decimals: the unit of the time columns. */
export function minutes(ms: number | null): number | null {
  return ms === null ? null : round2(ms / 60_000);
}

export function incidentColumns(locale: Locale, timeZone: string): Array<ExportColumn<IncidentRow>> {
  const l = reportT(locale);
  const instant = (key: keyof IncidentRow & string, header: string): ExportColumn<IncidentRow> => ({
    key,
    header: l('exports.withZone', { label: header, zone: timeZone }),
    kind: 'instant',
    numFmt: DATE_TIME_FORMAT,
    width: 22,
    value: (r) => r[key] as string | null,
  });
  return [
    {
      key: 'incidentId',
      header: l('incidentColumns.incidentId'),
      kind: 'text',
      width: 38,
      value: (r) => r.incidentId,
    },
    { key: 'title', header: l('incidentColumns.title'), kind: 'text', width: 48, value: (r) => r.title },
    {
      key: 'severity',
      header: l('incidentColumns.severity'),
      kind: 'number',
      numFmt: '0',
      width: 10,
      value: (r) => r.severity,
    },
    {
      key: 'slaSeverity',
      header: l('incidentColumns.slaSeverity'),
      kind: 'number',
      numFmt: '0',
      width: 12,
      value: (r) => r.slaSeverity,
    },
    {
      key: 'channel',
      header: l('incidentColumns.channel'),
      kind: 'text',
      width: 20,
      value: (r) => l(`glossary:channel.${r.channel}`),
    },
    {
      key: 'status',
      header: l('incidentColumns.status'),
      kind: 'text',
      width: 16,
      value: (r) => l(`glossary:status.${r.status}`),
    },
    instant('receivedAt', l('incidentColumns.receivedAt')),
    instant('clockStartAt', l('incidentColumns.clockStartAt')),
    instant('dueAt', l('incidentColumns.dueAt')),
    instant('firstResponseAt', l('incidentColumns.firstResponseAt')),
    instant('resolvedAt', l('incidentColumns.resolvedAt')),
    {
      key: 'slaState',
      header: l('incidentColumns.slaState'),
      kind: 'text',
      width: 12,
      value: (r) => (r.slaState === null ? null : l(`glossary:slaState.${r.slaState}`)),
    },
    {
      key: 'outcome',
      header: l('incidentColumns.outcome'),
      kind: 'text',
      width: 14,
      value: (r) => (r.outcome === null ? null : l(`glossary:slaOutcome.${r.outcome}`)),
    },
    {
      key: 'clock',
      header: l('incidentColumns.clock'),
      kind: 'text',
      width: 16,
      value: (r) => (r.clock === null ? null : l(`glossary:clock.${r.clock}`)),
    },
    {
      key: 'targetMinutes',
      header: l('exports.targetMinutes'),
      kind: 'number',
      numFmt: '0',
      width: 12,
      value: (r) => minutes(r.targetMs),
    },
    {
      key: 'responseMinutes',
      header: l('exports.responseMinutes'),
      kind: 'number',
      numFmt: '0.00',
      width: 14,
      value: (r) => minutes(r.responseMs),
    },
    {
      key: 'deferredReason',
      header: l('incidentColumns.deferredReason'),
      kind: 'text',
      width: 30,
      value: (r) => (r.deferredReason === null ? null : l(`deferral.${r.deferredReason}`)),
    },
    instant('lastCustomerUpdateAt', l('incidentColumns.lastCustomerUpdateAt')),
  ];
}

/** One row per level: the outcomes and the response-time percentiles. */
export interface SlaExportRow {
  severity: Severity;
  targetMinutes: number;
  clock: SlaClock;
  met: number;
  missed: number;
  breached: number;
  decided: number;
  metPct: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
}

export function slaExportRows(
  results: SlaResults,
  responseTimes: readonly ResponseTimeDistribution[],
): SlaExportRow[] {
  return results.bySeverity.map((r) => {
    const times = responseTimes.find((t) => t.severity === r.severity);
    return {
      severity: r.severity,
      targetMinutes: r.targetMinutes,
      clock: r.clock,
      met: r.met,
      missed: r.missed,
      breached: r.breached,
      decided: r.decided,
      metPct: r.metPct,
      p50Ms: times?.p50Ms ?? null,
      p90Ms: times?.p90Ms ?? null,
    };
  });
}

export function slaColumns(locale: Locale): Array<ExportColumn<SlaExportRow>> {
  const l = reportT(locale);
  const count = (
    key: 'met' | 'missed' | 'breached' | 'decided',
    header: string,
  ): ExportColumn<SlaExportRow> => ({
    key,
    header,
    kind: 'number',
    numFmt: '0',
    width: 12,
    value: (r) => r[key],
  });
  return [
    {
      key: 'severity',
      header: l('slaColumns.severity'),
      kind: 'text',
      width: 24,
      value: (r) => l(`glossary:severityLevel.${r.severity}`),
    },
    {
      key: 'targetMinutes',
      header: l('exports.targetMinutes'),
      kind: 'number',
      numFmt: '0',
      width: 14,
      value: (r) => r.targetMinutes,
    },
    {
      key: 'clock',
      header: l('slaColumns.clock'),
      kind: 'text',
      width: 24,
      value: (r) => l(`glossary:clock.${r.clock}`),
    },
    count('met', l('slaColumns.met')),
    count('missed', l('slaColumns.missed')),
    count('breached', l('slaColumns.breached')),
    count('decided', l('slaColumns.decided')),
    {
      key: 'metPct',
      header: `${l('slaColumns.metPct')} (%)`,
      kind: 'number',
      numFmt: '0.0',
      width: 12,
      value: (r) => round2(r.metPct),
    },
    {
      key: 'p50Minutes',
      header: l('exports.p50Minutes'),
      kind: 'number',
      numFmt: '0.00',
      width: 20,
      value: (r) => minutes(r.p50Ms),
    },
    {
      key: 'p90Minutes',
      header: l('exports.p90Minutes'),
      kind: 'number',
      numFmt: '0.00',
      width: 20,
      value: (r) => minutes(r.p90Ms),
    },
  ];
}
