// Which open incident needs the TAM first. The order (docs/domain.md, "Response-time guarantees"
// and "Coverage"): breached, then at risk, then running by least time left; settled incidents
// (met or missed: nothing left to win) last. On a tie, MSA Enterprise before standard.
//
// "Time left" is compared as the due INSTANT (earliest first), not as the engine's
// `remainingMs`: a business-clock level counts business ms while a calendar-clock level counts
// wall-clock ms, so only the due instants are comparable across levels. For a breached
// incident the earliest due is the most overdue one.
//
// How a live list uses this without recomputing 100,000 SLAs every second:
//   - `urgencyFactsOf` is the per-incident input (memoise it per incident row version).
//   - `urgencyProfileOf` runs the SLA engine ONCE per facts and returns the instants at which
//     the incident's state changes (at risk from, breached at). Those instants do not move with
//     time; only the facts move them.
//   - `urgencyStateAt` is then O(1) for any `now`, `sortByUrgency` sorts on it, and
//     `nextStateChangeAt` says when the order can next change: a view re-sorts exactly then
//     (or when the facts change), never on a timer. The per-second countdown of a visible row
//     comes from `slaAt` (the engine itself), which agrees with the profile.
import type { Customer, Incident, ContractTier } from '../model/entities';
import { severityFactsOf } from '../incidents/sla-input';
import {
  addBusinessTime,
  computeResponseSla,
  nextOpening,
  parseInstant,
  policyOfCustomer,
} from '../sla/index';
import type { Calendar, ResponseSla, SlaState, SupportPolicy } from '../sla/index';

/** Everything the SLA of one incident depends on (memoise per incident and customer version). */
export interface UrgencyFacts {
  incidentId: string;
  receivedAt: string;
  /** The level at receipt (the history holds the changes that count). */
  severity: Incident['severity'];
  channel: Incident['channel'];
  severityChanges: ReadonlyArray<{ at: string; severity: Incident['severity'] }>;
  firstResponseAt: string | null;
  calendar: Calendar;
  policy: SupportPolicy;
  tier: ContractTier;
}

export function urgencyFactsOf(
  incident: Pick<
    Incident,
    'id' | 'receivedAt' | 'severity' | 'channel' | 'severityHistory' | 'firstResponseAt'
  >,
  customer: Pick<Customer, 'calendar' | 'contractTier' | 'supportPolicyId'>,
  policies?: readonly SupportPolicy[],
): UrgencyFacts {
  const { severity, severityChanges } = severityFactsOf(incident);
  return {
    incidentId: incident.id,
    receivedAt: incident.receivedAt,
    severity,
    channel: incident.channel,
    severityChanges: severityChanges ?? [],
    firstResponseAt: incident.firstResponseAt,
    calendar: customer.calendar,
    policy: policyOfCustomer(customer, policies),
    tier: customer.contractTier,
  };
}

const toIso = (now: number | string): string => (typeof now === 'string' ? now : new Date(now).toISOString());

/** The incident's response SLA at `now`, from the SLA engine. Throws SlaInputError on bad facts. */
export function slaAt(facts: UrgencyFacts, now: number | string): ResponseSla {
  return computeResponseSla({
    receivedAt: facts.receivedAt,
    severity: facts.severity,
    channel: facts.channel,
    calendar: facts.calendar,
    policy: facts.policy,
    severityChanges: facts.severityChanges,
    firstResponseAt: facts.firstResponseAt,
    now: toIso(now),
  });
}

/** When an incident's state changes; computed once per facts. */
export interface UrgencyProfile {
  incidentId: string;
  tier: ContractTier;
  receivedMs: number;
  /** The due instant (epoch ms). */
  dueMs: number;
  /** First instant at which the incident counts as at risk (<= dueMs). */
  atRiskFromMs: number;
  /** The first answer (settles the SLA from then on); null while unanswered. */
  settledFromMs: number | null;
  /** The settled outcome, when answered. */
  settledState: 'met' | 'missed' | null;
  /** The engine refused the facts (a malformed calendar, say): listed last, state unknown. */
  invalid: boolean;
}

/** Order of the states on the Today list: lower first. */
export const STATE_RANK: Record<SlaState | 'invalid', number> = {
  breached: 0,
  at_risk: 1,
  running: 2,
  missed: 3,
  met: 3,
  invalid: 4,
};

const TIER_RANK: Record<ContractTier, number> = { msa_enterprise: 0, standard: 1 };

function stateOf(facts: UrgencyFacts, t: number): SlaState {
  return slaAt(facts, t).state;
}

/** The first ms at which the unanswered incident is at risk, verified with the engine. */
function atRiskFrom(facts: UrgencyFacts, sla: ResponseSla, dueMs: number): number {
  const policy = facts.policy;
  const targetMs = policy.targets[sla.severity].minutes * 60_000;
  const riskMs = policy.atRiskFraction * targetMs;
  let candidate: number;
  if (sla.clock === 'calendar') {
    // remaining = due - now < riskMs  <=>  now > due - riskMs
    candidate = Math.floor(dueMs - riskMs) + 1;
  } else {
    // Business clock: remaining equals riskMs once (target - riskMs) of business time has run
    // from the clock start; it drops below from the next open ms after that.
    const start = parseInstant(sla.clockStartAt);
    const reached = addBusinessTime(facts.calendar, start, Math.ceil(targetMs - riskMs));
    candidate = nextOpening(facts.calendar, reached) + 1;
  }
  candidate = Math.min(Math.max(candidate, parseInstant(sla.clockStartAt)), dueMs);
  // The engine is the authority: step forward over rounding (a few ms at most), never past due.
  for (let i = 0; i < 4 && candidate < dueMs; i++) {
    const s = stateOf(facts, candidate);
    if (s === 'at_risk' || s === 'breached') return candidate;
    candidate += 1;
  }
  return candidate < dueMs && stateOf(facts, candidate) === 'running' ? dueMs : candidate;
}

/**
 * The instants at which the incident's state changes, from the facts as they stand at `now`
 * (severity changes after `now` are not counted yet; recompute when the facts change).
 */
export function urgencyProfileOf(facts: UrgencyFacts, now: number | string): UrgencyProfile {
  const receivedMs = parseInstant(facts.receivedAt);
  const base = { incidentId: facts.incidentId, tier: facts.tier, receivedMs };
  let sla: ResponseSla;
  try {
    sla = slaAt(facts, now);
  } catch {
    return {
      ...base,
      dueMs: Infinity,
      atRiskFromMs: Infinity,
      settledFromMs: null,
      settledState: null,
      invalid: true,
    };
  }
  const dueMs = parseInstant(sla.dueAt);
  if (facts.firstResponseAt !== null) {
    const answered = parseInstant(facts.firstResponseAt);
    // Evaluated at the answer itself: met or missed, whatever `now` is.
    const settled = slaAt(facts, answered).state === 'met' ? 'met' : 'missed';
    const nowMs = typeof now === 'string' ? parseInstant(now) : now;
    if (answered <= nowMs) {
      return {
        ...base,
        dueMs,
        atRiskFromMs: dueMs,
        settledFromMs: answered,
        settledState: settled,
        invalid: false,
      };
    }
    // An answer recorded ahead of the clock (device skew): unanswered until then.
    return {
      ...base,
      dueMs,
      atRiskFromMs: atRiskFrom(facts, sla, dueMs),
      settledFromMs: answered,
      settledState: settled,
      invalid: false,
    };
  }
  return {
    ...base,
    dueMs,
    atRiskFromMs: atRiskFrom(facts, sla, dueMs),
    settledFromMs: null,
    settledState: null,
    invalid: false,
  };
}

/** The incident's state at `nowMs`, from its profile (O(1)). */
export function urgencyStateAt(p: UrgencyProfile, nowMs: number): SlaState | 'invalid' {
  if (p.invalid) return 'invalid';
  if (p.settledFromMs !== null && p.settledFromMs <= nowMs) return p.settledState ?? 'met';
  if (nowMs >= p.dueMs) return 'breached';
  if (nowMs >= p.atRiskFromMs) return 'at_risk';
  return 'running';
}

function compareRanked(a: UrgencyProfile, ra: number, b: UrgencyProfile, rb: number): number {
  if (ra !== rb) return ra - rb;
  // Settled incidents have nothing left to win: no time order between them.
  if (ra < STATE_RANK.met && a.dueMs !== b.dueMs) return a.dueMs - b.dueMs;
  if (a.tier !== b.tier) return TIER_RANK[a.tier] - TIER_RANK[b.tier];
  if (a.receivedMs !== b.receivedMs) return a.receivedMs - b.receivedMs;
  return a.incidentId < b.incidentId ? -1 : a.incidentId > b.incidentId ? 1 : 0;
}

/** Compares two incidents by urgency at `nowMs`: negative when `a` comes first. */
export function compareUrgency(a: UrgencyProfile, b: UrgencyProfile, nowMs: number): number {
  return compareRanked(a, STATE_RANK[urgencyStateAt(a, nowMs)], b, STATE_RANK[urgencyStateAt(b, nowMs)]);
}

/** The profiles in urgency order at `nowMs` (a new array; each state is evaluated once). */
export function sortByUrgency<P extends UrgencyProfile>(profiles: readonly P[], nowMs: number): P[] {
  const ranked = profiles.map((p) => ({ p, r: STATE_RANK[urgencyStateAt(p, nowMs)] }));
  ranked.sort((a, b) => compareRanked(a.p, a.r, b.p, b.r));
  return ranked.map((x) => x.p);
}

/**
 * The first rows of the urgency order at `nowMs` when only some open incidents are known:
 * every incident NOT among `profiles` must have been received at or after `boundMs` (read
 * oldest-first through an index up to there). A due instant is never before the receipt, so
 * an incident breached at `nowMs` and due before `boundMs` comes before every unknown one
 * (which is either due later, or not breached); those are returned, in urgency order: exactly
 * how the full list at `nowMs` begins. Empty when no row is certain yet.
 */
export function urgentPrefix<P extends UrgencyProfile>(
  profiles: readonly P[],
  nowMs: number,
  boundMs: number,
): P[] {
  return sortByUrgency(
    profiles.filter((p) => p.dueMs < boundMs && urgencyStateAt(p, nowMs) === 'breached'),
    nowMs,
  );
}

/**
 * The next instant after `nowMs` at which any incident's state changes (so the order may
 * change), or null when none will without new facts.
 */
export function nextStateChangeAt(profiles: readonly UrgencyProfile[], nowMs: number): number | null {
  let next = Infinity;
  for (const p of profiles) {
    if (p.invalid) continue;
    for (const t of [p.atRiskFromMs, p.dueMs, p.settledFromMs ?? Infinity]) {
      if (t > nowMs && t < next) next = t;
    }
  }
  return next === Infinity ? null : next;
}

/** Every instant at which some incident's state changes, sorted (for `changesPassed`). */
export function stateChangeInstants(profiles: readonly UrgencyProfile[]): Float64Array {
  const out: number[] = [];
  const add = (t: number) => {
    if (Number.isFinite(t)) out.push(t);
  };
  for (const p of profiles) {
    if (p.invalid) continue;
    if (p.settledFromMs === null || p.atRiskFromMs < p.settledFromMs) add(p.atRiskFromMs);
    if (p.settledFromMs === null || p.dueMs < p.settledFromMs) add(p.dueMs);
    if (p.settledFromMs !== null) add(p.settledFromMs);
  }
  // A typed array sorts numerically, natively.
  return Float64Array.from(out).sort();
}

/**
 * How many of the sorted instants are at or before `nowMs` (binary search). It changes exactly
 * when some state changes: a list re-sorts when this number changes, not on every tick.
 */
export function changesPassed(sortedInstants: ArrayLike<number>, nowMs: number): number {
  let lo = 0;
  let hi = sortedInstants.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sortedInstants[mid] as number) <= nowMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
