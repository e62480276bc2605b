import { describe, expect, it } from 'vitest';
import { MSA_ENTERPRISE_POLICY, STANDARD_POLICY, SupportPolicySchema } from './policy';

describe('support policies', () => {
  it('ship the MSA Enterprise targets of the contract', () => {
    expect(MSA_ENTERPRISE_POLICY.targets).toEqual({
      1: { minutes: 30, clock: 'calendar' },
      2: { minutes: 240, clock: 'calendar' },
      3: { minutes: 360, clock: 'business' },
      4: { minutes: 480, clock: 'business' },
    });
    expect(MSA_ENTERPRISE_POLICY.atRiskFraction).toBe(0.25);
    expect(MSA_ENTERPRISE_POLICY.outOfHoursNonPhoneDeferral).toBe(true);
  });

  it('ship a standard example slower than MSA Enterprise at every level', () => {
    for (const level of [1, 2, 3, 4] as const) {
      expect(STANDARD_POLICY.targets[level].clock).toBe('business');
      expect(STANDARD_POLICY.targets[level].minutes).toBeGreaterThan(
        MSA_ENTERPRISE_POLICY.targets[level].minutes,
      );
    }
  });

  it('validate administrator-defined policies', () => {
    const custom = {
      ...STANDARD_POLICY,
      id: 'gold',
      name: 'Gold',
      targets: { ...STANDARD_POLICY.targets, 1: { minutes: 15, clock: 'calendar' } },
    };
    expect(SupportPolicySchema.safeParse(custom).success).toBe(true);
    const paths = (p: unknown) => {
      const r = SupportPolicySchema.safeParse(p);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(paths({ ...custom, atRiskFraction: 1 })).toEqual(['atRiskFraction']);
    expect(
      paths({ ...custom, targets: { ...custom.targets, 2: { minutes: 0, clock: 'business' } } }),
    ).toEqual(['targets.2.minutes']);
    expect(paths({ ...custom, targets: { ...custom.targets, 3: { minutes: 60, clock: 'wall' } } })).toEqual([
      'targets.3.clock',
    ]);
    const { 4: _dropped, ...three } = custom.targets;
    expect(paths({ ...custom, targets: three })).toEqual(['targets.4']);
  });
});
