// The columns of the incident and SLA-results exports: header in the user's language, a
// typed value per row. CSV and XLSX share them, so both files carry the same data.
import type { Locale } from '../../shared/model/entities';
import { fillLabel, reportLabels } from '../../shared/analytics/index';
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
  const l = reportLabels(locale);
  const h = l.incidentColumns;
  const instant = (key: keyof IncidentRow & string, header: string): ExportColumn<IncidentRow> => ({
    key,
    header: fillLabel(l.exports.withZone, { label: header, zone: timeZone }),
    kind: 'instant',
    numFmt: DATE_TIME_FORMAT,
    width: 22,
    value: (r) => r[key] as string | null,
  });
  return [
    { key: 'incidentId', header: h.incidentId, kind: 'text', width: 38, value: (r) => r.incidentId },
    { key: 'title', header: h.title, kind: 'text', width: 48, value: (r) => r.title },
    { key: 'severity', header: h.severity, kind: 'number', numFmt: '0', width: 10, value: (r) => r.severity },
    { key: 'slaSeverity', header: h.slaSeverity, kind: 'number', numFmt: '0', width: 12, value: (r) => r.slaSeverity },
    { key: 'channel', header: h.channel, kind: 'text', width: 20, value: (r) => l.channel[r.channel] },
    { key: 'status', header: h.status, kind: 'text', width: 16, value: (r) => l.incidentStatus[r.status] },
    instant('receivedAt', h.receivedAt),
    instant('clockStartAt', h.clockStartAt),
    instant('dueAt', h.dueAt),
    instant('firstResponseAt', h.firstResponseAt),
    instant('resolvedAt', h.resolvedAt),
    { key: 'slaState', header: h.slaState, kind: 'text', width: 12, value: (r) => (r.slaState === null ? null : l.slaState[r.slaState]) },
    { key: 'outcome', header: h.outcome, kind: 'text', width: 14, value: (r) => (r.outcome === null ? null : l.outcome[r.outcome]) },
    { key: 'clock', header: h.clock, kind: 'text', width: 16, value: (r) => (r.clock === null ? null : l.clock[r.clock]) },
    { key: 'targetMinutes', header: l.exports.targetMinutes, kind: 'number', numFmt: '0', width: 12, value: (r) => minutes(r.targetMs) },
    { key: 'responseMinutes', header: l.exports.responseMinutes, kind: 'number', numFmt: '0.00', width: 14, value: (r) => minutes(r.responseMs) },
    { key: 'deferredReason', header: h.deferredReason, kind: 'text', width: 30, value: (r) => (r.deferredReason === null ? null : l.deferral[r.deferredReason]) },
    instant('lastCustomerUpdateAt', h.lastCustomerUpdateAt),
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

export function slaExportRows(results: SlaResults, responseTimes: readonly ResponseTimeDistribution[]): SlaExportRow[] {
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
  const l = reportLabels(locale);
  const h = l.slaColumns;
  const count = (key: 'met' | 'missed' | 'breached' | 'decided', header: string): ExportColumn<SlaExportRow> => ({
    key,
    header,
    kind: 'number',
    numFmt: '0',
    width: 12,
    value: (r) => r[key],
  });
  return [
    { key: 'severity', header: h.severity, kind: 'text', width: 24, value: (r) => l.severity[r.severity] },
    { key: 'targetMinutes', header: l.exports.targetMinutes, kind: 'number', numFmt: '0', width: 14, value: (r) => r.targetMinutes },
    { key: 'clock', header: h.clock, kind: 'text', width: 24, value: (r) => l.clock[r.clock] },
    count('met', h.met),
    count('missed', h.missed),
    count('breached', h.breached),
    count('decided', h.decided),
    { key: 'metPct', header: `${h.metPct} (%)`, kind: 'number', numFmt: '0.0', width: 12, value: (r) => round2(r.metPct) },
    { key: 'p50Minutes', header: l.exports.p50Minutes, kind: 'number', numFmt: '0.00', width: 20, value: (r) => minutes(r.p50Ms) },
    { key: 'p90Minutes', header: l.exports.p90Minutes, kind: 'number', numFmt: '0.00', width: 20, value: (r) => minutes(r.p90Ms) },
  ];
}
