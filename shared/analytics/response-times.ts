// Response-time distribution per level against the level's target: buckets as fractions of
// the target, and p50/p90. Business-clock levels are measured in business time.
import type { SlaClock } from '../sla/index';
import type { Severity } from '../model/entities';
import type { CustomerContext } from './context';
import type { IncidentFacts } from './incident-facts';
import { inPeriod } from './period';
import type { DatePeriod } from './period';
import { bySeverity, SEVERITIES } from './severity';

/** Upper bounds of the buckets as fractions of the target; the last bucket is open-ended. */
export const RESPONSE_BUCKET_FRACTIONS: readonly number[] = [0.25, 0.5, 0.75, 1, 1.5, 2];

export interface ResponseTimeBucket {
  /** Upper bound (inclusive) as a fraction of the target; null for the last, open-ended bucket. */
  upToFraction: number | null;
  /** The same bound in the clock's ms; null for the last bucket. */
  upToMs: number | null;
  count: number;
}

export interface ResponseTimeDistribution {
  severity: Severity;
  clock: SlaClock;
  targetMs: number;
  /** Answered incidents whose outcome counts in the period. */
  count: number;
  /** Of those, answered within the target (response time ≤ target). */
  withinTarget: number;
  /** Nearest-rank percentiles in the clock's ms; null without responses. */
  p50Ms: number | null;
  p90Ms: number | null;
  buckets: ResponseTimeBucket[];
}

/** Nearest-rank percentile of ascending values: the smallest value with at least p% of values ≤ it. */
export function percentile(sortedAscending: readonly number[], p: number): number | null {
  if (sortedAscending.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sortedAscending.length));
  return sortedAscending[rank - 1] ?? null;
}

function bucketIndex(ms: number, targetMs: number): number {
  for (let i = 0; i < RESPONSE_BUCKET_FRACTIONS.length; i++) {
    if (ms <= (RESPONSE_BUCKET_FRACTIONS[i] as number) * targetMs) return i;
  }
  return RESPONSE_BUCKET_FRACTIONS.length;
}

/**
 * One entry per level. Counts the answered incidents (met or missed with a response) whose
 * outcome counts in the period, under the level the SLA ran under.
 */
export function responseTimesFromFacts(
  ctx: CustomerContext,
  facts: readonly IncidentFacts[],
  period: DatePeriod,
): ResponseTimeDistribution[] {
  const samples = bySeverity<number[]>(() => []);
  for (const f of facts) {
    if (f.responseMs === null || f.sla === null || f.outcome === null || !inPeriod(f.outcome.date, period))
      continue;
    samples[f.sla.severity].push(f.responseMs);
  }
  return SEVERITIES.map((severity) => {
    const target = ctx.policy.targets[severity];
    const targetMs = target.minutes * 60_000;
    const values = samples[severity].sort((a, b) => a - b);
    const buckets: ResponseTimeBucket[] = [...RESPONSE_BUCKET_FRACTIONS, null].map((fraction) => ({
      upToFraction: fraction,
      upToMs: fraction === null ? null : fraction * targetMs,
      count: 0,
    }));
    let withinTarget = 0;
    for (const ms of values) {
      (buckets[bucketIndex(ms, targetMs)] as ResponseTimeBucket).count += 1;
      if (ms <= targetMs) withinTarget += 1;
    }
    return {
      severity,
      clock: target.clock,
      targetMs,
      count: values.length,
      withinTarget,
      p50Ms: percentile(values, 50),
      p90Ms: percentile(values, 90),
      buckets,
    };
  });
}
