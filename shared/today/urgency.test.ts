import { describe, expect, it } from 'vitest';
import type { Customer, Incident } from '../model/entities';
import { policyOfCustomer, STANDARD_POLICY } from '../sla/index';
import {
  changesPassed,
  compareUrgency,
  nextStateChangeAt,
  slaAt,
  sortByUrgency,
  stateChangeInstants,
  urgencyFactsOf,
  urgencyProfileOf,
  urgencyStateAt,
  urgentPrefix,
} from './urgency';

const TOKYO = { timeZone: 'Asia/Tokyo', country: 'JP' } as const;
// Thursday 26 November 2026, 10:00 in Tokyo: a business day.
const NOW = Date.parse('2026-11-26T10:00:00+09:00');

type CustomerFacts = Pick<Customer, 'calendar' | 'contractTier' | 'supportPolicyId'>;
const MSA: CustomerFacts = {
  calendar: TOKYO,
  contractTier: 'msa_enterprise',
  supportPolicyId: 'msa-enterprise',
};
// Standard tier whose policy is MSA Enterprise's: same due times, so only the tier differs.
const STANDARD_SAME_TARGETS: CustomerFacts = {
  calendar: TOKYO,
  contractTier: 'standard',
  supportPolicyId: 'msa-enterprise',
};

function incident(
  id: string,
  severity: Incident['severity'],
  channel: Incident['channel'],
  receivedAt: string,
  extra: Partial<Incident> = {},
): Pick<Incident, 'id' | 'receivedAt' | 'severity' | 'channel' | 'severityHistory' | 'firstResponseAt'> {
  return {
    id,
    receivedAt,
    severity,
    channel,
    severityHistory: [{ severity, at: receivedAt, by: 'u' }],
    firstResponseAt: null,
    ...extra,
  };
}

const profile = (i: ReturnType<typeof incident>, c: CustomerFacts = MSA, now = NOW) =>
  urgencyProfileOf(urgencyFactsOf(i, c), now);

describe('urgency order', () => {
  const running = incident('running-l1', 1, 'phone', '2026-11-26T09:50:00+09:00'); // due 10:20, 20 of 30 min left
  const atRisk = incident('at-risk-l1', 1, 'phone', '2026-11-26T09:35:00+09:00'); // due 10:05, 5 min left
  const breached = incident('breached-l2', 2, 'phone', '2026-11-26T05:00:00+09:00'); // due 09:00
  const breachedEarlier = incident('breached-earlier', 1, 'phone', '2026-11-26T07:00:00+09:00'); // due 07:30
  const business = incident('running-l3', 3, 'portal', '2026-11-26T09:30:00+09:00'); // due 15:30
  const answered = incident('met-l1', 1, 'phone', '2026-11-26T09:00:00+09:00', {
    firstResponseAt: '2026-11-26T09:10:00+09:00',
  });

  it('puts breached first (most overdue first), then at risk, then least time left, settled last', () => {
    const order = sortByUrgency(
      [answered, business, running, breached, atRisk, breachedEarlier].map((i) => profile(i)),
      NOW,
    );
    expect(order.map((p) => p.incidentId)).toEqual([
      'breached-earlier',
      'breached-l2',
      'at-risk-l1',
      'running-l1',
      'running-l3',
      'met-l1',
    ]);
  });

  it('ranks MSA Enterprise before standard when the time left ties', () => {
    const msa = profile(incident('msa', 1, 'phone', '2026-11-26T09:50:00+09:00'), MSA);
    const std = profile(incident('std', 1, 'phone', '2026-11-26T09:50:00+09:00'), STANDARD_SAME_TARGETS);
    expect(sortByUrgency([std, msa], NOW).map((p) => p.incidentId)).toEqual(['msa', 'std']);
    expect(compareUrgency(msa, std, NOW)).toBeLessThan(0);
  });

  it('compares business-clock and calendar-clock incidents by their due instants', () => {
    // Received Thursday 17:00, level 3: 1 business hour Thursday, 5 more Friday -> due Friday 14:00.
    const l3 = profile(
      incident('l3-friday', 3, 'email', '2026-11-26T17:00:00+09:00'),
      MSA,
      Date.parse('2026-11-26T17:30:00+09:00'),
    );
    // Level 2 by phone at 17:00: due 21:00 the same day, although more "ms" remain than l3's business ms.
    const l2 = profile(
      incident('l2-tonight', 2, 'phone', '2026-11-26T17:00:00+09:00'),
      MSA,
      Date.parse('2026-11-26T17:30:00+09:00'),
    );
    expect(sortByUrgency([l3, l2], Date.parse('2026-11-26T17:30:00+09:00')).map((p) => p.incidentId)).toEqual(
      ['l2-tonight', 'l3-friday'],
    );
  });

  it('uses the policy of the customer (standard: every level on business hours)', () => {
    const std: CustomerFacts = { calendar: TOKYO, contractTier: 'standard', supportPolicyId: 'standard' };
    expect(policyOfCustomer(std)).toBe(STANDARD_POLICY);
    expect(policyOfCustomer({ contractTier: 'standard', supportPolicyId: 'unknown' })).toBe(STANDARD_POLICY);
    const p = profile(incident('std-l1', 1, 'phone', '2026-11-26T09:00:00+09:00'), std);
    expect(new Date(p.dueMs).toISOString()).toBe('2026-11-26T02:00:00.000Z'); // 2 business hours
  });
});

describe('state changes', () => {
  it('tells when the order next changes and agrees with the engine there', () => {
    const facts = [
      urgencyFactsOf(incident('a', 1, 'phone', '2026-11-26T09:50:00+09:00'), MSA), // at risk from 10:12:30.001
      urgencyFactsOf(incident('b', 1, 'phone', '2026-11-26T09:35:00+09:00'), MSA), // breaches at 10:05
    ];
    const profiles = facts.map((f) => urgencyProfileOf(f, NOW));
    const next = nextStateChangeAt(profiles, NOW);
    expect(next).toBe(Date.parse('2026-11-26T10:05:00+09:00'));
    expect(urgencyStateAt(profiles[1]!, next! - 1)).toBe('at_risk');
    expect(urgencyStateAt(profiles[1]!, next!)).toBe('breached');
    expect(slaAt(facts[1]!, next!).state).toBe('breached');

    const riskA = profiles[0]!.atRiskFromMs;
    expect(riskA).toBe(Date.parse('2026-11-26T10:12:30+09:00') + 1);
    expect(slaAt(facts[0]!, riskA - 1).state).toBe('running');
    expect(slaAt(facts[0]!, riskA).state).toBe('at_risk');
  });

  it('finds the at-risk instant of a business clock across the night', () => {
    // Level 3 received Thursday 13:30: 4.5 of 6 business hours are used at the 18:00 close, so
    // exactly 25% remains all night; it drops below 25% just after Friday's 09:00 opening.
    const f = urgencyFactsOf(incident('l3', 3, 'portal', '2026-11-26T13:30:00+09:00'), MSA);
    const p = urgencyProfileOf(f, NOW);
    expect(new Date(p.dueMs).toISOString()).toBe('2026-11-27T01:30:00.000Z'); // Friday 10:30 Tokyo
    expect(p.atRiskFromMs).toBe(Date.parse('2026-11-27T09:00:00+09:00') + 1);
    expect(urgencyStateAt(p, Date.parse('2026-11-26T20:00:00+09:00'))).toBe('running');
    expect(slaAt(f, '2026-11-26T20:00:00+09:00').state).toBe('running');
    expect(slaAt(f, p.atRiskFromMs).state).toBe('at_risk');
  });

  it('an answered incident is settled and never changes the order again', () => {
    const p = profile(
      incident('m', 2, 'phone', '2026-11-26T08:00:00+09:00', {
        firstResponseAt: '2026-11-26T13:00:00+09:00',
      }),
      MSA,
      Date.parse('2026-11-26T14:00:00+09:00'),
    );
    expect(urgencyStateAt(p, Date.parse('2026-11-26T14:00:00+09:00'))).toBe('missed');
    expect(nextStateChangeAt([p], Date.parse('2026-11-26T14:00:00+09:00'))).toBeNull();
  });

  it('a severity upgrade before the answer moves the due time', () => {
    const base = incident('up', 2, 'phone', '2026-11-26T09:00:00+09:00');
    const before = profile(base);
    const upgraded = profile({
      ...base,
      severity: 1,
      severityHistory: [...base.severityHistory, { severity: 1, at: '2026-11-26T09:40:00+09:00', by: 'u' }],
    });
    expect(new Date(before.dueMs).toISOString()).toBe('2026-11-26T04:00:00.000Z'); // 13:00 Tokyo
    expect(new Date(upgraded.dueMs).toISOString()).toBe('2026-11-26T00:30:00.000Z'); // 09:30 Tokyo
    expect(urgencyStateAt(upgraded, NOW)).toBe('breached');
  });

  it('lists an incident whose facts the engine refuses last, without throwing', () => {
    const bad = urgencyProfileOf(
      urgencyFactsOf(incident('bad', 1, 'phone', '2026-11-26T09:00:00+09:00'), {
        ...MSA,
        calendar: { timeZone: 'Nowhere/City', country: 'JP' },
      }),
      NOW,
    );
    expect(bad.invalid).toBe(true);
    const ok = profile(incident('ok', 4, 'phone', '2026-11-26T09:00:00+09:00'));
    expect(sortByUrgency([bad, ok], NOW).map((p) => p.incidentId)).toEqual(['ok', 'bad']);
  });
});

describe('re-sorting only when a state changes', () => {
  it('counts the state changes passed, which moves exactly at each change', () => {
    const p = profile(incident('a', 1, 'phone', '2026-11-26T09:50:00+09:00'));
    const instants = stateChangeInstants([p]);
    expect([...instants]).toEqual([p.atRiskFromMs, p.dueMs]);
    expect(changesPassed(instants, NOW)).toBe(0);
    expect(changesPassed(instants, p.atRiskFromMs - 1)).toBe(0);
    expect(changesPassed(instants, p.atRiskFromMs)).toBe(1);
    expect(changesPassed(instants, p.dueMs - 1)).toBe(1);
    expect(changesPassed(instants, p.dueMs)).toBe(2);
  });
});

describe('the most urgent rows from the oldest incidents only', () => {
  // 120 incidents received every 37 minutes over three days before NOW, of mixed levels,
  // channels and tiers, some answered: breached, at risk, running and settled ones.
  const all = Array.from({ length: 120 }, (_, k) => {
    const receivedAt = new Date(NOW - (120 - k) * 37 * 60_000).toISOString();
    const severity = ((k % 4) + 1) as Incident['severity'];
    const i = incident(
      `i${String(k).padStart(3, '0')}`,
      severity,
      k % 3 === 0 ? 'email' : 'phone',
      receivedAt,
      {
        firstResponseAt: k % 7 === 0 ? new Date(Date.parse(receivedAt) + 20 * 60_000).toISOString() : null,
      },
    );
    return profile(i, k % 2 === 0 ? MSA : STANDARD_SAME_TARGETS);
  });
  const full = sortByUrgency(all, NOW);

  it('begins exactly as the full order, whatever the bound', () => {
    let longest = 0;
    for (let known = 0; known <= all.length; known += 7) {
      const read = all.slice(0, known); // oldest first: every other one was received later
      const boundMs = known < all.length ? all[known]!.receivedMs : Infinity;
      const first = urgentPrefix(read, NOW, boundMs);
      expect(first.map((p) => p.incidentId)).toEqual(full.slice(0, first.length).map((p) => p.incidentId));
      longest = Math.max(longest, first.length);
    }
    expect(longest).toBeGreaterThan(10);
  });

  it('lists only breached incidents due before the bound, and none when none is certain', () => {
    const boundMs = all[60]!.receivedMs;
    const first = urgentPrefix(all.slice(0, 60), NOW, boundMs);
    expect(first.length).toBeGreaterThan(0);
    for (const p of first) {
      expect(urgencyStateAt(p, NOW)).toBe('breached');
      expect(p.dueMs).toBeLessThan(boundMs);
    }
    expect(urgentPrefix(all.slice(0, 60), NOW, all[0]!.receivedMs)).toEqual([]);
  });
});
