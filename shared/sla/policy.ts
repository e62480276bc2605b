// Support policies as data: response targets per severity level, which clock each runs on,
// when an incident counts as at risk, and the out-of-hours channel rule. An administrator
// defines others by writing data that passes SupportPolicySchema.
import { z } from 'zod';

export const SlaClockSchema = z.enum(['calendar', 'business']);
export type SlaClock = z.infer<typeof SlaClockSchema>;

export const SlaTargetSchema = z.object({
  /** Response target: calendar minutes, or business minutes for a business clock. */
  minutes: z.number().int().positive(),
  clock: SlaClockSchema,
});
export type SlaTarget = z.infer<typeof SlaTargetSchema>;

export const SupportPolicySchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  targets: z.object({ 1: SlaTargetSchema, 2: SlaTargetSchema, 3: SlaTargetSchema, 4: SlaTargetSchema }),
  /** "At risk" when less than this fraction of the target remains (in the clock's own time). */
  atRiskFraction: z.number().gt(0).lt(1),
  /**
   * Outside business hours the contract requires a phone call: when true, a calendar-clock
   * request received out of hours by any other channel starts at the next opening.
   */
  outOfHoursNonPhoneDeferral: z.boolean(),
});
export type SupportPolicy = z.infer<typeof SupportPolicySchema>;

/** The MSA Enterprise contract's defaults (docs/domain.md, "Response-time guarantees"). */
export const MSA_ENTERPRISE_POLICY: SupportPolicy = SupportPolicySchema.parse({
  id: 'msa-enterprise',
  name: 'MSA Enterprise',
  targets: {
    1: { minutes: 30, clock: 'calendar' },
    2: { minutes: 4 * 60, clock: 'calendar' },
    3: { minutes: 6 * 60, clock: 'business' },
    4: { minutes: 8 * 60, clock: 'business' },
  },
  atRiskFraction: 0.25,
  outOfHoursNonPhoneDeferral: true,
});

/**
 * An example of another policy (not from the contract): a standard support contract whose
 * every level runs on business hours, each slower than MSA Enterprise.
 */
export const STANDARD_POLICY: SupportPolicy = SupportPolicySchema.parse({
  id: 'standard',
  name: 'Standard support',
  targets: {
    1: { minutes: 2 * 60, clock: 'business' },
    2: { minutes: 8 * 60, clock: 'business' },
    3: { minutes: 16 * 60, clock: 'business' },
    4: { minutes: 24 * 60, clock: 'business' },
  },
  atRiskFraction: 0.25,
  outOfHoursNonPhoneDeferral: true,
});

/** The policies the product ships; an administrator's own come in through `policies`. */
export const SHIPPED_POLICIES: readonly SupportPolicy[] = [MSA_ENTERPRISE_POLICY, STANDARD_POLICY];

/**
 * The support policy a customer's SLA is computed with: the policy whose id is the customer's
 * `supportPolicyId`, else the shipped policy of the customer's contract tier (an unknown id
 * must neither hide the SLA nor give a standard customer MSA Enterprise targets). The one
 * home of this rule: Today, the charts, the customer page and the daily report all call it.
 */
export function policyOfCustomer(
  customer: { readonly supportPolicyId: string; readonly contractTier: 'msa_enterprise' | 'standard' },
  policies: readonly SupportPolicy[] = SHIPPED_POLICIES,
): SupportPolicy {
  const byId = policies.find((p) => p.id === customer.supportPolicyId);
  if (byId !== undefined) return byId;
  return customer.contractTier === 'standard' ? STANDARD_POLICY : MSA_ENTERPRISE_POLICY;
}
