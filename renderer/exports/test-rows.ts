// Incident rows and SLA results for the export tests (plain data, as the analytics layer gives them).
import type { IncidentRow, ResponseTimeDistribution, SlaResults } from '../../shared/analytics/index';

export function incidentRow(n: number, over: Partial<IncidentRow> = {}): IncidentRow {
  // Receipts one hour apart from 2026-03-02 01:00 UTC (10:00 in Tokyo).
  const received = Date.UTC(2026, 2, 2, 1, 0, 0) + n * 3_600_000;
  return {
    incidentId: `inc-${String(n).padStart(5, '0')}`,
    title: `Scan engine issue ${n}`,
    severity: 2,
    slaSeverity: 2,
    channel: 'phone',
    status: 'resolved',
    receivedAt: new Date(received).toISOString(),
    clockStartAt: new Date(received).toISOString(),
    deferredReason: null,
    dueAt: new Date(received + 4 * 3_600_000).toISOString(),
    firstResponseAt: new Date(received + 20 * 60_000).toISOString(),
    resolvedAt: null,
    slaState: 'met',
    outcome: 'met',
    clock: 'calendar',
    targetMs: 4 * 3_600_000,
    responseMs: 20 * 60_000,
    lastCustomerUpdateAt: null,
    ...over,
  };
}

export const incidentRowsOf = (count: number): IncidentRow[] =>
  Array.from({ length: count }, (_, i) => incidentRow(i));

export const slaResults: SlaResults = {
  bySeverity: [
    {
      severity: 1,
      met: 2,
      missed: 1,
      breached: 0,
      decided: 3,
      metPct: (2 / 3) * 100,
      targetMinutes: 30,
      clock: 'calendar',
    },
    {
      severity: 2,
      met: 4,
      missed: 0,
      breached: 0,
      decided: 4,
      metPct: 100,
      targetMinutes: 240,
      clock: 'calendar',
    },
    {
      severity: 3,
      met: 0,
      missed: 0,
      breached: 1,
      decided: 1,
      metPct: 0,
      targetMinutes: 360,
      clock: 'business',
    },
    {
      severity: 4,
      met: 0,
      missed: 0,
      breached: 0,
      decided: 0,
      metPct: null,
      targetMinutes: 480,
      clock: 'business',
    },
  ],
  total: { met: 6, missed: 1, breached: 1, decided: 8, metPct: 75 },
};

const times = (
  severity: 1 | 2 | 3 | 4,
  p50Ms: number | null,
  p90Ms: number | null,
): ResponseTimeDistribution => ({
  severity,
  clock: severity <= 2 ? 'calendar' : 'business',
  targetMs: 0,
  count: 0,
  withinTarget: 0,
  p50Ms,
  p90Ms,
  buckets: [],
});

export const responseTimes: ResponseTimeDistribution[] = [
  times(1, 12 * 60_000, 45 * 60_000),
  times(2, 90 * 60_000, 150 * 60_000),
  times(3, null, null),
  times(4, null, null),
];
