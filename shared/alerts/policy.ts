// Alert policies as data: for each level, the stages of an incident's alert schedule, when
// each comes due, whom it reaches and whether it interrupts (a desktop notification). One
// policy per support policy; an administrator defines others by writing data that passes
// AlertPolicySchema. The contract's wording behind the defaults is in README.md.
import { z } from 'zod';
import { AlertRoleSchema, AlertStageSchema } from '../model/entities';
import type { AlertRole, AlertStage, Severity } from '../model/entities';

export const AlertTriggerSchema = z.discriminatedUnion('kind', [
  /** At the incident's receipt (or when it is raised to this level): at once. */
  z.object({ kind: z.literal('arrival') }),
  /** When less than this fraction of the target remains, in the clock's own time. */
  z.object({ kind: z.literal('remaining'), fraction: z.number().gt(0).lt(1) }),
  /** This many calendar minutes after the due time passed unanswered (0: the breach itself). */
  z.object({ kind: z.literal('after_due'), minutes: z.number().int().nonnegative() }),
]);
export type AlertTrigger = z.infer<typeof AlertTriggerSchema>;

export const AlertStageRuleSchema = z.object({
  stage: AlertStageSchema,
  trigger: AlertTriggerSchema,
  /** Whom the stage reaches. The responder is whoever answers the customer at that instant. */
  recipients: z.array(AlertRoleSchema).min(1),
  /** Raise a desktop notification (otherwise the alert waits in the notifications centre). */
  urgent: z.boolean(),
});
export type AlertStageRule = z.infer<typeof AlertStageRuleSchema>;

export const AlertPolicySchema = z.object({
  /** The support policy (shared/sla/policy.ts) this alert policy belongs to. */
  supportPolicyId: z.string().min(1),
  levels: z.object({
    1: z.array(AlertStageRuleSchema),
    2: z.array(AlertStageRuleSchema),
    3: z.array(AlertStageRuleSchema),
    4: z.array(AlertStageRuleSchema),
  }),
});
export type AlertPolicy = z.infer<typeof AlertPolicySchema>;

const rule = (
  stage: AlertStage,
  trigger: AlertTrigger,
  recipients: AlertRole[],
  urgent: boolean,
): AlertStageRule => ({
  stage,
  trigger,
  recipients,
  urgent,
});

/**
 * MSA Enterprise: a level-1 request is answered within 30 minutes, round the clock, by the TAM
 * in business hours and by the duty manager otherwise. The responder hears of it at once, again
 * at half time and at a quarter left (with the backup TAM), at the breach (with the team
 * manager), and the team manager once more 15 minutes after an unanswered breach.
 */
export const MSA_ENTERPRISE_ALERTS: AlertPolicy = AlertPolicySchema.parse({
  supportPolicyId: 'msa-enterprise',
  levels: {
    1: [
      rule('arrival', { kind: 'arrival' }, ['responder'], true),
      rule('warning', { kind: 'remaining', fraction: 0.5 }, ['responder'], true),
      rule('at_risk', { kind: 'remaining', fraction: 0.25 }, ['responder', 'backup_tam'], true),
      rule('breach', { kind: 'after_due', minutes: 0 }, ['responder', 'team_manager'], true),
      rule('escalation', { kind: 'after_due', minutes: 15 }, ['team_manager'], true),
    ],
    2: [
      rule('arrival', { kind: 'arrival' }, ['responder'], true),
      rule('warning', { kind: 'remaining', fraction: 0.5 }, ['responder'], false),
      rule('at_risk', { kind: 'remaining', fraction: 0.25 }, ['responder', 'backup_tam'], true),
      rule('breach', { kind: 'after_due', minutes: 0 }, ['responder', 'team_manager'], true),
      rule('escalation', { kind: 'after_due', minutes: 60 }, ['team_manager'], true),
    ],
    3: [
      rule('at_risk', { kind: 'remaining', fraction: 0.25 }, ['responder'], false),
      rule('breach', { kind: 'after_due', minutes: 0 }, ['responder', 'team_manager'], true),
    ],
    4: [
      rule('at_risk', { kind: 'remaining', fraction: 0.25 }, ['responder'], false),
      rule('breach', { kind: 'after_due', minutes: 0 }, ['responder', 'team_manager'], false),
    ],
  },
});

/** The standard contract (business-hours clocks): fewer interruptions. */
export const STANDARD_ALERTS: AlertPolicy = AlertPolicySchema.parse({
  supportPolicyId: 'standard',
  levels: {
    1: [
      rule('arrival', { kind: 'arrival' }, ['responder'], true),
      rule('at_risk', { kind: 'remaining', fraction: 0.25 }, ['responder', 'backup_tam'], true),
      rule('breach', { kind: 'after_due', minutes: 0 }, ['responder', 'team_manager'], true),
    ],
    2: [
      rule('at_risk', { kind: 'remaining', fraction: 0.25 }, ['responder'], false),
      rule('breach', { kind: 'after_due', minutes: 0 }, ['responder', 'team_manager'], true),
    ],
    3: [rule('breach', { kind: 'after_due', minutes: 0 }, ['responder'], false)],
    4: [rule('breach', { kind: 'after_due', minutes: 0 }, ['responder'], false)],
  },
});

export const SHIPPED_ALERT_POLICIES: readonly AlertPolicy[] = [MSA_ENTERPRISE_ALERTS, STANDARD_ALERTS];

/** The alert policy of a support policy; MSA Enterprise's when none is defined for it. */
export function alertPolicyFor(
  supportPolicyId: string,
  policies: readonly AlertPolicy[] = SHIPPED_ALERT_POLICIES,
): AlertPolicy {
  return policies.find((p) => p.supportPolicyId === supportPolicyId) ?? MSA_ENTERPRISE_ALERTS;
}

export function stageRules(policy: AlertPolicy, severity: Severity): readonly AlertStageRule[] {
  return policy.levels[severity];
}
