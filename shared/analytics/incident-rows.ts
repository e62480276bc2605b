// The incident table of reports and exports: one row per incident with its SLA as computed
// by the engine and its response time, raw values only (the renderer formats them).
import type { DeferralReason, SlaClock, SlaState, SupportPolicy } from '../sla/index';
import { parseInstant } from '../sla/index';
import type { Channel, Customer, Incident, IncidentStatus, Severity, TimelineEvent } from '../model/entities';
import { customerContext } from './context';
import type { CustomerContext } from './context';
import { incidentFacts, isOpenAtEndOf } from './incident-facts';
import type { IncidentFacts, ResponseOutcomeKind } from './incident-facts';
import { addDays, checkPeriod, inPeriod } from './period';
import type { DatePeriod } from './period';

export interface IncidentRow {
  incidentId: string;
  title: string;
  /** The current level. */
  severity: Severity;
  /** The level the response SLA ran under (the last change before the first answer). */
  slaSeverity: Severity | null;
  channel: Channel;
  status: IncidentStatus;
  receivedAt: string;
  clockStartAt: string | null;
  deferredReason: DeferralReason | null;
  dueAt: string | null;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  /** The engine's state at `now`; null when the engine rejected the incident's facts. */
  slaState: SlaState | null;
  outcome: ResponseOutcomeKind | null;
  clock: SlaClock | null;
  targetMs: number | null;
  /** In the clock's own time (business ms for business-clock levels); null unanswered. */
  responseMs: number | null;
  /** The latest customer-visible timeline entry up to `now`. */
  lastCustomerUpdateAt: string | null;
}

/** Latest customer-visible event per incident (events after `now` left out). */
export function lastCustomerUpdates(
  events: readonly TimelineEvent[],
  nowMs: number,
): Map<string, { at: string; ms: number }> {
  const latest = new Map<string, { at: string; ms: number }>();
  for (const e of events) {
    if (e.deleted || e.visibility !== 'customer') continue;
    const ms = parseInstant(e.at);
    if (Number.isNaN(ms) || ms > nowMs) continue;
    const prev = latest.get(e.incidentId);
    if (prev === undefined || ms > prev.ms) latest.set(e.incidentId, { at: e.at, ms });
  }
  return latest;
}

/** Received in the period, or still open when it started (carried over from before). */
export function relevantToPeriod(f: IncidentFacts, period: DatePeriod): boolean {
  return (
    inPeriod(f.receivedDate, period) ||
    (f.receivedDate < period.from && isOpenAtEndOf(f, addDays(period.from, -1)))
  );
}

export function incidentRow(f: IncidentFacts, lastUpdate: string | null): IncidentRow {
  const { incident, sla } = f;
  return {
    incidentId: incident.id,
    title: incident.title,
    severity: incident.severity,
    slaSeverity: sla?.severity ?? null,
    channel: incident.channel,
    status: incident.status,
    receivedAt: incident.receivedAt,
    clockStartAt: sla?.clockStartAt ?? null,
    deferredReason: sla?.deferred?.reason ?? null,
    dueAt: sla?.dueAt ?? null,
    firstResponseAt: incident.firstResponseAt,
    resolvedAt: incident.resolvedAt,
    slaState: sla?.state ?? null,
    outcome: f.outcome?.kind ?? null,
    clock: sla?.clock ?? null,
    targetMs: f.targetMs,
    responseMs: f.responseMs,
    lastCustomerUpdateAt: lastUpdate,
  };
}

/** Rows in receipt order (ties by id), optionally only those relevant to a period. */
export function incidentRowsFromFacts(
  ctx: CustomerContext,
  facts: readonly IncidentFacts[],
  events: readonly TimelineEvent[],
  period: DatePeriod | null,
): IncidentRow[] {
  const updates = lastCustomerUpdates(events, ctx.nowMs);
  return facts
    .filter((f) => period === null || relevantToPeriod(f, period))
    .sort(
      (a, b) =>
        a.receivedMs - b.receivedMs ||
        (a.incident.id < b.incident.id ? -1 : a.incident.id > b.incident.id ? 1 : 0),
    )
    .map((f) => incidentRow(f, updates.get(f.incident.id)?.at ?? null));
}

export interface IncidentRowsInput {
  customer: Customer;
  incidents: readonly Incident[];
  events?: readonly TimelineEvent[];
  /** When given, only incidents received in it or open when it started. */
  period?: DatePeriod;
  now: string;
  policies?: readonly SupportPolicy[];
}

/** The incident table (for a report, a list screen or an export). */
export function incidentRows(input: IncidentRowsInput): IncidentRow[] {
  if (input.period !== undefined) checkPeriod(input.period);
  const ctx = customerContext(input.customer, input.now, input.policies);
  return incidentRowsFromFacts(
    ctx,
    incidentFacts(ctx, input.incidents),
    input.events ?? [],
    input.period ?? null,
  );
}
