// What the new-incident form says about the receipt time (docs/domain.md, "Coverage" and the SLA
// rules): outside the customer's business hours the contract requires a phone call; a request
// that arrives another way out of hours has its clock start at the next opening, and the
// product says so. A business-hours level (3/4) received out of hours by phone also starts at
// the next opening (not a breach of the rules, only worth knowing). All from the SLA engine.
import { computeResponseSla, isOpenAt, nextOpening, parseInstant, SlaInputError } from '../sla/index';
import type { Calendar, Channel, DeferralReason, Severity, SupportPolicy } from '../sla/index';

export interface ReceiptInput {
  calendar: Calendar;
  policy: SupportPolicy;
  severity: Severity;
  channel: Channel;
  /** The receipt instant (ISO with an offset). */
  receivedAt: string;
}

export type ReceiptTiming =
  | {
      kind: 'in_hours';
      clockStartAt: string;
      dueAt: string;
    }
  | {
      kind: 'out_of_hours';
      /** True for a request that did not come by phone: the contract requires a call out of hours. */
      warn: boolean;
      /** Why the clock starts later than the receipt; null: it starts at receipt (a level 1/2 call). */
      deferred: DeferralReason | null;
      clockStartAt: string;
      dueAt: string;
      /** The customer's next business opening after the receipt. */
      nextOpeningAt: string;
    }
  | { kind: 'invalid'; message: string };

/** When the clock of a request received at `receivedAt` starts, and whether to warn about it. */
export function receiptTiming(input: ReceiptInput): ReceiptTiming {
  const at = parseInstant(input.receivedAt);
  if (Number.isNaN(at)) return { kind: 'invalid', message: `Not an instant: ${input.receivedAt}` };
  try {
    const sla = computeResponseSla({
      receivedAt: input.receivedAt,
      severity: input.severity,
      channel: input.channel,
      calendar: input.calendar,
      policy: input.policy,
      firstResponseAt: null,
      now: input.receivedAt,
    });
    if (isOpenAt(input.calendar, at))
      return { kind: 'in_hours', clockStartAt: sla.clockStartAt, dueAt: sla.dueAt };
    return {
      kind: 'out_of_hours',
      warn: input.channel !== 'phone',
      deferred: sla.deferred?.reason ?? null,
      clockStartAt: sla.clockStartAt,
      dueAt: sla.dueAt,
      nextOpeningAt: new Date(nextOpening(input.calendar, at)).toISOString(),
    };
  } catch (e) {
    if (e instanceof SlaInputError) return { kind: 'invalid', message: e.message };
    throw e;
  }
}

export interface OutOfHoursWarning {
  channel: Channel;
  /** When the response clock starts (the next opening under the contract's policy). */
  clockStartAt: string;
  /** False only under a policy that does not defer out-of-hours non-phone requests. */
  clockDeferred: boolean;
}

/** The warning for a non-phone request received outside business hours, else null. */
export function outOfHoursWarning(input: ReceiptInput): OutOfHoursWarning | null {
  const timing = receiptTiming(input);
  if (timing.kind !== 'out_of_hours' || !timing.warn) return null;
  return {
    channel: input.channel,
    clockStartAt: timing.clockStartAt,
    clockDeferred: timing.deferred !== null,
  };
}
