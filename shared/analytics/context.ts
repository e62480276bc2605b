// What every analysis of one customer needs once: the validated calendar, the support policy,
// `now` as an instant and as the customer's local date.
import { compileCalendar, localDateOf, parseInstant, policyOfCustomer } from '../sla/index';
import type { Calendar, SupportPolicy } from '../sla/index';
import type { Customer } from '../model/entities';

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
export function customerContext(
  customer: Customer,
  now: string,
  policies?: readonly SupportPolicy[],
): CustomerContext {
  const nowMs = parseInstant(now);
  if (Number.isNaN(nowMs)) throw new RangeError(`now is not an ISO instant with an offset: ${now}`);
  compileCalendar(customer.calendar);
  return {
    customer,
    calendar: customer.calendar,
    policy: policyOfCustomer(customer, policies),
    now,
    nowMs,
    today: localDateOf(customer.calendar, nowMs),
  };
}
