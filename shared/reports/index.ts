// Public API of the reports: the quarterly report and the daily critical report models (their wording is the renderer's).
export {
  buildQuarterlyReport,
  mostSignificantIncidents,
  QUARTERLY_SECTIONS,
  REPORT_LISTED_INCIDENTS,
  REPORT_LISTED_OPEN_INCIDENTS,
} from './quarterly/report';
export type {
  HealthCheckFindingRow,
  HealthCheckRow,
  HealthChecksSection,
  IncidentsSection,
  NextStepsSection,
  QuarterlyReport,
  QuarterlyReportInput,
  QuarterlySection,
  QuarterlySectionKey,
  ReportHeader,
  RequestRow,
  RequestsSection,
  SlaSection,
  SummarySection,
} from './quarterly/report';
export type { NextStep, NextStepKind } from './quarterly/next-steps';
export { buildDailyCriticalReport } from './daily/critical-report';
export type {
  DailyCriticalReport,
  DailyCriticalReportInput,
  DailyNextStep,
  TimelineRow,
} from './daily/critical-report';
export { reportRecipients } from './recipients';
