// The customer health rating's rules as data: which facts count against a customer, how many
// points each costs, and where amber and red begin. Change the numbers here (and the table in
// README.md); the rating function reads nothing else.

/** The reasons a customer's health is below green, in the order they are listed. */
export const HEALTH_REASON_CODES = [
  'sla_below_target',
  'sla_breaches',
  'daily_reports_overdue',
  'quarterly_reports_overdue',
  'open_critical_incidents',
  'open_findings',
  'versions_near_end_of_support',
  'health_check_not_scheduled',
] as const;
export type HealthReasonCode = (typeof HEALTH_REASON_CODES)[number];

export type HealthRating = 'green' | 'amber' | 'red';

export interface HealthWeights {
  /** SLA met % this quarter below this is a reason (the customer's response-SLA target). */
  slaTargetPct: number;
  /** Points when the met % is below the target. */
  slaBelowTarget: number;
  /** Points per breach this quarter (open breached + missed), up to the cap. */
  perBreach: number;
  breachCap: number;
  /** Points per overdue daily report of a level-1 incident, up to the cap. */
  perDailyReportOverdue: number;
  dailyReportCap: number;
  /** Points per overdue quarterly report, up to the cap. */
  perQuarterlyReportOverdue: number;
  quarterlyReportCap: number;
  /** Points per open level-1 and per open level-2 incident, up to the cap. */
  perOpenLevel1: number;
  perOpenLevel2: number;
  openIncidentCap: number;
  /** Points per open finding of the last held health check, by weight of its severity, up to the cap. */
  perOpenFindingSerious: number;
  perOpenFindingOther: number;
  findingCap: number;
  /** Points per deployed version whose support has ended / ends within the window, up to the cap. */
  perVersionEnded: number;
  perVersionEndingSoon: number;
  versionCap: number;
  /** Points when no health check is scheduled or held in the current contract year. */
  healthCheckNotScheduled: number;
  /** Total points from which the rating is amber, and red. */
  amberFrom: number;
  redFrom: number;
}

export const HEALTH_WEIGHTS: HealthWeights = {
  slaTargetPct: 95,
  slaBelowTarget: 25,
  perBreach: 10,
  breachCap: 40,
  perDailyReportOverdue: 15,
  dailyReportCap: 30,
  perQuarterlyReportOverdue: 20,
  quarterlyReportCap: 40,
  perOpenLevel1: 25,
  perOpenLevel2: 10,
  openIncidentCap: 50,
  perOpenFindingSerious: 10,
  perOpenFindingOther: 3,
  findingCap: 30,
  perVersionEnded: 15,
  perVersionEndingSoon: 5,
  versionCap: 30,
  healthCheckNotScheduled: 15,
  amberFrom: 20,
  redFrom: 50,
};
