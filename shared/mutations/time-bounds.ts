// Time bounds: the one rule for every instant a user records as having happened (an incident's
// receipt, a response, a timeline entry, a report sent, a health check completed). Such an
// instant may not lie before the customer's contract start (00:00 of that date in the
// customer's zone), nor more than MAX_PAST_DAYS before now, nor more than MAX_FUTURE_MS after
// now (clock skew between a laptop and the server; `now` is the server's clock on the server).
// The mutations reject with TIME_OUT_OF_RANGE; the forms read the same bounds before submitting.
import { DateTime } from 'luxon';
import type { Customer } from '../model/entities';
import type { MutationContext, MutationResult } from './types';
import { reject } from './types';

/** The error code of an instant outside its bounds. */
export const TIME_OUT_OF_RANGE = 'time_out_of_range';

/** How far back an instant may lie. */
export const MAX_PAST_DAYS = 400;

/** How far ahead of now an instant may lie (clock skew between a laptop and the server). */
export const MAX_FUTURE_MS = 5 * 60_000;

const DAY_MS = 86_400_000;

/** Which bound an instant crossed. */
export type TimeBound = 'before_contract' | 'too_old' | 'future';

export interface TimeBoundsContext {
  /** The current instant, epoch ms or ISO-8601. */
  now: number | string;
  /** The customer's contract start, 'YYYY-MM-DD' (a date in the customer's zone). */
  contractStart: string;
  /** The customer's IANA time zone. */
  timeZone: string;
}

export interface TimeBounds {
  /** The earliest allowed instant (epoch ms): the later of the contract start and now - 400 days. */
  earliest: number;
  /** Which bound `earliest` comes from. */
  earliestBound: 'before_contract' | 'too_old';
  /** The latest allowed instant (epoch ms): now + 5 minutes. */
  latest: number;
}

export interface TimeBoundsViolation {
  code: typeof TIME_OUT_OF_RANGE;
  bound: TimeBound;
  /** The offending instant (epoch ms). */
  at: number;
  /** The bound crossed (epoch ms): the earliest or the latest allowed instant. */
  limit: number;
  /** The customer's contract start date (for messages). */
  contractStart: string;
}

function toMs(t: number | string): number {
  return typeof t === 'number' ? t : Date.parse(t);
}

/** The start (epoch ms) of a local date in a zone; NaN when the date or zone is malformed. */
function startOfLocalDate(date: string, timeZone: string): number {
  const dt = DateTime.fromISO(date, { zone: timeZone });
  return dt.isValid ? dt.startOf('day').toMillis() : Number.NaN;
}

/** The allowed range of recorded instants for a customer at `now`. */
export function timeBounds(ctx: TimeBoundsContext): TimeBounds {
  const now = toMs(ctx.now);
  const contract = startOfLocalDate(ctx.contractStart, ctx.timeZone);
  const oldest = now - MAX_PAST_DAYS * DAY_MS;
  const contractLater = !Number.isNaN(contract) && contract > oldest;
  return {
    earliest: contractLater ? contract : oldest,
    earliestBound: contractLater ? 'before_contract' : 'too_old',
    latest: now + MAX_FUTURE_MS,
  };
}

/** Null when the instant is within the bounds, else which bound it crosses. */
export function checkTimeBounds(at: number | string, ctx: TimeBoundsContext): TimeBoundsViolation | null {
  const t = toMs(at);
  const b = timeBounds(ctx);
  const base = { code: TIME_OUT_OF_RANGE, at: t, contractStart: ctx.contractStart } as const;
  if (Number.isNaN(t)) return { ...base, bound: b.earliestBound, limit: b.earliest };
  if (t > b.latest) return { ...base, bound: 'future', limit: b.latest };
  if (t < b.earliest) return { ...base, bound: b.earliestBound, limit: b.earliest };
  return null;
}

/** The English message of a violation (the server's detail); `what` names the field, e.g. "The receipt time". */
export function timeBoundsMessage(what: string, v: TimeBoundsViolation): string {
  const at = Number.isNaN(v.at) ? 'the given time' : new Date(v.at).toISOString();
  const limit = new Date(v.limit).toISOString();
  switch (v.bound) {
    case 'future':
      return `${what} (${at}) lies more than 5 minutes after the server's clock (latest allowed ${limit}); check the device clock and enter when it happened.`;
    case 'before_contract':
      return `${what} (${at}) lies before the customer's contract start (${v.contractStart}); enter a time within the contract.`;
    case 'too_old':
      return `${what} (${at}) lies more than ${MAX_PAST_DAYS} days in the past (earliest allowed ${limit}); correct the date (check the year).`;
  }
}

/**
 * The mutations' check: a `time_out_of_range` rejection when `at` lies outside the customer's
 * bounds at `ctx.now`, else null.
 */
export function rejectOutOfBounds(
  what: string,
  at: string,
  ctx: Pick<MutationContext, 'now'>,
  customer: Pick<Customer, 'contractStart' | 'calendar'>,
): MutationResult | null {
  const v = checkTimeBounds(at, {
    now: ctx.now,
    contractStart: customer.contractStart,
    timeZone: customer.calendar.timeZone,
  });
  return v ? reject(TIME_OUT_OF_RANGE, timeBoundsMessage(what, v)) : null;
}
