// Public API of the SLA and contract-calendar engine.
export { computeResponseSla, computeResponseSlaCompiled, safeComputeResponseSla } from './response-sla';
export type { DeferralReason, ResponseSla, ResponseSlaRequest, SafeResult, SlaState } from './response-sla';

export {
  addBusinessTime,
  businessDay,
  businessTimeBetween,
  compileCalendar,
  DEFAULT_WEEKLY,
  isOpenAt,
  localDateOf,
  MAX_SEARCH_DAYS,
  nextClosing,
  nextOpening,
} from './business-time';
export type { BusinessDay, CompiledCalendar, WalkStats } from './business-time';

export {
  holidayCountries,
  holidayRegions,
  isKnownCountry,
  isKnownRegion,
  namedPublicHolidays,
  publicHolidayNames,
  publicHolidays,
} from './holidays';

export { coverageAt } from './coverage';
export type { Coverage, CoverageReason } from './coverage';

export { DEFAULT_DAILY_REPORT_CUTOFF, dailyReportStatus } from './daily-report';
export type { DailyReportItem, DailyReportStatus } from './daily-report';

export {
  calendarQuarterOf,
  firstOwedQuarterly,
  quarterHasEnded,
  quarterlyDueDate,
  quarterlyPeriodBoundaries,
  quarterlySchedule,
} from './quarterly';
export type { QuarterlyPeriod, QuarterlySchedule, QuarterlyStatus } from './quarterly';

export { contractYearOf, HEALTH_CHECK_MIN_NOTICE_DAYS, validateHealthCheckDate } from './health-check';
export type { HealthCheckReason, HealthCheckReasonCode, HealthCheckResult } from './health-check';

export {
  MSA_ENTERPRISE_POLICY,
  policyOfCustomer,
  SHIPPED_POLICIES,
  SlaClockSchema,
  SlaTargetSchema,
  STANDARD_POLICY,
  SupportPolicySchema,
} from './policy';
export type { SlaClock, SlaTarget, SupportPolicy } from './policy';

export * from './schemas';

export { SlaInputError } from './errors';
export type { SlaIssue } from './errors';

export { formatInstant, isInstant, parseInstant } from './instant';
