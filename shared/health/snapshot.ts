// The weekly health snapshot: which week an instant falls in (the customer's Monday), the
// snapshot's id (one per customer and week) and its row, and the trend the charts read.
import { DateTime } from 'luxon';
import type { Customer, HealthSnapshot } from '../model/entities';
import { derivedId } from '../sync/ids';
import type { HealthAssessment } from './rating';

/** Weeks of history the trend shows (12 months). */
export const HEALTH_TREND_WEEKS = 52;

/** Monday (local date) of the week that holds the instant, in the customer's zone. */
export function weekStartOf(customer: Pick<Customer, 'calendar'>, ms: number): string {
  const local = DateTime.fromMillis(ms, { zone: customer.calendar.timeZone }).startOf('week');
  const iso = local.toISODate();
  if (iso === null) throw new RangeError(`Invalid zone ${customer.calendar.timeZone}`);
  return iso;
}

/** The instant a local Monday starts, in the customer's zone (ms). */
export function weekStartMs(customer: Pick<Customer, 'calendar'>, weekStart: string): number {
  return DateTime.fromISO(weekStart, { zone: customer.calendar.timeZone }).toMillis();
}

/** The local Monday `weeks` weeks before (negative) or after a Monday. */
export function addWeeks(weekStart: string, weeks: number): string {
  return DateTime.fromISO(weekStart, { zone: 'utc' }).plus({ weeks }).toISODate()!;
}

export function healthSnapshotId(customerId: string, weekStart: string): string {
  return derivedId('healthSnapshot', `${customerId}|${weekStart}`);
}

export function healthSnapshotRow(
  customerId: string,
  weekStart: string,
  asOf: string,
  assessment: HealthAssessment,
): HealthSnapshot {
  return {
    id: healthSnapshotId(customerId, weekStart),
    version: 0,
    updatedAt: asOf,
    deleted: false,
    customerId,
    weekStart,
    asOf,
    rating: assessment.rating,
    score: assessment.score,
    reasons: assessment.reasons.map((r) => ({ code: r.code, points: r.points, value: r.value })),
  };
}

export interface HealthTrendPoint {
  weekStart: string;
  score: number;
  rating: HealthSnapshot['rating'];
}

/**
 * The trend of the last `weeks` weeks up to the week of `nowMs` (inclusive), oldest first: one
 * point per week that has a snapshot (weeks without one are left out, not invented).
 */
export function healthTrend(
  customer: Pick<Customer, 'id' | 'calendar'>,
  snapshots: readonly HealthSnapshot[],
  nowMs: number,
  weeks = HEALTH_TREND_WEEKS,
): HealthTrendPoint[] {
  const last = weekStartOf(customer, nowMs);
  const first = addWeeks(last, -(weeks - 1));
  const byWeek = new Map<string, HealthSnapshot>();
  for (const s of snapshots) {
    if (s.deleted || s.customerId !== customer.id || s.weekStart < first || s.weekStart > last) continue;
    byWeek.set(s.weekStart, s);
  }
  return [...byWeek.values()]
    .sort((a, b) => (a.weekStart < b.weekStart ? -1 : 1))
    .map((s) => ({ weekStart: s.weekStart, score: s.score, rating: s.rating }));
}
