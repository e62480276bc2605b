// The health-check date rule as the mutations see it. The rule itself is the SLA engine's
// (shared/sla/health-check.ts: 14 days' notice, a business day of the customer's calendar,
// within the contract, one per contract year); this adapter turns its reasons into messages.
import { SlaInputError, validateHealthCheckDate } from '../sla';
import type { HealthCheckReason } from '../sla';
import type { HealthCheckInput } from '../sla/schemas';

export interface HealthCheckProblem {
  code: HealthCheckReason['code'] | 'invalid_args';
  message: string;
  /** The reason's values (dates, days), for the client to word it. */
  params?: HealthCheckReason['params'];
}

export type HealthCheckVerdict =
  | { ok: true; window: { start: string; end: string } }
  | { ok: false; reasons: HealthCheckProblem[] };

function explain(reason: HealthCheckReason): string {
  switch (reason.code) {
    case 'too_soon':
      return `It must be agreed at least ${reason.params.minimumDays} days in advance (agreed on ${reason.params.agreedOn}, only ${reason.params.noticeDays} days before); the earliest possible date is ${reason.params.earliestDate}.`;
    case 'not_business_day': {
      const why = {
        weekly: 'not a working day of the week',
        holiday: 'a public holiday',
        closure: 'a closure day of the account',
      }[reason.params.closed];
      return `${reason.params.date} is ${why} in the customer's calendar; pick a business day.`;
    }
    case 'already_this_contract_year':
      return `Contract year ${reason.params.contractYear} (${reason.params.yearStart} to ${reason.params.yearEnd}) already has a health check on ${reason.params.existingDate}; move that one instead, or pick a date in another contract year.`;
    case 'outside_contract':
      return `${reason.params.date} lies outside the contract (${reason.params.contractStart} to ${reason.params.contractEnd ?? 'open-ended'}); pick a date within it.`;
  }
}

export function checkHealthCheckDate(input: HealthCheckInput): HealthCheckVerdict {
  try {
    const result = validateHealthCheckDate(input);
    if (result.ok) return result;
    return {
      ok: false,
      reasons: result.reasons.map((r) => ({ code: r.code, message: explain(r), params: r.params })),
    };
  } catch (err) {
    if (err instanceof SlaInputError) {
      return {
        ok: false,
        reasons: [
          { code: 'invalid_args', message: err.issues.map((i) => `${i.path}: ${i.message}`).join('; ') },
        ],
      };
    }
    throw err;
  }
}
