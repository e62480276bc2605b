// The response SLA of one incident, computed from its facts: receipt time and channel,
// severity history, first answer, the customer's calendar and the support policy. Nothing
// here is stored: both the app and the server recompute it whenever they need it.
import { MINUTE_MS } from './civil';
import { issuesFromZod, SlaInputError } from './errors';
import type { SlaIssue } from './errors';
import {
  addBusinessTimeCompiled,
  businessTimeBetweenCompiled,
  compileCalendar,
  isOpenCompiled,
  nextOpeningCompiled,
  zoneOffsetAt,
} from './business-time';
import type { CompiledCalendar } from './business-time';
import { formatInstant, parseInstant } from './instant';
import { MSA_ENTERPRISE_POLICY, SupportPolicySchema } from './policy';
import type { SlaClock, SupportPolicy } from './policy';
import { ResponseSlaFactsSchema } from './schemas';
import type { Calendar, Channel, Severity, SeverityChange } from './schemas';

export type SlaState = 'running' | 'at_risk' | 'breached' | 'met' | 'missed';

export type DeferralReason =
  /** A calendar-clock level (1/2) received out of hours through a channel other than phone. */
  | 'out_of_hours_non_phone'
  /** A business-clock level (3/4) received out of hours. */
  | 'out_of_hours_business_clock';

export interface ResponseSlaRequest {
  receivedAt: string;
  severity: Severity;
  channel: Channel;
  calendar: Calendar;
  policy?: SupportPolicy | undefined;
  severityChanges?: readonly SeverityChange[] | undefined;
  firstResponseAt?: string | null | undefined;
  now: string;
}

export interface ResponseSla {
  /** When the clock started: the receipt, or the next opening when deferred. */
  clockStartAt: string;
  dueAt: string;
  state: SlaState;
  /**
   * Time left in the clock's own time (business ms for a business clock). Negative once
   * breached: how far past due, in the same time. null once settled (met or missed).
   */
  remainingMs: number | null;
  /** Why the clock started later than the receipt; null when it started at receipt. */
  deferred: { reason: DeferralReason; until: string } | null;
  /** The level in force: the latest change before the first response and not after `now`. */
  severity: Severity;
  clock: SlaClock;
}

const validatedPolicies = new WeakSet<object>([MSA_ENTERPRISE_POLICY]);

function checkPolicy(policy: unknown): SupportPolicy {
  if (policy === undefined) return MSA_ENTERPRISE_POLICY;
  if (typeof policy === 'object' && policy !== null && validatedPolicies.has(policy))
    return policy as SupportPolicy;
  const parsed = SupportPolicySchema.safeParse(policy);
  if (!parsed.success) throw new SlaInputError(issuesFromZod(parsed.error, 'policy'), 'policy');
  validatedPolicies.add(policy as object);
  return policy as SupportPolicy;
}

/** The level in force: changes at or before `now` and strictly before the first response. */
function effectiveSeverity(
  initial: Severity,
  changes: readonly SeverityChange[] | undefined,
  now: number,
  respondedAt: number | null,
): Severity {
  if (changes === undefined || changes.length === 0) return initial;
  let severity = initial;
  let latest = -Infinity;
  for (const c of changes) {
    const at = parseInstant(c.at);
    if (at > now || (respondedAt !== null && at >= respondedAt)) continue;
    // Ties keep list order: the later entry wins.
    if (at >= latest) {
      latest = at;
      severity = c.severity;
    }
  }
  return severity;
}

/** Core computation on epoch ms; the caller has validated everything. */
export function computeResponseSlaCompiled(
  cal: CompiledCalendar,
  policy: SupportPolicy,
  receivedAt: number,
  severity: Severity,
  channel: Channel,
  respondedAt: number | null,
  now: number,
): ResponseSla {
  const target = policy.targets[severity];
  const targetMs = target.minutes * MINUTE_MS;
  const business = target.clock === 'business';

  let start = receivedAt;
  let reason: DeferralReason | null = null;
  if (business || (channel !== 'phone' && policy.outOfHoursNonPhoneDeferral)) {
    if (!isOpenCompiled(cal, receivedAt)) {
      start = nextOpeningCompiled(cal, receivedAt);
      reason = business ? 'out_of_hours_business_clock' : 'out_of_hours_non_phone';
    }
  }
  const due = business ? addBusinessTimeCompiled(cal, start, targetMs) : start + targetMs;

  let state: SlaState;
  let remainingMs: number | null;
  if (respondedAt !== null) {
    state = respondedAt <= due ? 'met' : 'missed';
    remainingMs = null;
  } else {
    const from = now > start ? now : start;
    remainingMs = business ? businessTimeBetweenCompiled(cal, from, due) : due - from;
    if (now >= due) state = 'breached';
    else if (remainingMs < policy.atRiskFraction * targetMs) state = 'at_risk';
    else state = 'running';
  }

  const startIso = formatInstant(start, zoneOffsetAt(cal, start));
  return {
    clockStartAt: startIso,
    dueAt: formatInstant(due, zoneOffsetAt(cal, due)),
    state,
    remainingMs,
    deferred: reason === null ? null : { reason, until: startIso },
    severity,
    clock: target.clock,
  };
}

const CHANNELS: ReadonlySet<unknown> = new Set(['portal', 'phone', 'email', 'tam']);
const isSeverity = (v: unknown): v is Severity => v === 1 || v === 2 || v === 3 || v === 4;

/** Shape of the severity changes (instants and levels); the facts' instants are checked inline. */
function changesLookValid(changes: unknown): boolean {
  if (changes === undefined) return true;
  if (!Array.isArray(changes)) return false;
  for (const c of changes as unknown[]) {
    if (typeof c !== 'object' || c === null) return false;
    const { at, severity } = c as Record<string, unknown>;
    if (typeof at !== 'string' || Number.isNaN(parseInstant(at)) || !isSeverity(severity)) return false;
  }
  return true;
}

function describeInvalidFacts(input: ResponseSlaRequest): SlaIssue[] {
  const parsed = ResponseSlaFactsSchema.safeParse(input);
  if (!parsed.success) return issuesFromZod(parsed.error);
  return [{ path: '', code: 'invalid_input', message: 'The SLA input is malformed' }];
}

/**
 * Computes an incident's response SLA as of `input.now`.
 *
 * Facts later than `now` are ignored: a severity change after `now`, and a first response
 * after `now` (the incident is evaluated as it stood at `now`).
 *
 * @throws SlaInputError (with `issues`) when the input is invalid. Use safeComputeResponseSla
 * for an error value instead.
 */
export function computeResponseSla(input: ResponseSlaRequest): ResponseSla {
  // A hand-written check equivalent to ResponseSlaFactsSchema, parsing each instant once: zod on
  // every call would cost more than the computation. The schema runs only to describe a failure.
  if (typeof input !== 'object' || input === null) throw new SlaInputError(describeInvalidFacts(input));
  const receivedAt = parseInstant(input.receivedAt);
  const now = parseInstant(input.now);
  const responded = input.firstResponseAt == null ? null : parseInstant(input.firstResponseAt);
  if (
    Number.isNaN(receivedAt) ||
    Number.isNaN(now) ||
    (responded !== null && !(responded >= receivedAt)) ||
    !isSeverity(input.severity) ||
    !CHANNELS.has(input.channel) ||
    !changesLookValid(input.severityChanges)
  ) {
    throw new SlaInputError(describeInvalidFacts(input));
  }
  const cal = compileCalendar(input.calendar);
  const policy = checkPolicy(input.policy);
  const respondedAt = responded !== null && responded <= now ? responded : null;
  const severity = effectiveSeverity(input.severity, input.severityChanges, now, respondedAt);
  return computeResponseSlaCompiled(cal, policy, receivedAt, severity, input.channel, respondedAt, now);
}

export type SafeResult<T> = { ok: true; value: T } | { ok: false; error: SlaInputError };

/** computeResponseSla returning invalid input as a value instead of throwing. */
export function safeComputeResponseSla(input: ResponseSlaRequest): SafeResult<ResponseSla> {
  try {
    return { ok: true, value: computeResponseSla(input) };
  } catch (e) {
    if (e instanceof SlaInputError) return { ok: false, error: e };
    throw e;
  }
}
