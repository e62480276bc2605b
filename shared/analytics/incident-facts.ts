// One pass over a customer's incidents: for each, what every chart and report needs — local
// dates in the customer's zone, when it stopped being open, its response SLA from the engine,
// the outcome and the moment it counts for, and the response time in the clock's own time.
import { businessTimeBetween, localDateOf, parseInstant, safeComputeResponseSla } from '../sla/index';
import type { ResponseSla } from '../sla/index';
import { isOpenStatus, responseSlaInput } from '../incidents/index';
import type { Incident } from '../model/entities';
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

/** Open at the end of a local date (or at `now` when that day has not ended). */
export function isOpenAtEndOf(facts: IncidentFacts, date: string): boolean {
  return facts.receivedDate <= date && (facts.closedDate === null || facts.closedDate > date);
}

/** Outcome and response time from the engine's result; instants parsed once each. */
function settle(
  ctx: CustomerContext,
  sla: ResponseSla,
  incident: Incident,
  receivedMs: number,
  open: boolean,
): Pick<IncidentFacts, 'outcome' | 'responseMs'> {
  const state = sla.state;
  if (state === 'running' || state === 'at_risk') return { outcome: null, responseMs: null };
  if (state === 'breached') {
    const at = sla.dueAt;
    return {
      outcome: { kind: open ? 'breached' : 'missed', at, date: localDateOf(ctx.calendar, parseInstant(at)) },
      responseMs: null,
    };
  }
  // met or missed: the engine saw the first answer.
  const answeredAt = incident.firstResponseAt as string;
  const answeredMs = parseInstant(answeredAt);
  const startMs = sla.deferred === null ? receivedMs : parseInstant(sla.clockStartAt);
  const elapsed =
    sla.clock === 'business' ? businessTimeBetween(ctx.calendar, startMs, answeredMs) : answeredMs - startMs;
  const at = state === 'met' ? answeredAt : sla.dueAt;
  const atMs = state === 'met' ? answeredMs : parseInstant(at);
  return {
    outcome: { kind: state, at, date: localDateOf(ctx.calendar, atMs) },
    responseMs: Math.max(0, elapsed),
  };
}

/**
 * The facts of one incident at `ctx.now`; null for a row no analysis counts (see incidentFacts).
 * `withSla: false` skips the SLA engine (sla, outcome and times stay null) for the series that
 * only count receipts and closures: the engine is most of the cost of a pass.
 */
export function factsOf(ctx: CustomerContext, incident: Incident, withSla = true): IncidentFacts | null {
  if (incident.deleted || incident.customerId !== ctx.customer.id) return null;
  const receivedMs = parseInstant(incident.receivedAt);
  if (Number.isNaN(receivedMs) || receivedMs > ctx.nowMs) return null;

  const open = isOpenStatus(incident.status);
  let closedMs: number | null = null;
  if (!open) {
    const t = parseInstant(incident.resolvedAt ?? incident.updatedAt);
    // A closure recorded after `now` has not happened yet as of `now`.
    closedMs = Number.isNaN(t) || t > ctx.nowMs ? null : Math.max(t, receivedMs);
  }
  const receivedDate = localDateOf(ctx.calendar, receivedMs);
  const closedDate = closedMs === null ? null : localDateOf(ctx.calendar, closedMs);
  const result = withSla
    ? safeComputeResponseSla(responseSlaInput(incident, ctx.calendar, ctx.policy, ctx.now))
    : null;
  if (result === null || !result.ok) {
    // Counted by receipt and closure only: without the engine, or when it refuses the row.
    return {
      incident,
      receivedMs,
      receivedDate,
      closedMs,
      closedDate,
      sla: null,
      outcome: null,
      responseMs: null,
      targetMs: null,
    };
  }
  const sla = result.value;
  return {
    incident,
    receivedMs,
    receivedDate,
    closedMs,
    closedDate,
    sla,
    ...settle(ctx, sla, incident, receivedMs, closedMs === null),
    targetMs: ctx.policy.targets[sla.severity].minutes * 60_000,
  };
}

/**
 * The facts of a customer's incidents, in input order. Left out: tombstones, other customers'
 * rows, incidents received after `now` and rows whose receipt time is not an instant.
 */
export function incidentFacts(
  ctx: CustomerContext,
  incidents: readonly Incident[],
  withSla = true,
): IncidentFacts[] {
  const out: IncidentFacts[] = [];
  for (const incident of incidents) {
    const facts = factsOf(ctx, incident, withSla);
    if (facts !== null) out.push(facts);
  }
  return out;
}
