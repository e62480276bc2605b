// Incidents received per month and level: every month of the period present, zeros included.
import type { Severity } from '../model/entities';
import type { IncidentFacts } from './incident-facts';
import { inPeriod, monthOf, monthsOf } from './period';
import type { DatePeriod } from './period';
import { zeroCounts } from './severity';
import type { BySeverity } from './severity';

export interface MonthlySeverityCounts {
  /** 'YYYY-MM' in the customer's zone. */
  month: string;
  total: number;
  /** By the incident's current level. */
  bySeverity: BySeverity<number>;
}

/** Counts each incident once, in the local month of its receipt, under its current level. */
export function volumeFromFacts(
  facts: readonly IncidentFacts[],
  period: DatePeriod,
): MonthlySeverityCounts[] {
  const rows = monthsOf(period).map((month) => ({ month, total: 0, bySeverity: zeroCounts() }));
  const index = new Map(rows.map((row, i) => [row.month, i]));
  for (const f of facts) {
    if (!inPeriod(f.receivedDate, period)) continue;
    const row = rows[index.get(monthOf(f.receivedDate)) as number];
    if (row === undefined) continue;
    row.total += 1;
    row.bySeverity[f.incident.severity as Severity] += 1;
  }
  return rows;
}
