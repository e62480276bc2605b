export { HEALTH_REASON_CODES, HEALTH_WEIGHTS } from './weights';
export type { HealthRating, HealthReasonCode, HealthWeights } from './weights';
export { assessHealth, NO_HEALTH_ISSUES, ratingOfPoints } from './rating';
export type { HealthAssessment, HealthFacts, HealthReason } from './rating';
export { customerHealth, healthFactsOf } from './facts';
export type { CustomerHealth, HealthInput } from './facts';
export {
  addWeeks,
  HEALTH_TREND_WEEKS,
  healthSnapshotId,
  healthSnapshotRow,
  healthTrend,
  weekStartMs,
  weekStartOf,
} from './snapshot';
export type { HealthTrendPoint } from './snapshot';
