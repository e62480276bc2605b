// The health-check date rule, as the mutations see it. The rule itself belongs to the SLA
// engine (shared/sla/health-check.ts); this adapter only turns its verdict into a mutation
// rejection.
// PLACEHOLDER until shared/sla/health-check.ts lands: checks the 14-day notice only.
import type { HealthCheckInput } from '../sla/schemas';

export interface HealthCheckReason {
  code: string;
  message: string;
}

export type HealthCheckVerdict = { ok: true } | { ok: false; reasons: HealthCheckReason[] };

export function checkHealthCheckDate(input: HealthCheckInput): HealthCheckVerdict {
  const agreed = Date.parse(input.agreedOn.slice(0, 10));
  const date = Date.parse(input.date);
  if ((date - agreed) / 86_400_000 < 14) {
    return {
      ok: false,
      reasons: [{ code: 'notice_too_short', message: 'The date must be agreed at least 14 days in advance.' }],
    };
  }
  return { ok: true };
}
