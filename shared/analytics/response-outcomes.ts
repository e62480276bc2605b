// Response SLA outcomes counted in the local month (or period) of the moment they count for:
// a met response at the answer, a missed or breached one at its due time (see ResponseOutcome).
import type { SlaClock } from '../sla/index';
import type { Severity } from '../model/entities';
import type { CustomerContext } from './context';
import type { IncidentFacts, ResponseOutcomeKind } from './incident-facts';
import { inPeriod, monthOf, monthsOf } from './period';
import type { DatePeriod } from './period';
import { bySeverity, SEVERITIES } from './severity';
import type { BySeverity } from './severity';

export interface OutcomeCounts {
  met: number;
  /** Answered late, or closed unanswered after the due time. */
  missed: number;
  /** Open, unanswered and past due. */
  breached: number;
}

export interface MonthlyResponseOutcomes extends OutcomeCounts {
  /** 'YYYY-MM' in the customer's zone. */
  month: string;
  bySeverity: BySeverity<OutcomeCounts>;
}

export interface SeveritySlaResult extends OutcomeCounts {
  severity: Severity;
  /** The policy's target for reference. */
  targetMinutes: number;
  clock: SlaClock;
  /** met + missed + breached: the outcomes decided in the period. */
  decided: number;
  /** met / decided × 100; null when nothing was decided. */
  metPct: number | null;
}

export interface SlaResults {
  bySeverity: SeveritySlaResult[];
  total: OutcomeCounts & { decided: number; metPct: number | null };
}

const zeroOutcomes = (): OutcomeCounts => ({ met: 0, missed: 0, breached: 0 });

function add(counts: OutcomeCounts, kind: ResponseOutcomeKind): void {
  counts[kind] += 1;
}

export function metPct(counts: OutcomeCounts): number | null {
  const decided = counts.met + counts.missed + counts.breached;
  return decided === 0 ? null : (counts.met / decided) * 100;
}

/** Outcomes per local month of the period, every month present, by the level the SLA ran under. */
export function outcomesPerMonthFromFacts(
  facts: readonly IncidentFacts[],
  period: DatePeriod,
): MonthlyResponseOutcomes[] {
  const rows = monthsOf(period).map((month) => ({
    month,
    ...zeroOutcomes(),
    bySeverity: bySeverity(zeroOutcomes),
  }));
  const index = new Map(rows.map((row, i) => [row.month, i]));
  for (const f of facts) {
    const outcome = f.outcome;
    if (outcome === null || f.sla === null || !inPeriod(outcome.date, period)) continue;
    const row = rows[index.get(monthOf(outcome.date)) as number];
    if (row === undefined) continue;
    add(row, outcome.kind);
    add(row.bySeverity[f.sla.severity], outcome.kind);
  }
  return rows;
}

/** Met/missed/breached per level for the outcomes that count in the period, with the targets. */
export function slaResultsFromFacts(
  ctx: CustomerContext,
  facts: readonly IncidentFacts[],
  period: DatePeriod,
): SlaResults {
  const counts = bySeverity(zeroOutcomes);
  const total = zeroOutcomes();
  for (const f of facts) {
    if (f.outcome === null || f.sla === null || !inPeriod(f.outcome.date, period)) continue;
    add(counts[f.sla.severity], f.outcome.kind);
    add(total, f.outcome.kind);
  }
  return {
    bySeverity: SEVERITIES.map((severity) => {
      const c = counts[severity];
      const target = ctx.policy.targets[severity];
      return {
        severity,
        ...c,
        targetMinutes: target.minutes,
        clock: target.clock,
        decided: c.met + c.missed + c.breached,
        metPct: metPct(c),
      };
    }),
    total: { ...total, decided: total.met + total.missed + total.breached, metPct: metPct(total) },
  };
}
