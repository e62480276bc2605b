// Per-customer chart data for a period: the public entry points. Each runs one pass over the
// incidents (facts, then a linear bucketing); customerCharts computes every series from a
// single pass when a screen shows them all.
import type { SupportPolicy } from '../sla/index';
import type { Customer, Incident, Request } from '../model/entities';
import { backlogFromFacts } from './backlog';
import type { BacklogGranularity, BacklogPoint } from './backlog';
import { customerContext } from './context';
import { incidentFacts } from './incident-facts';
import { volumeFromFacts } from './incident-volume';
import type { MonthlySeverityCounts } from './incident-volume';
import { checkPeriod } from './period';
import type { DatePeriod } from './period';
import { requestStageCounts } from './requests';
import type { RequestStageCounts } from './requests';
import { outcomesPerMonthFromFacts, slaResultsFromFacts } from './response-outcomes';
import type { MonthlyResponseOutcomes, SlaResults } from './response-outcomes';
import { responseTimesFromFacts } from './response-times';
import type { ResponseTimeDistribution } from './response-times';

export interface ChartInput {
  customer: Customer;
  incidents: readonly Incident[];
  /** Local dates of the customer's zone, `to` exclusive. */
  period: DatePeriod;
  now: string;
  /** Support policies to find the customer's in (default: the shipped ones). */
  policies?: readonly SupportPolicy[];
}

/** Validates the input and runs the one pass over the incidents (with the SLA engine when needed). */
function prepare(input: ChartInput, withSla: boolean) {
  checkPeriod(input.period);
  const ctx = customerContext(input.customer, input.now, input.policies);
  return { ctx, facts: incidentFacts(ctx, input.incidents, withSla) };
}

/** Incidents received per local month and current level. */
export function incidentsBySeverityPerMonth(input: ChartInput): MonthlySeverityCounts[] {
  return volumeFromFacts(prepare(input, false).facts, input.period);
}

/** Response SLA outcomes per local month (met at the answer; missed/breached at the due time). */
export function responsesPerMonth(input: ChartInput): MonthlyResponseOutcomes[] {
  return outcomesPerMonthFromFacts(prepare(input, true).facts, input.period);
}

/** Outcomes per level over the whole period, with each level's target. */
export function slaResults(input: ChartInput): SlaResults {
  const { ctx, facts } = prepare(input, true);
  return slaResultsFromFacts(ctx, facts, input.period);
}

/** Response times per level against the target: buckets, p50, p90. */
export function responseTimeDistribution(input: ChartInput): ResponseTimeDistribution[] {
  const { ctx, facts } = prepare(input, true);
  return responseTimesFromFacts(ctx, facts, input.period);
}

/** Open incidents at the end of each day or week of the period. */
export function openBacklog(input: ChartInput & { granularity: BacklogGranularity }): BacklogPoint[] {
  const { ctx, facts } = prepare(input, false);
  return backlogFromFacts(facts, input.period, ctx.today, input.granularity);
}

export interface RequestChartInput {
  customer: Customer;
  requests: readonly Request[];
  period: DatePeriod;
  now: string;
}

/** Requests of each type by stage at the end of the period. */
export function requestsByStage(input: RequestChartInput): RequestStageCounts[] {
  checkPeriod(input.period);
  return requestStageCounts(customerContext(input.customer, input.now), input.requests, input.period);
}

export interface CustomerCharts {
  incidentsPerMonth: MonthlySeverityCounts[];
  responsesPerMonth: MonthlyResponseOutcomes[];
  slaResults: SlaResults;
  responseTimes: ResponseTimeDistribution[];
  backlog: BacklogPoint[];
  requestsByStage: RequestStageCounts[];
}

/** Every chart series of a customer's page from one pass over the incidents. */
export function customerCharts(
  input: ChartInput & { requests: readonly Request[]; backlogGranularity: BacklogGranularity },
): CustomerCharts {
  const { ctx, facts } = prepare(input, true);
  return {
    incidentsPerMonth: volumeFromFacts(facts, input.period),
    responsesPerMonth: outcomesPerMonthFromFacts(facts, input.period),
    slaResults: slaResultsFromFacts(ctx, facts, input.period),
    responseTimes: responseTimesFromFacts(ctx, facts, input.period),
    backlog: backlogFromFacts(facts, input.period, ctx.today, input.backlogGranularity),
    requestsByStage: requestStageCounts(ctx, input.requests, input.period),
  };
}
