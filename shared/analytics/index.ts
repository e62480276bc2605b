// Public API of the analytics layer: chart data, the manager portfolio, report models (their labels are the renderer's: renderer/i18n report and glossary namespaces).
export {
  customerCharts,
  incidentsBySeverityPerMonth,
  openBacklog,
  requestsByStage,
  responsesPerMonth,
  responseTimeDistribution,
  slaResults,
} from './charts';
export type { ChartInput, CustomerCharts, RequestChartInput } from './charts';
export type { BacklogGranularity, BacklogPoint } from './backlog';
export type { MonthlySeverityCounts } from './incident-volume';
export type {
  MonthlyResponseOutcomes,
  OutcomeCounts,
  SeveritySlaResult,
  SlaResults,
} from './response-outcomes';
export { percentile, RESPONSE_BUCKET_FRACTIONS } from './response-times';
export type { ResponseTimeBucket, ResponseTimeDistribution } from './response-times';
export { COMPLETED_STAGES, REQUEST_STAGES, REQUEST_TYPES } from './requests';
export type { DatedStageChange, RequestStageCounts } from './requests';

export type { ResponseOutcome, ResponseOutcomeKind } from './incident-facts';
export { incidentRows } from './incident-rows';
export type { IncidentRow, IncidentRowsInput } from './incident-rows';
export { addDays, daysOf, monthsOf } from './period';
export type { DatePeriod } from './period';
export { currentQuarter, quarterPeriod } from './schedule';
export type { NextHealthCheck, NextQuarterlyReport } from './schedule';

export { filterPortfolio, portfolioRows, sortPortfolio } from './portfolio';
export type {
  PortfolioFilter,
  PortfolioInput,
  PortfolioRow,
  PortfolioSortKey,
  SortDirection,
} from './portfolio';

export {
  COMPARED_FIGURES,
  compareFigures,
  FIGURE_DIRECTION,
  figuresOfSummary,
  improvementsAndSetbacks,
  previousPeriod,
} from './comparison';
export type {
  ChangeTrend,
  ComparedFigure,
  FigureChange,
  PeriodComparison,
  PeriodFigures,
} from './comparison';
export { PORTFOLIO_COMPARED, portfolioComparison } from './portfolio-comparison';
export type { PortfolioComparisonRow } from './portfolio-comparison';
