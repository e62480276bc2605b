// The customer health rating: from plain facts (counts and percentages), each rule of the
// weights adds points and is listed as a reason; the total decides green, amber or red.
// Nothing else is read, so the rating is explained entirely by its reasons.
import { HEALTH_WEIGHTS } from './weights';
import type { HealthRating, HealthReasonCode, HealthWeights } from './weights';

/** The facts the rating reads (healthFacts derives them from the synced rows). */
export interface HealthFacts {
  /** SLA met % of the current contract quarter; null when nothing was decided yet. */
  slaMetPct: number | null;
  /** Open breached now + missed in the quarter. */
  breaches: number;
  dailyReportsOverdue: number;
  quarterlyReportsOverdue: number;
  openLevel1: number;
  openLevel2: number;
  /** Findings still open or accepted of the last held health check. */
  openFindingsSerious: number;
  openFindingsOther: number;
  versionsEnded: number;
  versionsEndingSoon: number;
  /** No health check scheduled ahead nor held in the current contract year (inside the contract). */
  healthCheckNotScheduled: boolean;
}

export interface HealthReason {
  code: HealthReasonCode;
  points: number;
  /** The figure behind the reason (the met %, or a count). */
  value: number;
}

export interface HealthAssessment {
  rating: HealthRating;
  /** 100 minus the points, never below 0. */
  score: number;
  points: number;
  /** The reasons in HEALTH_REASON_CODES order; empty for a customer with nothing against it. */
  reasons: HealthReason[];
}

export const NO_HEALTH_ISSUES: HealthFacts = {
  slaMetPct: null,
  breaches: 0,
  dailyReportsOverdue: 0,
  quarterlyReportsOverdue: 0,
  openLevel1: 0,
  openLevel2: 0,
  openFindingsSerious: 0,
  openFindingsOther: 0,
  versionsEnded: 0,
  versionsEndingSoon: 0,
  healthCheckNotScheduled: false,
};

/** The rating of a given set of points. */
export function ratingOfPoints(points: number, weights: HealthWeights = HEALTH_WEIGHTS): HealthRating {
  if (points >= weights.redFrom) return 'red';
  if (points >= weights.amberFrom) return 'amber';
  return 'green';
}

export function assessHealth(facts: HealthFacts, weights: HealthWeights = HEALTH_WEIGHTS): HealthAssessment {
  const reasons: HealthReason[] = [];
  const add = (code: HealthReasonCode, points: number, value: number) => {
    if (points > 0) reasons.push({ code, points, value });
  };
  if (facts.slaMetPct !== null && facts.slaMetPct < weights.slaTargetPct)
    add('sla_below_target', weights.slaBelowTarget, Math.round(facts.slaMetPct * 10) / 10);
  add('sla_breaches', Math.min(weights.breachCap, facts.breaches * weights.perBreach), facts.breaches);
  add(
    'daily_reports_overdue',
    Math.min(weights.dailyReportCap, facts.dailyReportsOverdue * weights.perDailyReportOverdue),
    facts.dailyReportsOverdue,
  );
  add(
    'quarterly_reports_overdue',
    Math.min(weights.quarterlyReportCap, facts.quarterlyReportsOverdue * weights.perQuarterlyReportOverdue),
    facts.quarterlyReportsOverdue,
  );
  add(
    'open_critical_incidents',
    Math.min(
      weights.openIncidentCap,
      facts.openLevel1 * weights.perOpenLevel1 + facts.openLevel2 * weights.perOpenLevel2,
    ),
    facts.openLevel1 + facts.openLevel2,
  );
  add(
    'open_findings',
    Math.min(
      weights.findingCap,
      facts.openFindingsSerious * weights.perOpenFindingSerious +
        facts.openFindingsOther * weights.perOpenFindingOther,
    ),
    facts.openFindingsSerious + facts.openFindingsOther,
  );
  add(
    'versions_near_end_of_support',
    Math.min(
      weights.versionCap,
      facts.versionsEnded * weights.perVersionEnded + facts.versionsEndingSoon * weights.perVersionEndingSoon,
    ),
    facts.versionsEnded + facts.versionsEndingSoon,
  );
  if (facts.healthCheckNotScheduled) add('health_check_not_scheduled', weights.healthCheckNotScheduled, 1);
  const points = reasons.reduce((sum, r) => sum + r.points, 0);
  return { rating: ratingOfPoints(points, weights), score: Math.max(0, 100 - points), points, reasons };
}
