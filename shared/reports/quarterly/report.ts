// The quarterly report as a document model: every number computed, every text a raw value or
// an enum code (labels.ts translates them), nothing rendered. The customer may ask for other
// sections, another period or another language; the model follows `sections`, `period` and
// `locale`.
import { calendarQuarterOf, parseInstant } from '../../sla/index';
import type { SupportPolicy } from '../../sla/index';
import type {
  Attachment,
  ContractTier,
  Customer,
  HealthCheck,
  Incident,
  Locale,
  Report,
  Request,
  RequestStage,
  RequestType,
  Severity,
  TimelineEvent,
  User,
} from '../../model/entities';
import { backlogFromFacts } from '../../analytics/backlog';
import { compareFigures, figuresOfSummary, previousPeriod } from '../../analytics/comparison';
import type { PeriodComparison } from '../../analytics/comparison';
import type { BacklogPoint } from '../../analytics/backlog';
import { customerContext } from '../../analytics/context';
import type { CustomerContext } from '../../analytics/context';
import { incidentFacts, isOpenAtEndOf } from '../../analytics/incident-facts';
import type { IncidentFacts } from '../../analytics/incident-facts';
import { incidentRowsFromFacts } from '../../analytics/incident-rows';
import type { IncidentRow } from '../../analytics/incident-rows';
import { volumeFromFacts } from '../../analytics/incident-volume';
import type { MonthlySeverityCounts } from '../../analytics/incident-volume';
import {
  healthCheckStep,
  isOpenFinding,
  openFindingSteps,
  openIncidentSteps,
  requestSteps,
} from './next-steps';
import type { NextStep } from './next-steps';
import { addDays, checkPeriod, inPeriod } from '../../analytics/period';
import type { DatePeriod } from '../../analytics/period';
import {
  activeInPeriod,
  COMPLETED_STAGES,
  customerRequests,
  datedHistory,
  REQUEST_TYPES,
  requestStageCounts,
  stageBefore,
} from '../../analytics/requests';
import type { DatedStageChange, RequestStageCounts } from '../../analytics/requests';
import { outcomesPerMonthFromFacts, slaResultsFromFacts } from '../../analytics/response-outcomes';
import type { MonthlyResponseOutcomes, OutcomeCounts, SlaResults } from '../../analytics/response-outcomes';
import { responseTimesFromFacts } from '../../analytics/response-times';
import type { ResponseTimeDistribution } from '../../analytics/response-times';
import { customerQuarterlySchedule, nextHealthCheck } from '../../analytics/schedule';
import type { NextHealthCheck } from '../../analytics/schedule';
import { zeroCounts } from '../../analytics/severity';
import type { BySeverity } from '../../analytics/severity';

export type QuarterlySectionKey = 'summary' | 'incidents' | 'sla' | 'requests' | 'healthChecks' | 'nextSteps';

/** The standard report: every section, in this order. */
/** The most incidents a report lists; above it, the most significant are listed and the rest counted. */
export const REPORT_LISTED_INCIDENTS = 100;
/** The most open incidents among the next steps (by severity, then oldest first). */
export const REPORT_LISTED_OPEN_INCIDENTS = 25;

const SIGNIFICANT_OUTCOME: Record<string, number> = { missed: 0, breached: 0, at_risk: 1, running: 2 };

/** The `limit` most significant rows, kept in their given (receipt) order. */
export function mostSignificantIncidents(
  rows: readonly IncidentRow[],
  limit: number = REPORT_LISTED_INCIDENTS,
): IncidentRow[] {
  if (rows.length <= limit) return [...rows];
  const rank = (r: IncidentRow) => SIGNIFICANT_OUTCOME[r.outcome ?? r.slaState ?? ''] ?? 3;
  const chosen = rows
    .map((row, index) => ({ row, index }))
    .sort(
      (a, b) =>
        a.row.severity - b.row.severity ||
        rank(a.row) - rank(b.row) ||
        Number(a.row.resolvedAt !== null) - Number(b.row.resolvedAt !== null) ||
        b.index - a.index,
    )
    .slice(0, Math.max(0, limit))
    .sort((a, b) => a.index - b.index);
  return chosen.map((c) => c.row);
}

export const QUARTERLY_SECTIONS: readonly QuarterlySectionKey[] = [
  'summary',
  'incidents',
  'sla',
  'requests',
  'healthChecks',
  'nextSteps',
];

export interface ReportHeader {
  customer: {
    id: string;
    nameJa: string;
    nameLatin: string;
    tier: ContractTier;
    supportPolicyId: string;
    /** The zone every local date of the report is in, and the one to show instants in. */
    timeZone: string;
    contractStart: string;
    contractEnd: string;
  };
  tam: { id: string; name: string | null };
  locale: Locale;
  /** `now` of the computation. */
  generatedAt: string;
}

export interface SummarySection {
  key: 'summary';
  incidents: {
    received: number;
    receivedBySeverity: BySeverity<number>;
    /** Closed (resolved or closed) in the period. */
    resolved: number;
    /** Open at the end of the day before the period. */
    openAtStart: number;
    /** Open at the end of the period's last day (at `now` if that is later than now). */
    openAtEnd: number;
  };
  sla: OutcomeCounts & { decided: number; metPct: number | null };
  requests: Record<RequestType, { active: number; completedInPeriod: number }>;
  healthChecks: { completedInPeriod: number; openFindings: number };
  /** The same figures of the period before (previousPeriod) and the change of each. */
  comparison: PeriodComparison;
}

export interface IncidentsSection {
  key: 'incidents';
  /**
   * Received in the period, or open when it started: all of them up to REPORT_LISTED_INCIDENTS,
   * else the most significant (severity, missed or breached SLA, still open, most recent), in
   * receipt order. A customer reads a report, not a register: the data export lists them all.
   */
  rows: IncidentRow[];
  /** How many incidents the period concerns (rows lists at most REPORT_LISTED_INCIDENTS). */
  total: number;
  perMonth: MonthlySeverityCounts[];
  /** Open incidents at the end of each week of the period. */
  backlog: BacklogPoint[];
  /**
   * The names of the files attached to each listed incident (uploaded ones, in the order they
   * were attached), by incident id: the report lists them by name only, never their contents.
   */
  attachmentNames: Record<string, string[]>;
}

export interface SlaSection {
  key: 'sla';
  results: SlaResults;
  perMonth: MonthlyResponseOutcomes[];
  responseTimes: ResponseTimeDistribution[];
}

export interface RequestRow {
  requestId: string;
  type: RequestType;
  title: string;
  product: string;
  productVersion: string;
  priority: 'prioritised' | 'normal';
  incidentId: string | null;
  submittedAt: string | null;
  /** Stage at `now`. */
  stage: RequestStage;
  /** Stage at the end of the period. */
  stageAtPeriodEnd: RequestStage | null;
  inProgress: boolean;
  /** Stage changes made in the period, in order. */
  changesInPeriod: DatedStageChange[];
}

export interface RequestsSection {
  key: 'requests';
  signatureReleases: RequestRow[];
  privatePatches: RequestRow[];
  byStage: RequestStageCounts[];
}

export interface HealthCheckFindingRow {
  findingId: string;
  area: string;
  finding: string;
  severity: HealthCheck['findings'][number]['severity'];
  recommendation: string;
  /** The follow-up: open, accepted (agreed, to do), resolved, wont_fix. */
  status: HealthCheck['findings'][number]['status'];
}

export interface HealthCheckRow {
  healthCheckId: string;
  agreedOn: string;
  scheduledDate: string;
  status: HealthCheck['status'];
  completedAt: string | null;
  findings: HealthCheckFindingRow[];
  findingCounts: Record<HealthCheckFindingRow['status'], number>;
}

export interface HealthChecksSection {
  key: 'healthChecks';
  /** Held or scheduled in the period, or with findings still open. */
  checks: HealthCheckRow[];
  next: NextHealthCheck;
}

export interface NextStepsSection {
  key: 'nextSteps';
  steps: NextStep[];
  /** Open incidents left out of `steps` (at most REPORT_LISTED_OPEN_INCIDENTS are listed). */
  moreOpenIncidents: number;
}

export type QuarterlySection =
  | SummarySection
  | IncidentsSection
  | SlaSection
  | RequestsSection
  | HealthChecksSection
  | NextStepsSection;

export interface QuarterlyReport extends ReportHeader {
  kind: 'quarterly';
  period: DatePeriod;
  /** The contract quarter the period is exactly (1-based), else null (a custom period). */
  quarterIndex: number | null;
  /** The calendar quarter the period is exactly, else null: periods are named by their dates and this. */
  calendarQuarter: { year: number; quarter: 1 | 2 | 3 | 4 } | null;
  /** The requested sections, in the requested order. */
  sections: QuarterlySection[];
}

export interface QuarterlyReportInput {
  customer: Customer;
  incidents: readonly Incident[];
  events: readonly TimelineEvent[];
  requests: readonly Request[];
  healthChecks: readonly HealthCheck[];
  reportLog: readonly Report[];
  users: readonly User[];
  /** Local dates of the customer's zone, `to` exclusive (a contract quarter: quarterPeriod()). */
  period: DatePeriod;
  /** Default: QUARTERLY_SECTIONS. Duplicates are dropped. */
  sections?: readonly QuarterlySectionKey[];
  locale: Locale;
  now: string;
  policies?: readonly SupportPolicy[];
  /** The customer's attachment rows (listed by name per incident). */
  attachments?: readonly Attachment[];
}

export function reportHeader(ctx: CustomerContext, users: readonly User[], locale: Locale): ReportHeader {
  const c = ctx.customer;
  const tam = users.find((u) => u.id === c.tamId && !u.deleted);
  return {
    customer: {
      id: c.id,
      nameJa: c.nameJa,
      nameLatin: c.nameLatin,
      tier: c.contractTier,
      supportPolicyId: c.supportPolicyId,
      timeZone: c.calendar.timeZone,
      contractStart: c.contractStart,
      contractEnd: c.contractEnd,
    },
    tam: { id: c.tamId, name: tam?.name ?? null },
    locale,
    generatedAt: ctx.now,
  };
}

interface RequestView {
  request: Request;
  history: DatedStageChange[];
}

const submittedMs = (v: RequestView): number =>
  v.history[0] === undefined ? 0 : parseInstant(v.history[0].at);

function requestRow(view: RequestView, period: DatePeriod): RequestRow {
  const { request, history } = view;
  return {
    requestId: request.id,
    type: request.type,
    title: request.title,
    product: request.product,
    productVersion: request.productVersion,
    priority: request.priority,
    incidentId: request.incidentId,
    submittedAt: history[0]?.at ?? null,
    stage: request.stage,
    stageAtPeriodEnd: stageBefore(history, period.to),
    inProgress: !COMPLETED_STAGES.has(request.stage),
    changesInPeriod: history.filter((h) => inPeriod(h.date, period)),
  };
}

function completedIn(history: readonly DatedStageChange[], period: DatePeriod): boolean {
  const first = history.find((h) => COMPLETED_STAGES.has(h.stage));
  return first !== undefined && inPeriod(first.date, period);
}

function healthCheckRows(
  ctx: CustomerContext,
  healthChecks: readonly HealthCheck[],
  period: DatePeriod,
): HealthCheckRow[] {
  return healthChecks
    .filter((h) => !h.deleted && h.customerId === ctx.customer.id && h.status !== 'cancelled')
    .filter((h) => inPeriod(h.scheduledDate, period) || h.findings.some((f) => isOpenFinding(f.status)))
    .sort((a, b) => (a.scheduledDate < b.scheduledDate ? -1 : a.scheduledDate > b.scheduledDate ? 1 : 0))
    .map((h) => {
      const findingCounts = { open: 0, accepted: 0, resolved: 0, wont_fix: 0 };
      for (const f of h.findings) findingCounts[f.status] += 1;
      return {
        healthCheckId: h.id,
        agreedOn: h.agreedOn,
        scheduledDate: h.scheduledDate,
        status: h.status,
        completedAt: h.completedAt,
        findings: h.findings.map((f) => ({
          findingId: f.id,
          area: f.area,
          finding: f.finding,
          severity: f.severity,
          recommendation: f.recommendation,
          status: f.status,
        })),
        findingCounts,
      };
    });
}

function summarySection(
  facts: readonly IncidentFacts[],
  sla: SlaResults,
  requests: readonly RequestView[],
  checks: readonly HealthCheckRow[],
  period: DatePeriod,
): Omit<SummarySection, 'comparison'> {
  const receivedBySeverity = zeroCounts();
  let resolved = 0;
  let openAtStart = 0;
  let openAtEnd = 0;
  const dayBefore = addDays(period.from, -1);
  const lastDay = addDays(period.to, -1);
  for (const f of facts) {
    if (inPeriod(f.receivedDate, period)) receivedBySeverity[f.incident.severity as Severity] += 1;
    if (f.closedDate !== null && inPeriod(f.closedDate, period)) resolved += 1;
    if (isOpenAtEndOf(f, dayBefore)) openAtStart += 1;
    if (isOpenAtEndOf(f, lastDay)) openAtEnd += 1;
  }
  const requestCounts = Object.fromEntries(
    REQUEST_TYPES.map((type) => {
      const mine = requests.filter((v) => v.request.type === type);
      return [
        type,
        { active: mine.length, completedInPeriod: mine.filter((v) => completedIn(v.history, period)).length },
      ];
    }),
  ) as SummarySection['requests'];
  return {
    key: 'summary',
    incidents: {
      received: receivedBySeverity[1] + receivedBySeverity[2] + receivedBySeverity[3] + receivedBySeverity[4],
      receivedBySeverity,
      resolved,
      openAtStart,
      openAtEnd,
    },
    sla: sla.total,
    requests: requestCounts,
    healthChecks: {
      completedInPeriod: checks.filter((h) => h.status === 'completed' && inPeriod(h.scheduledDate, period))
        .length,
      openFindings: checks.reduce((n, h) => n + h.findingCounts.open + h.findingCounts.accepted, 0),
    },
  };
}

/**
 * Builds the quarterly report of a customer for a period.
 * @throws RangeError on a malformed period or `now`; SlaInputError on an invalid calendar.
 */
/** Uploaded attachments' names per listed incident, in the order they were attached. */
function attachmentNamesOf(
  rows: readonly IncidentRow[],
  attachments: readonly Attachment[],
): Record<string, string[]> {
  const listed = new Set(rows.map((r) => r.incidentId));
  const names: Record<string, string[]> = {};
  const sorted = attachments
    .filter((a) => !a.deleted && a.state === 'uploaded' && a.incidentId !== null && listed.has(a.incidentId))
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  for (const a of sorted) (names[a.incidentId!] ??= []).push(a.fileName);
  return names;
}

export function buildQuarterlyReport(input: QuarterlyReportInput): QuarterlyReport {
  const { period } = input;
  checkPeriod(period);
  const ctx = customerContext(input.customer, input.now, input.policies);
  const facts = incidentFacts(ctx, input.incidents);
  const slaResults = slaResultsFromFacts(ctx, facts, period);
  const requestViews: RequestView[] = customerRequests(ctx, input.requests)
    .map((request) => ({ request, history: datedHistory(ctx, request) }))
    .filter((v) => activeInPeriod(v.history, period))
    .sort((a, b) => submittedMs(a) - submittedMs(b) || a.request.id.localeCompare(b.request.id));
  const checks = healthCheckRows(ctx, input.healthChecks, period);
  const next = nextHealthCheck(ctx, input.healthChecks);
  const schedule = customerQuarterlySchedule(ctx, input.reportLog);
  const quarter = schedule.periods.find((p) => p.start === period.from && p.endExclusive === period.to);

  const build = (key: QuarterlySectionKey): QuarterlySection => {
    switch (key) {
      case 'summary': {
        const current = summarySection(facts, slaResults, requestViews, checks, period);
        // The period before, read from the same facts (as of now) with its own checks and requests.
        const before = previousPeriod(period, schedule);
        const previous = summarySection(
          facts,
          slaResultsFromFacts(ctx, facts, before),
          customerRequests(ctx, input.requests)
            .map((request) => ({ request, history: datedHistory(ctx, request) }))
            .filter((v) => activeInPeriod(v.history, before)),
          healthCheckRows(ctx, input.healthChecks, before),
          before,
        );
        return {
          ...current,
          comparison: {
            previousPeriod: before,
            figures: compareFigures(figuresOfSummary(current), figuresOfSummary(previous)),
          },
        };
      }
      case 'incidents': {
        const all = incidentRowsFromFacts(ctx, facts, input.events, period);
        const rows = mostSignificantIncidents(all);
        return {
          key,
          rows,
          attachmentNames: attachmentNamesOf(rows, input.attachments ?? []),
          total: all.length,
          perMonth: volumeFromFacts(facts, period),
          backlog: backlogFromFacts(facts, period, ctx.today, 'week'),
        };
      }
      case 'sla':
        return {
          key,
          results: slaResults,
          perMonth: outcomesPerMonthFromFacts(facts, period),
          responseTimes: responseTimesFromFacts(ctx, facts, period),
        };
      case 'requests':
        return {
          key,
          signatureReleases: requestViews
            .filter((v) => v.request.type === 'signature_release')
            .map((v) => requestRow(v, period)),
          privatePatches: requestViews
            .filter((v) => v.request.type === 'private_patch')
            .map((v) => requestRow(v, period)),
          byStage: requestStageCounts(ctx, input.requests, period),
        };
      case 'healthChecks':
        return { key, checks, next };
      case 'nextSteps': {
        const openIncidents = openIncidentSteps(facts);
        return {
          key,
          moreOpenIncidents: Math.max(0, openIncidents.length - REPORT_LISTED_OPEN_INCIDENTS),
          steps: [
            ...openIncidents.slice(0, REPORT_LISTED_OPEN_INCIDENTS),
            ...openFindingSteps(ctx, input.healthChecks),
            ...requestSteps(ctx, input.requests),
            ...healthCheckStep(next),
          ],
        };
      }
    }
  };

  return {
    kind: 'quarterly',
    ...reportHeader(ctx, input.users, input.locale),
    period,
    quarterIndex: quarter?.index ?? null,
    calendarQuarter: calendarQuarterOf({ start: period.from, end: addDays(period.to, -1) }),
    sections: [...new Set(input.sections ?? QUARTERLY_SECTIONS)].map(build),
  };
}
