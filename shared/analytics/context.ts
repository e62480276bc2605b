// What every analysis of one customer needs once: the validated calendar, the support policy,
// `now` as an instant and as the customer's local date.
import { compileCalendar, localDateOf, MSA_ENTERPRISE_POLICY, parseInstant, STANDARD_POLICY } from '../sla/index';
import type { Calendar, SupportPolicy } from '../sla/index';
import type { Customer } from '../model/entities';

/** The policies the product ships; an administrator's own policies are passed in by the caller. */
export const DEFAULT_POLICIES: readonly SupportPolicy[] = [MSA_ENTERPRISE_POLICY, STANDARD_POLICY];

/**
 * The customer's support policy: the one whose id is the customer's supportPolicyId, else the
 * shipped policy of the customer's tier (an unknown id must not hide the charts).
 */
export function policyFor(customer: Customer, policies: readonly SupportPolicy[] = DEFAULT_POLICIES): SupportPolicy {
  const byId = policies.find((p) => p.id === customer.supportPolicyId);
  if (byId !== undefined) return byId;
  return customer.contractTier === 'standard' ? STANDARD_POLICY : MSA_ENTERPRISE_POLICY;
}

export interface CustomerContext {
  readonly customer: Customer;
  readonly calendar: Calendar;
  readonly policy: SupportPolicy;
  readonly now: string;
  readonly nowMs: number;
  /** The customer's local date at `now`. */
  readonly today: string;
}

/**
 * @throws SlaInputError when the customer's calendar is invalid (compiled here, once; the
 * engine caches the compiled calendar by identity for every later call), RangeError on a bad `now`.
 */
export function customerContext(customer: Customer, now: string, policies?: readonly SupportPolicy[]): CustomerContext {
  const nowMs = parseInstant(now);
  if (Number.isNaN(nowMs)) throw new RangeError(`now is not an ISO instant with an offset: ${now}`);
  compileCalendar(customer.calendar);
  return {
    customer,
    calendar: customer.calendar,
    policy: policyFor(customer, policies),
    now,
    nowMs,
    today: localDateOf(customer.calendar, nowMs),
  };
}
