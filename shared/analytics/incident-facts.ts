// One pass over a customer's incidents: for each, what every chart and report needs — local
// dates in the customer's zone, when it stopped being open, its response SLA from the engine,
// the outcome and the moment it counts for, and the response time in the clock's own time.
import { businessTimeBetween, localDateOf, parseInstant, safeComputeResponseSla } from '../sla/index';
import type { ResponseSla } from '../sla/index';
import { CLOSED_INCIDENT_STATUSES } from '../model/entities';
import type { Incident, Severity } from '../model/entities';
import type { CustomerContext } from './context';

export type ResponseOutcomeKind = 'met' | 'missed' | 'breached';

/**
 * How the response SLA ended, and when it counts:
 * - met: answered in time; counts at the answer.
 * - missed: answered late, or closed without an answer after the due time; counts at the due time.
 * - breached: still open, unanswered, past due; counts at the due time.
 * Counting a failure at its due time keeps it in the same month when a breach is later answered.
 */
export interface ResponseOutcome {
  readonly kind: ResponseOutcomeKind;
  readonly at: string;
  /** The customer's local date of `at`. */
  readonly date: string;
}

export interface IncidentFacts {
  readonly incident: Incident;
  readonly receivedMs: number;
  /** The customer's local date of the receipt. */
  readonly receivedDate: string;
  /**
   * When the incident stopped being open: resolvedAt, else (resolved/closed without it) its
   * updatedAt. null while open at `now`; a reopened incident counts as open since its receipt.
   */
  readonly closedMs: number | null;
  readonly closedDate: string | null;
  /** The engine's response SLA at `now`; null when the engine rejects the incident's facts. */
  readonly sla: ResponseSla | null;
  readonly outcome: ResponseOutcome | null;
  /**
   * Time from the clock start to the first answer, in the clock's own time (business ms for a
   * business-clock level); 0 when answered before a deferred clock started; null unanswered.
   */
  readonly responseMs: number | null;
  /** The target of the level in force, in the clock's own ms. */
  readonly targetMs: number | null;
}

const CLOSED: ReadonlySet<string> = new Set(CLOSED_INCIDENT_STATUSES);

export function isOpenStatus(incident: Incident): boolean {
  return !CLOSED.has(incident.status);
}

/** Open at the end of a local date (or at `now` when that day has not ended). */
export function isOpenAtEndOf(facts: IncidentFacts, date: string): boolean {
  return facts.receivedDate <= date && (facts.closedDate === null || facts.closedDate > date);
}

/** The level at receipt (first entry of the history) and the changes that followed. */
export function slaSeverityFacts(incident: Incident): { severity: Severity; changes: Incident['severityHistory'] } {
  const [first, ...changes] = incident.severityHistory;
  return { severity: first?.severity ?? incident.severity, changes };
}

function outcomeOf(ctx: CustomerContext, sla: ResponseSla, incident: Incident, open: boolean): ResponseOutcome | null {
  let kind: ResponseOutcomeKind;
  let at: string;
  if (sla.state === 'met') {
    kind = 'met';
    at = incident.firstResponseAt as string;
  } else if (sla.state === 'missed') {
    kind = 'missed';
    at = sla.dueAt;
  } else if (sla.state === 'breached') {
    kind = open ? 'breached' : 'missed';
    at = sla.dueAt;
  } else {
    return null;
  }
  return { kind, at, date: localDateOf(ctx.calendar, parseInstant(at)) };
}

function responseTime(ctx: CustomerContext, sla: ResponseSla, incident: Incident): number | null {
  if ((sla.state !== 'met' && sla.state !== 'missed') || incident.firstResponseAt === null) return null;
  const start = parseInstant(sla.clockStartAt);
  const answered = parseInstant(incident.firstResponseAt);
  const elapsed = sla.clock === 'business' ? businessTimeBetween(ctx.calendar, start, answered) : answered - start;
  return Math.max(0, elapsed);
}

/** The facts of one incident at `ctx.now`. null for a row no analysis counts (see incidentFacts). */
export function factsOf(ctx: CustomerContext, incident: Incident): IncidentFacts | null {
  if (incident.deleted || incident.customerId !== ctx.customer.id) return null;
  const receivedMs = parseInstant(incident.receivedAt);
  if (Number.isNaN(receivedMs) || receivedMs > ctx.nowMs) return null;

  const open = isOpenStatus(incident);
  let closedMs: number | null = null;
  if (!open) {
    const t = parseInstant(incident.resolvedAt ?? incident.updatedAt);
    // A closure recorded after `now` has not happened yet as of `now`.
    closedMs = Number.isNaN(t) || t > ctx.nowMs ? null : Math.max(t, receivedMs);
  }
  const { severity, changes } = slaSeverityFacts(incident);
  const result = safeComputeResponseSla({
    receivedAt: incident.receivedAt,
    severity,
    severityChanges: changes,
    channel: incident.channel,
    calendar: ctx.calendar,
    policy: ctx.policy,
    firstResponseAt: incident.firstResponseAt,
    now: ctx.now,
  });
  const sla = result.ok ? result.value : null;
  const stillOpen = closedMs === null;
  return {
    incident,
    receivedMs,
    receivedDate: localDateOf(ctx.calendar, receivedMs),
    closedMs,
    closedDate: closedMs === null ? null : localDateOf(ctx.calendar, closedMs),
    sla,
    outcome: sla === null ? null : outcomeOf(ctx, sla, incident, stillOpen),
    responseMs: sla === null ? null : responseTime(ctx, sla, incident),
    targetMs: sla === null ? null : ctx.policy.targets[sla.severity].minutes * 60_000,
  };
}

/**
 * The facts of a customer's incidents, in input order. Left out: tombstones, other customers'
 * rows, incidents received after `now` and rows whose receipt time is not an instant.
 */
export function incidentFacts(ctx: CustomerContext, incidents: readonly Incident[]): IncidentFacts[] {
  const out: IncidentFacts[] = [];
  for (const incident of incidents) {
    const facts = factsOf(ctx, incident);
    if (facts !== null) out.push(facts);
  }
  return out;
}
