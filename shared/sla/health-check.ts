// Validates a proposed health-check date against the contract: agreed at least 14 days ahead
// (counted in the customer's local dates), on a business day of the customer's calendar,
// within the contract, and only one per contract year (years counted from the contract start).
// Every failing rule is reported, each as a code with the parameters a message needs.
import { closedReason, compileCalendar, dayIntervals } from './business-time';
import { addMonthsClamped, formatLocalDate, parseLocalDate } from './civil';
import { issuesFromZod, SlaInputError } from './errors';
import { formatInstant, parseInstant } from './instant';
import { HealthCheckInputSchema } from './schemas';
import type { HealthCheckInput } from './schemas';
import { localDayOf, offsetAt } from './zone';

export const HEALTH_CHECK_MIN_NOTICE_DAYS = 14;

export type HealthCheckReason =
  | {
      code: 'too_soon';
      params: {
        date: string;
        agreedOn: string;
        noticeDays: number;
        minimumDays: number;
        earliestDate: string;
      };
    }
  | { code: 'not_business_day'; params: { date: string; closed: 'weekly' | 'holiday' | 'closure' } }
  | {
      code: 'already_this_contract_year';
      params: {
        contractYear: number;
        yearStart: string;
        yearEnd: string;
        existingDate: string;
        existingId: string | null;
      };
    }
  | { code: 'outside_contract'; params: { date: string; contractStart: string; contractEnd: string | null } };

export type HealthCheckReasonCode = HealthCheckReason['code'];

export type HealthCheckResult =
  | { ok: true; window: { start: string; end: string } }
  | { ok: false; reasons: HealthCheckReason[] };

function contractYearOfDay(contractStart: number, day: number): number {
  if (day < contractStart) return 0;
  let k = 1;
  while (addMonthsClamped(contractStart, 12 * k) <= day) k++;
  return k;
}

/**
 * Contract year (1-based) of a local date: year k runs from start + (k-1) years (inclusive) to
 * start + k years (exclusive), clamped like months (a Feb 29 start gives Feb 28 anniversaries).
 * 0 before the contract starts; NaN for a malformed date.
 */
export function contractYearOf(contractStart: string, date: string): number {
  const start = parseLocalDate(contractStart);
  const day = parseLocalDate(date);
  if (Number.isNaN(start) || Number.isNaN(day)) return NaN;
  return contractYearOfDay(start, day);
}

/**
 * Checks a proposed health-check date. Business-rule failures are values (all of them);
 * malformed input throws SlaInputError.
 */
export function validateHealthCheckDate(input: HealthCheckInput): HealthCheckResult {
  const parsed = HealthCheckInputSchema.safeParse(input);
  if (!parsed.success) throw new SlaInputError(issuesFromZod(parsed.error), 'health check input');
  const data = parsed.data;
  const cal = compileCalendar(data.calendar);
  const day = parseLocalDate(data.date);
  const agreedDay = Number.isNaN(parseLocalDate(data.agreedOn))
    ? localDayOf(cal.zone, parseInstant(data.agreedOn))
    : parseLocalDate(data.agreedOn);
  const contractStart = parseLocalDate(data.contract.start);
  const contractEnd = data.contract.end === undefined ? Infinity : parseLocalDate(data.contract.end);

  const reasons: HealthCheckReason[] = [];
  const noticeDays = day - agreedDay;
  if (noticeDays < HEALTH_CHECK_MIN_NOTICE_DAYS) {
    reasons.push({
      code: 'too_soon',
      params: {
        date: data.date,
        agreedOn: formatLocalDate(agreedDay),
        noticeDays,
        minimumDays: HEALTH_CHECK_MIN_NOTICE_DAYS,
        earliestDate: formatLocalDate(agreedDay + HEALTH_CHECK_MIN_NOTICE_DAYS),
      },
    });
  }
  const closed = closedReason(cal, day);
  if (closed !== null) reasons.push({ code: 'not_business_day', params: { date: data.date, closed } });

  if (day < contractStart || day > contractEnd) {
    reasons.push({
      code: 'outside_contract',
      params: { date: data.date, contractStart: data.contract.start, contractEnd: data.contract.end ?? null },
    });
  } else {
    const year = contractYearOfDay(contractStart, day);
    const yearStart = addMonthsClamped(contractStart, 12 * (year - 1));
    const yearEnd = addMonthsClamped(contractStart, 12 * year) - 1;
    const clash = data.existing.find((h) => {
      if (data.rescheduling !== undefined && h.id === data.rescheduling) return false;
      const d = parseLocalDate(h.date);
      return d >= yearStart && d <= yearEnd;
    });
    if (clash !== undefined) {
      reasons.push({
        code: 'already_this_contract_year',
        params: {
          contractYear: year,
          yearStart: formatLocalDate(yearStart),
          yearEnd: formatLocalDate(yearEnd),
          existingDate: clash.date,
          existingId: clash.id ?? null,
        },
      });
    }
  }
  if (reasons.length > 0) return { ok: false, reasons };

  // The day's hours: first opening to last closing (a lunch break stays inside the window).
  const iv = dayIntervals(cal, day);
  const start = iv[0] as number;
  const end = iv[iv.length - 1] as number;
  return {
    ok: true,
    window: {
      start: formatInstant(start, offsetAt(cal.zone, start)),
      end: formatInstant(end, offsetAt(cal.zone, end)),
    },
  };
}
