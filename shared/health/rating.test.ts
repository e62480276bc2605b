import { describe, expect, it } from 'vitest';
import type { DeployedProduct, Finding } from '../model/entities';
import { customer, healthCheck, incident, report, user, uuid } from '../analytics/testing/fixtures';
import { customerHealth } from './facts';
import type { HealthInput } from './facts';
import { assessHealth, NO_HEALTH_ISSUES } from './rating';
import type { HealthFacts } from './rating';
import { HEALTH_REASON_CODES, HEALTH_WEIGHTS } from './weights';

describe('assessHealth: each reason on and off', () => {
  const on: Record<(typeof HEALTH_REASON_CODES)[number], Partial<HealthFacts>> = {
    sla_below_target: { slaMetPct: 80 },
    sla_breaches: { breaches: 2 },
    daily_reports_overdue: { dailyReportsOverdue: 1 },
    quarterly_reports_overdue: { quarterlyReportsOverdue: 1 },
    open_critical_incidents: { openLevel2: 1 },
    open_findings: { openFindingsOther: 1 },
    versions_near_end_of_support: { versionsEndingSoon: 1 },
    health_check_not_scheduled: { healthCheckNotScheduled: true },
  };
  const off: Record<(typeof HEALTH_REASON_CODES)[number], Partial<HealthFacts>> = {
    sla_below_target: { slaMetPct: HEALTH_WEIGHTS.slaTargetPct },
    sla_breaches: { breaches: 0 },
    daily_reports_overdue: { dailyReportsOverdue: 0 },
    quarterly_reports_overdue: { quarterlyReportsOverdue: 0 },
    open_critical_incidents: { openLevel1: 0, openLevel2: 0 },
    open_findings: { openFindingsOther: 0, openFindingsSerious: 0 },
    versions_near_end_of_support: { versionsEnded: 0, versionsEndingSoon: 0 },
    health_check_not_scheduled: { healthCheckNotScheduled: false },
  };

  it('a customer with nothing against it is green, score 100, no reasons', () => {
    expect(assessHealth(NO_HEALTH_ISSUES)).toEqual({ rating: 'green', score: 100, points: 0, reasons: [] });
  });

  for (const code of HEALTH_REASON_CODES) {
    it(`${code}: listed when its fact is present, absent otherwise`, () => {
      const a = assessHealth({ ...NO_HEALTH_ISSUES, ...on[code] });
      expect(a.reasons.map((r) => r.code)).toEqual([code]);
      expect(a.points).toBe(a.reasons[0]!.points);
      expect(a.score).toBe(100 - a.points);
      const b = assessHealth({ ...NO_HEALTH_ISSUES, ...off[code] });
      expect(b.reasons).toEqual([]);
      expect(b.rating).toBe('green');
    });
  }

  it('points add up and the thresholds decide the colour; caps hold', () => {
    expect(assessHealth({ ...NO_HEALTH_ISSUES, openLevel2: 1 }).rating).toBe('green'); // 10
    expect(assessHealth({ ...NO_HEALTH_ISSUES, openLevel1: 1 }).rating).toBe('amber'); // 25
    const red = assessHealth({ ...NO_HEALTH_ISSUES, openLevel1: 1, slaMetPct: 50, breaches: 1 });
    expect(red.points).toBe(25 + 25 + 10);
    expect(red.rating).toBe('red');
    expect(red.reasons.map((r) => r.code)).toEqual([
      'sla_below_target',
      'sla_breaches',
      'open_critical_incidents',
    ]);
    expect(assessHealth({ ...NO_HEALTH_ISSUES, breaches: 100 }).reasons[0]!.points).toBe(
      HEALTH_WEIGHTS.breachCap,
    );
    const all = assessHealth({ ...NO_HEALTH_ISSUES, ...Object.assign({}, ...Object.values(on)) });
    expect(all.reasons.map((r) => r.code)).toEqual([...HEALTH_REASON_CODES]);
    expect(all.score).toBe(0);
  });

  it('weights are data: other weights give another rating of the same facts', () => {
    const facts = { ...NO_HEALTH_ISSUES, openLevel1: 1 };
    expect(assessHealth(facts, { ...HEALTH_WEIGHTS, amberFrom: 30 }).rating).toBe('green');
  });
});

// ---------------------------------------------------------------- facts from rows

const tam = user(uuid('tam'), '佐藤 花子');
const c = customer({
  id: uuid('hc1'),
  contractStart: '2026-01-15',
  contractEnd: '2027-01-14',
  tamId: tam.id,
});
// Tuesday 12 May 2026, 19:00 in Tokyo: after the daily report's 18:00 cut-off; contract
// quarter 2 began on 15 April; the report of quarter 1 is owed by then.
const NOW = '2026-05-12T19:00:00+09:00';

function baseline(): HealthInput {
  return {
    customers: [c],
    incidents: [],
    users: [tam],
    healthChecks: [
      healthCheck(uuid('hc-next'), c.id, {
        agreedOn: '2026-04-01',
        scheduledDate: '2026-06-10',
        status: 'scheduled',
      }),
    ],
    reportLog: [
      report(uuid('q1'), c.id, {
        kind: 'quarterly',
        periodStart: '2026-01-15',
        periodEnd: '2026-04-14',
        sentAt: '2026-04-16T10:00:00+09:00',
      }),
    ],
    deployedProducts: [product('Endpoint Security', '12.1', '2028-03-31')],
    now: NOW,
  };
}

function product(name: string, version: string, supportEndsOn: string): DeployedProduct {
  return {
    id: uuid(`p-${name}-${version}`),
    version: 1,
    updatedAt: '2026-01-01T00:00:00Z',
    deleted: false,
    customerId: c.id,
    product: name,
    productVersion: version,
    supportEndsOn,
  };
}

function finding(tag: string, severity: Finding['severity'], status: Finding['status']): Finding {
  return { id: uuid(tag), area: 'Backup', finding: 'x', severity, recommendation: 'y', status };
}

const codes = (input: HealthInput) =>
  customerHealth(input)
    .get(c.id)!
    .reasons.map((r) => r.code);

describe('customerHealth on fixtures', () => {
  it('the baseline customer is green with no reasons', () => {
    const h = customerHealth(baseline()).get(c.id)!;
    expect(h.rating).toBe('green');
    expect(h.reasons).toEqual([]);
  });

  it('SLA below target and breaches: a missed level-2 answer this quarter; met answers alone keep both off', () => {
    const met = incident({
      id: uuid('i-met'),
      customerId: c.id,
      severity: 2,
      receivedAt: '2026-04-20T10:00:00+09:00',
      firstResponseAt: '2026-04-20T10:30:00+09:00',
      resolvedAt: '2026-04-21T10:00:00+09:00',
    });
    const missed = incident({
      id: uuid('i-missed'),
      customerId: c.id,
      severity: 2,
      receivedAt: '2026-04-22T10:00:00+09:00',
      firstResponseAt: '2026-04-22T16:00:00+09:00',
      resolvedAt: '2026-04-23T10:00:00+09:00',
    });
    expect(codes({ ...baseline(), incidents: [met] })).toEqual([]);
    const h = customerHealth({ ...baseline(), incidents: [met, missed] }).get(c.id)!;
    expect(h.reasons.map((r) => r.code)).toEqual(['sla_below_target', 'sla_breaches']);
    expect(h.reasons[0]!.value).toBe(50);
    expect(h.reasons[1]!.value).toBe(1);
  });

  it('open level-1/2 incidents and an overdue daily report; closed ones count no more', () => {
    const l1 = incident({
      id: uuid('i-l1'),
      customerId: c.id,
      severity: 1,
      receivedAt: '2026-05-12T09:00:00+09:00',
      firstResponseAt: '2026-05-12T09:10:00+09:00',
    });
    expect(codes({ ...baseline(), incidents: [l1] })).toEqual([
      'daily_reports_overdue',
      'open_critical_incidents',
    ]);
    const daily = report(uuid('d1'), c.id, {
      kind: 'daily',
      incidentId: l1.id,
      periodStart: '2026-05-12',
      periodEnd: '2026-05-12',
      sentAt: '2026-05-12T17:00:00+09:00',
    });
    expect(codes({ ...baseline(), incidents: [l1], reportLog: [...baseline().reportLog, daily] })).toEqual([
      'open_critical_incidents',
    ]);
    const closed = { ...l1, status: 'resolved' as const, resolvedAt: '2026-05-12T12:00:00+09:00' };
    expect(codes({ ...baseline(), incidents: [closed] })).toEqual([]);
  });

  it('an overdue quarterly report: on without the logged report of quarter 1', () => {
    expect(codes({ ...baseline(), reportLog: [] })).toEqual(['quarterly_reports_overdue']);
  });

  it('open findings of the last held health check; resolved findings are off', () => {
    const held = (findings: Finding[]) =>
      healthCheck(uuid('hc-held'), c.id, { agreedOn: '2026-01-20', scheduledDate: '2026-02-20', findings });
    const input = (findings: Finding[]) => ({
      ...baseline(),
      healthChecks: [...baseline().healthChecks, held(findings)],
    });
    const h = customerHealth(input([finding('f1', 'high', 'open'), finding('f2', 'low', 'accepted')])).get(
      c.id,
    )!;
    expect(h.reasons).toEqual([
      {
        code: 'open_findings',
        points: HEALTH_WEIGHTS.perOpenFindingSerious + HEALTH_WEIGHTS.perOpenFindingOther,
        value: 2,
      },
    ]);
    expect(codes(input([finding('f1', 'high', 'resolved'), finding('f2', 'low', 'wont_fix')]))).toEqual([]);
  });

  it('versions near or past the end of support', () => {
    const soon = product('Mail Gateway', '8.0', '2026-07-31');
    const ended = product('Mail Gateway', '7.5', '2026-03-31');
    const h = customerHealth({ ...baseline(), deployedProducts: [soon, ended] }).get(c.id)!;
    expect(h.reasons).toEqual([
      {
        code: 'versions_near_end_of_support',
        points: HEALTH_WEIGHTS.perVersionEnded + HEALTH_WEIGHTS.perVersionEndingSoon,
        value: 2,
      },
    ]);
  });

  it('health check not scheduled this contract year: on without one, off when one was held', () => {
    expect(codes({ ...baseline(), healthChecks: [] })).toEqual(['health_check_not_scheduled']);
    const held = healthCheck(uuid('hc-held'), c.id, { agreedOn: '2026-01-20', scheduledDate: '2026-02-20' });
    expect(codes({ ...baseline(), healthChecks: [held] })).toEqual([]);
  });

  it('reads the rows as they stood at now: a later incident does not count', () => {
    const later = incident({
      id: uuid('i-later'),
      customerId: c.id,
      severity: 1,
      receivedAt: '2026-05-13T09:00:00+09:00',
    });
    expect(codes({ ...baseline(), incidents: [later] })).toEqual([]);
  });
});
