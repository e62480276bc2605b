// The daily report of one open level-1 incident as a document model: status, response SLA,
// what happened since the last daily report (from the report log), next steps.
import { dailyReportStatus, formatInstant, parseInstant } from '../../sla/index';
import type { DailyReportStatus, DeferralReason, SlaClock, SlaState, SupportPolicy } from '../../sla/index';
import type {
  Channel,
  Customer,
  Incident,
  IncidentStatus,
  Locale,
  Report,
  Request,
  RequestStage,
  RequestType,
  Severity,
  TimelineEvent,
  TimelineKind,
  User,
} from '../../model/entities';
import { customerContext } from '../../analytics/context';
import { factsOf } from '../../analytics/incident-facts';
import type { ResponseOutcomeKind } from '../../analytics/incident-facts';
import { requestSteps } from '../quarterly/next-steps';
import { addDays } from '../../analytics/period';
import { reportHeader } from '../quarterly/report';
import type { ReportHeader } from '../quarterly/report';

export interface TimelineRow {
  eventId: string;
  kind: TimelineKind;
  at: string;
  authorId: string;
  authorName: string | null;
  body: string;
  isAnswer: boolean;
}

export type DailyNextStep =
  /** Unanswered: the answer is due at dueAt. */
  | { kind: 'answer_due'; dueAt: string; slaState: SlaState }
  /** Unanswered and at risk or breached: the duty manager is involved (docs/domain.md). */
  | { kind: 'duty_manager_escalation'; slaState: 'at_risk' | 'breached' }
  | { kind: 'awaiting_customer' }
  | { kind: 'investigation_continues' }
  /** Resolved, not yet closed: the customer confirms the resolution. */
  | { kind: 'confirm_resolution' }
  /** While open, the next daily report is owed on this local date. */
  | { kind: 'next_daily_report'; date: string }
  | { kind: 'request_in_progress'; requestId: string; type: RequestType; stage: RequestStage; title: string };

export interface DailyCriticalReport extends ReportHeader {
  kind: 'daily_critical';
  /** The customer's local date the report is about. */
  date: string;
  incident: {
    id: string;
    title: string;
    severity: Severity;
    status: IncidentStatus;
    channel: Channel;
    receivedAt: string;
    firstResponseAt: string | null;
    resolvedAt: string | null;
    open: boolean;
    /** Calendar ms from receipt to `now` (or to the closure). */
    openForMs: number;
  };
  sla: {
    state: SlaState;
    outcome: ResponseOutcomeKind | null;
    severity: Severity;
    clock: SlaClock;
    clockStartAt: string;
    deferredReason: DeferralReason | null;
    dueAt: string;
    /** The engine's remaining time while unanswered (negative past due); null once answered. */
    remainingMs: number | null;
    responseMs: number | null;
    targetMs: number;
  } | null;
  dailyReport: {
    /** This report is the n-th daily report of the incident. */
    sequence: number;
    /** The engine's status of today's report; null once the incident is closed. */
    status: DailyReportStatus | null;
    dueBy: string | null;
    previous: { sentAt: string; via: 'email' | 'phone' } | null;
  };
  timeline: {
    /** The last daily report's sentAt, else the receipt. */
    since: string;
    sinceLastReport: boolean;
    /** Customer-visible entries after `since` up to `now`, in time order. */
    events: TimelineRow[];
  };
  nextSteps: DailyNextStep[];
}

export interface DailyCriticalReportInput {
  customer: Customer;
  incident: Incident;
  events: readonly TimelineEvent[];
  reportLog: readonly Report[];
  users: readonly User[];
  /** Requests linked to the incident appear in the next steps. */
  requests?: readonly Request[];
  locale: Locale;
  now: string;
  policies?: readonly SupportPolicy[];
  /** Local time after which today's report is overdue (engine default '18:00'). */
  cutoff?: string;
}

/**
 * Builds today's daily report of a level-1 incident.
 * @throws RangeError when the incident is not a live level-1 incident of the customer received by `now`.
 */
export function buildDailyCriticalReport(input: DailyCriticalReportInput): DailyCriticalReport {
  const { incident } = input;
  const ctx = customerContext(input.customer, input.now, input.policies);
  if (incident.severity !== 1)
    throw new RangeError(
      `Daily reports are for level-1 incidents; ${incident.id} is level ${incident.severity}`,
    );
  const facts = factsOf(ctx, incident);
  if (facts === null)
    throw new RangeError(
      `Incident ${incident.id} is deleted, of another customer, or received after ${input.now}`,
    );
  const open = facts.closedMs === null;

  const daily = input.reportLog
    .filter(
      (r) =>
        !r.deleted &&
        r.kind === 'daily' &&
        r.incidentId === incident.id &&
        parseInstant(r.sentAt) <= ctx.nowMs,
    )
    .sort((a, b) => parseInstant(a.sentAt) - parseInstant(b.sentAt));
  const previous = daily[daily.length - 1];
  const [today] = dailyReportStatus({
    calendar: ctx.calendar,
    incidents: [
      {
        incidentId: incident.id,
        severity: 1,
        receivedAt: incident.receivedAt,
        closedAt: facts.closedMs === null ? null : formatInstant(facts.closedMs, 0),
      },
    ],
    log: daily.map((r) => ({
      kind: 'daily' as const,
      incidentId: incident.id,
      sentAt: r.sentAt,
      via: r.via,
    })),
    now: ctx.now,
    ...(input.cutoff === undefined ? {} : { cutoff: input.cutoff }),
  });

  const sinceMs = previous === undefined ? facts.receivedMs : parseInstant(previous.sentAt);
  const names = new Map(input.users.map((u) => [u.id, u.name]));
  const events = input.events
    .map((e) => ({ e, ms: parseInstant(e.at) }))
    .filter(({ e, ms }) => {
      if (e.deleted || e.incidentId !== incident.id || e.visibility !== 'customer' || !(ms <= ctx.nowMs))
        return false;
      // After the last report strictly (its own report_sent entry is not news); from the receipt inclusive.
      return previous === undefined ? ms >= sinceMs : ms > sinceMs;
    })
    .sort((a, b) => a.ms - b.ms)
    .map(({ e }) => ({
      eventId: e.id,
      kind: e.kind,
      at: e.at,
      authorId: e.authorId,
      authorName: names.get(e.authorId) ?? null,
      body: e.body,
      isAnswer: e.isAnswer,
    }));

  const sla = facts.sla;
  const steps: DailyNextStep[] = [];
  if (open) {
    if (sla !== null && sla.remainingMs !== null) {
      steps.push({ kind: 'answer_due', dueAt: sla.dueAt, slaState: sla.state });
      if (sla.state === 'at_risk' || sla.state === 'breached')
        steps.push({ kind: 'duty_manager_escalation', slaState: sla.state });
    }
    if (incident.status === 'waiting_customer') steps.push({ kind: 'awaiting_customer' });
    else steps.push({ kind: 'investigation_continues' });
    for (const step of requestSteps(ctx, input.requests ?? [], incident.id)) {
      if (step.kind === 'request_in_progress') steps.push(step);
    }
    steps.push({ kind: 'next_daily_report', date: addDays(ctx.today, 1) });
  } else if (incident.status === 'resolved') {
    steps.push({ kind: 'confirm_resolution' });
  }

  return {
    kind: 'daily_critical',
    ...reportHeader(ctx, input.users, input.locale),
    date: ctx.today,
    incident: {
      id: incident.id,
      title: incident.title,
      severity: incident.severity,
      status: incident.status,
      channel: incident.channel,
      receivedAt: incident.receivedAt,
      firstResponseAt: incident.firstResponseAt,
      resolvedAt: incident.resolvedAt,
      open,
      openForMs: (facts.closedMs ?? ctx.nowMs) - facts.receivedMs,
    },
    sla:
      sla === null
        ? null
        : {
            state: sla.state,
            outcome: facts.outcome?.kind ?? null,
            severity: sla.severity,
            clock: sla.clock,
            clockStartAt: sla.clockStartAt,
            deferredReason: sla.deferred?.reason ?? null,
            dueAt: sla.dueAt,
            remainingMs: sla.remainingMs,
            responseMs: facts.responseMs,
            targetMs: facts.targetMs as number,
          },
    dailyReport: {
      sequence: daily.length + 1,
      status: today?.status ?? null,
      dueBy: today?.dueBy ?? null,
      previous: previous === undefined ? null : { sentAt: previous.sentAt, via: previous.via },
    },
    timeline: {
      since: previous?.sentAt ?? incident.receivedAt,
      sinceLastReport: previous !== undefined,
      events,
    },
    nextSteps: steps,
  };
}
