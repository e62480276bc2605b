import { describe, expect, it } from 'vitest';
import type { Customer, Incident } from '../model/entities';
import {
  customerCharts,
  incidentsBySeverityPerMonth,
  openBacklog,
  requestsByStage,
  responsesPerMonth,
  responseTimeDistribution,
  slaResults,
} from './charts';
import { percentile } from './response-times';
import { customer, incident, request, uuid } from './testing/fixtures';

const MIN = 60_000;
const HOUR = 60 * MIN;

const tokyo = customer({ id: uuid('tokyo') });
const newYork = customer({
  id: uuid('ny'),
  calendar: { timeZone: 'America/New_York', country: 'US' },
  nameJa: 'ニューヨーク社',
  nameLatin: 'New York Inc.',
});

/** The same receipt instants, for a given customer. */
function volumeIncidents(c: Customer): Incident[] {
  const id = (n: string) => uuid(`${c.id}-${n}`);
  return [
    incident({ id: id('i1'), customerId: c.id, severity: 2, receivedAt: '2026-01-10T03:00:00Z' }),
    // 01:30 on Feb 1 in Tokyo, still Jan 31 in New York.
    incident({ id: id('i2'), customerId: c.id, severity: 1, receivedAt: '2026-01-31T16:30:00Z' }),
    // Received as level 4, raised to 3: counted under the current level.
    incident({
      id: id('i3'),
      customerId: c.id,
      severity: 4,
      receivedAt: '2026-02-28T14:59:00Z',
      changes: [{ severity: 3, at: '2026-02-28T15:30:00Z' }],
    }),
    // 00:00 on Apr 1 in Tokyo; 11:00 on Mar 31 in New York.
    incident({ id: id('i4'), customerId: c.id, severity: 3, receivedAt: '2026-03-31T15:00:00Z' }),
    // 00:00 on Jan 1 in Tokyo; still 2025 in New York.
    incident({ id: id('i5'), customerId: c.id, severity: 4, receivedAt: '2025-12-31T15:00:00Z' }),
    incident({
      id: id('gone'),
      customerId: c.id,
      severity: 1,
      receivedAt: '2026-03-10T03:00:00Z',
      deleted: true,
    }),
  ];
}

const counts = (one: number, two: number, three: number, four: number) => ({
  1: one,
  2: two,
  3: three,
  4: four,
});

describe('incidentsBySeverityPerMonth', () => {
  const period = { from: '2026-01-01', to: '2026-05-01' };
  const now = '2026-06-01T00:00:00Z';

  it('counts by local month in Tokyo, with the empty month present as zeros', () => {
    const rows = incidentsBySeverityPerMonth({
      customer: tokyo,
      incidents: volumeIncidents(tokyo),
      period,
      now,
    });
    expect(rows).toEqual([
      { month: '2026-01', total: 2, bySeverity: counts(0, 1, 0, 1) },
      { month: '2026-02', total: 2, bySeverity: counts(1, 0, 1, 0) },
      { month: '2026-03', total: 0, bySeverity: counts(0, 0, 0, 0) },
      { month: '2026-04', total: 1, bySeverity: counts(0, 0, 1, 0) },
    ]);
  });

  it('counts the same instants by New York months', () => {
    const rows = incidentsBySeverityPerMonth({
      customer: newYork,
      incidents: volumeIncidents(newYork),
      period,
      now,
    });
    expect(rows).toEqual([
      { month: '2026-01', total: 2, bySeverity: counts(1, 1, 0, 0) },
      { month: '2026-02', total: 1, bySeverity: counts(0, 0, 1, 0) },
      { month: '2026-03', total: 1, bySeverity: counts(0, 0, 1, 0) },
      { month: '2026-04', total: 0, bySeverity: counts(0, 0, 0, 0) },
    ]);
  });

  it("leaves out other customers' incidents and incidents received after now", () => {
    const rows = incidentsBySeverityPerMonth({
      customer: tokyo,
      incidents: [...volumeIncidents(newYork), ...volumeIncidents(tokyo)],
      period,
      now: '2026-02-15T00:00:00Z',
    });
    expect(rows.map((r) => r.total)).toEqual([2, 1, 0, 0]);
  });
});

// Tokyo, MSA Enterprise: L1 30 min and L2 4 h calendar; L3 6 h and L4 8 h business (09-18 Mon-Fri).
const c = tokyo.id;
const slaIncidents: Incident[] = [
  // Met after 20 min; counts in February (the answer).
  incident({
    id: uuid('r1'),
    customerId: c,
    severity: 1,
    receivedAt: '2026-02-02T10:00:00+09:00',
    firstResponseAt: '2026-02-02T10:20:00+09:00',
    resolvedAt: '2026-02-03T10:00:00+09:00',
  }),
  // Received Saturday Feb 28 23:50 by phone, answered Mar 1 00:15: met, counts in March.
  incident({
    id: uuid('r2'),
    customerId: c,
    severity: 1,
    receivedAt: '2026-02-28T23:50:00+09:00',
    firstResponseAt: '2026-03-01T00:15:00+09:00',
    resolvedAt: '2026-03-02T10:00:00+09:00',
  }),
  // Due Apr 1 02:00, answered 03:00: missed, counts in April (the due time).
  incident({
    id: uuid('r3'),
    customerId: c,
    severity: 2,
    receivedAt: '2026-03-31T22:00:00+09:00',
    firstResponseAt: '2026-04-01T03:00:00+09:00',
  }),
  // Due Apr 1 00:00 Tokyo, unanswered and open: breached, counts in April.
  incident({ id: uuid('r4'), customerId: c, severity: 2, receivedAt: '2026-03-31T20:00:00+09:00' }),
  // Monday 09:00, answered 12:00: met, 3 business hours.
  incident({
    id: uuid('r5'),
    customerId: c,
    severity: 3,
    channel: 'portal',
    receivedAt: '2026-03-02T09:00:00+09:00',
    firstResponseAt: '2026-03-02T12:00:00+09:00',
  }),
  // Thu 17:00; due Fri 14:00 (1 h + 5 h); answered Mon 10:00: missed, 1 + 9 + 1 = 11 business hours.
  incident({
    id: uuid('r6'),
    customerId: c,
    severity: 3,
    channel: 'email',
    receivedAt: '2026-03-05T17:00:00+09:00',
    firstResponseAt: '2026-03-09T10:00:00+09:00',
  }),
  // Saturday: the clock starts Mon 09:00; answered 11:00: met, 2 business hours.
  incident({
    id: uuid('r7'),
    customerId: c,
    severity: 4,
    channel: 'email',
    receivedAt: '2026-03-07T10:00:00+09:00',
    firstResponseAt: '2026-03-09T11:00:00+09:00',
  }),
  // Due Feb 28 02:00, answered Mar 2 09:00 (59 h): missed, counted in February (the due time), not March.
  incident({
    id: uuid('r9'),
    customerId: c,
    severity: 2,
    receivedAt: '2026-02-27T22:00:00+09:00',
    firstResponseAt: '2026-03-02T09:00:00+09:00',
  }),
  // Still running at now: not counted anywhere.
  incident({ id: uuid('r8'), customerId: c, severity: 1, receivedAt: '2026-04-10T11:55:00+09:00' }),
];
const slaInput = {
  customer: tokyo,
  incidents: slaIncidents,
  period: { from: '2026-02-01', to: '2026-05-01' },
  now: '2026-04-10T12:00:00+09:00',
};
const outcomes = (met: number, missed: number, breached: number) => ({ met, missed, breached });

describe('responsesPerMonth', () => {
  it('counts met at the answer and missed/breached at the due time, by local month', () => {
    const rows = responsesPerMonth(slaInput);
    expect(rows.map(({ month, met, missed, breached }) => ({ month, met, missed, breached }))).toEqual([
      { month: '2026-02', ...outcomes(1, 1, 0) },
      { month: '2026-03', ...outcomes(3, 1, 0) },
      { month: '2026-04', ...outcomes(0, 1, 1) },
    ]);
    expect(rows[1]?.bySeverity).toEqual({
      1: outcomes(1, 0, 0),
      2: outcomes(0, 0, 0),
      3: outcomes(1, 1, 0),
      4: outcomes(1, 0, 0),
    });
    expect(rows[2]?.bySeverity[2]).toEqual(outcomes(0, 1, 1));
    expect(rows[0]?.bySeverity[2]).toEqual(outcomes(0, 1, 0));
  });

  it('puts a breach due at midnight Tokyo into the other month for a New York customer', () => {
    const ny = {
      ...slaInput,
      customer: newYork,
      incidents: [{ ...(slaIncidents[3] as Incident), customerId: newYork.id }],
    };
    // Due 2026-03-31T15:00Z = Mar 31 11:00 in New York (a calendar clock, received by phone).
    expect(responsesPerMonth(ny).map((r) => r.breached)).toEqual([0, 1, 0]);
  });
});

describe('slaResults', () => {
  it('gives met/missed/breached and met % per level with the targets', () => {
    const results = slaResults(slaInput);
    expect(
      results.bySeverity.map(
        ({ severity, met, missed, breached, decided, metPct, targetMinutes, clock }) => ({
          severity,
          met,
          missed,
          breached,
          decided,
          metPct,
          targetMinutes,
          clock,
        }),
      ),
    ).toEqual([
      {
        severity: 1,
        met: 2,
        missed: 0,
        breached: 0,
        decided: 2,
        metPct: 100,
        targetMinutes: 30,
        clock: 'calendar',
      },
      {
        severity: 2,
        met: 0,
        missed: 2,
        breached: 1,
        decided: 3,
        metPct: 0,
        targetMinutes: 240,
        clock: 'calendar',
      },
      {
        severity: 3,
        met: 1,
        missed: 1,
        breached: 0,
        decided: 2,
        metPct: 50,
        targetMinutes: 360,
        clock: 'business',
      },
      {
        severity: 4,
        met: 1,
        missed: 0,
        breached: 0,
        decided: 1,
        metPct: 100,
        targetMinutes: 480,
        clock: 'business',
      },
    ]);
    expect(results.total).toEqual({ met: 4, missed: 3, breached: 1, decided: 8, metPct: 50 });
  });

  it('reports null met % for a period without outcomes', () => {
    const results = slaResults({ ...slaInput, period: { from: '2026-01-01', to: '2026-02-01' } });
    expect(results.total.metPct).toBeNull();
    expect(results.bySeverity.every((r) => r.decided === 0 && r.metPct === null)).toBe(true);
  });
});

describe('responseTimeDistribution', () => {
  it('buckets response times against the target, business levels in business time', () => {
    const [l1, l2, l3, l4] = responseTimeDistribution(slaInput);
    // L1: 20 and 25 minutes of a 30-minute target.
    expect(l1).toMatchObject({
      severity: 1,
      targetMs: 30 * MIN,
      count: 2,
      withinTarget: 2,
      p50Ms: 20 * MIN,
      p90Ms: 25 * MIN,
    });
    expect(l1?.buckets.map((b) => b.count)).toEqual([0, 0, 1, 1, 0, 0, 0]);
    expect(l1?.buckets[2]).toEqual({ upToFraction: 0.75, upToMs: 22.5 * MIN, count: 1 });
    // L2: 5 h (1.25×) and 59 h (14.75×) of 4 h; the unanswered breach has no response time.
    expect(l2).toMatchObject({ count: 2, withinTarget: 0, p50Ms: 5 * HOUR, p90Ms: 59 * HOUR });
    expect(l2?.buckets.map((b) => b.count)).toEqual([0, 0, 0, 0, 1, 0, 1]);
    // L3: 3 and 11 business hours of 6.
    expect(l3).toMatchObject({
      clock: 'business',
      count: 2,
      withinTarget: 1,
      p50Ms: 3 * HOUR,
      p90Ms: 11 * HOUR,
    });
    expect(l3?.buckets.map((b) => b.count)).toEqual([0, 1, 0, 0, 0, 1, 0]);
    // L4: 2 business hours of 8, from the deferred clock start.
    expect(l4).toMatchObject({ count: 1, p50Ms: 2 * HOUR });
    expect(l4?.buckets[0]?.count).toBe(1);
    expect(l4?.buckets[6]).toEqual({ upToFraction: null, upToMs: null, count: 0 });
  });

  it('has nearest-rank percentiles', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('openBacklog', () => {
  const backlogIncidents: Incident[] = [
    incident({
      id: uuid('b1'),
      customerId: c,
      severity: 2,
      receivedAt: '2026-02-20T10:00:00+09:00',
      firstResponseAt: '2026-02-20T10:10:00+09:00',
      resolvedAt: '2026-03-03T10:00:00+09:00',
    }),
    incident({ id: uuid('b2'), customerId: c, severity: 1, receivedAt: '2026-03-02T23:30:00+09:00' }),
    // Opened and resolved the same day: never open at a day's end.
    incident({
      id: uuid('b3'),
      customerId: c,
      severity: 3,
      receivedAt: '2026-03-04T10:00:00+09:00',
      firstResponseAt: '2026-03-04T11:00:00+09:00',
      resolvedAt: '2026-03-04T15:00:00+09:00',
    }),
    // Mar 5 01:00 Tokyo (Mar 4 in UTC); resolved Mar 6 23:59 Tokyo.
    incident({
      id: uuid('b4'),
      customerId: c,
      severity: 3,
      receivedAt: '2026-03-04T16:00:00Z',
      firstResponseAt: '2026-03-05T10:00:00+09:00',
      resolvedAt: '2026-03-06T14:59:00Z',
    }),
    // Resolved after now: still open as of now.
    incident({
      id: uuid('b5'),
      customerId: c,
      severity: 4,
      receivedAt: '2026-03-06T10:00:00+09:00',
      firstResponseAt: '2026-03-06T11:00:00+09:00',
      resolvedAt: '2026-03-08T10:00:00+09:00',
    }),
    // Received after now.
    incident({ id: uuid('b6'), customerId: c, severity: 1, receivedAt: '2026-03-07T13:00:00+09:00' }),
  ];
  const base = {
    customer: tokyo,
    incidents: backlogIncidents,
    period: { from: '2026-03-01', to: '2026-03-10' },
  };

  it('counts open incidents at the end of each local day, none for future days', () => {
    const points = openBacklog({ ...base, now: '2026-03-07T12:00:00+09:00', granularity: 'day' });
    expect(points.map((p) => [p.date, p.open])).toEqual([
      ['2026-03-01', 1],
      ['2026-03-02', 2],
      ['2026-03-03', 1],
      ['2026-03-04', 1],
      ['2026-03-05', 2],
      ['2026-03-06', 2],
      ['2026-03-07', 2],
      ['2026-03-08', null],
      ['2026-03-09', null],
    ]);
    expect(points[4]?.bySeverity).toEqual(counts(1, 0, 1, 0));
    expect(points[5]?.bySeverity).toEqual(counts(1, 0, 0, 1));
    expect(points[8]?.bySeverity).toBeNull();
  });

  it('takes weekly points on Sundays and on the last day', () => {
    const points = openBacklog({ ...base, now: '2026-03-20T12:00:00+09:00', granularity: 'week' });
    // Mar 1 and Mar 8 2026 are Sundays; b5 was resolved on Mar 8; b6 counts from Mar 7.
    expect(points.map((p) => [p.date, p.open])).toEqual([
      ['2026-03-01', 1],
      ['2026-03-08', 2],
      ['2026-03-09', 2],
    ]);
    // By Mar 20, b6 (level 1, received Mar 7) has arrived too: b2 and b6 are open on Mar 8.
    expect(points[1]?.bySeverity).toEqual(counts(2, 0, 0, 0));
  });
});

describe('requestsByStage', () => {
  const q = (n: string) => uuid(`req-${n}`);
  const requests = [
    request(q('1'), c, 'signature_release', [
      ['submitted', '2026-01-20T10:00:00+09:00'],
      ['in_analysis', '2026-01-22T10:00:00+09:00'],
      ['release_scheduled', '2026-02-01T10:00:00+09:00'],
      ['released', '2026-02-05T10:00:00+09:00'],
      ['customer_notified', '2026-02-06T10:00:00+09:00'],
    ]),
    // Completed before the period: left out.
    request(q('2'), c, 'signature_release', [
      ['submitted', '2025-12-01T10:00:00+09:00'],
      ['customer_notified', '2025-12-10T10:00:00+09:00'],
    ]),
    // The analysis started at 00:30 on Apr 15 in Tokyo (Apr 14 in UTC): after the period.
    request(q('3'), c, 'signature_release', [
      ['submitted', '2026-04-10T10:00:00+09:00'],
      ['in_analysis', '2026-04-14T15:30:00Z'],
    ]),
    request(q('4'), c, 'private_patch', [
      ['requested', '2026-03-01T10:00:00+09:00'],
      ['accepted', '2026-03-05T10:00:00+09:00'],
      ['in_development', '2026-03-10T10:00:00+09:00'],
    ]),
    // Requested after the period.
    request(q('5'), c, 'private_patch', [['requested', '2026-04-20T10:00:00+09:00']]),
    // In progress when the period started, declined in it.
    request(q('6'), c, 'private_patch', [
      ['requested', '2025-11-01T10:00:00+09:00'],
      ['declined', '2026-01-20T10:00:00+09:00'],
    ]),
    request(q('7'), c, 'private_patch', [['requested', '2026-02-01T10:00:00+09:00']], { deleted: true }),
  ];

  it('counts each type by the stage at the end of the period, every stage listed', () => {
    const rows = requestsByStage({
      customer: tokyo,
      requests,
      period: { from: '2026-01-15', to: '2026-04-15' },
      now: '2026-05-01T00:00:00Z',
    });
    expect(rows).toEqual([
      {
        type: 'signature_release',
        total: 2,
        stages: [
          { stage: 'submitted', count: 1 },
          { stage: 'in_analysis', count: 0 },
          { stage: 'release_scheduled', count: 0 },
          { stage: 'released', count: 0 },
          { stage: 'customer_notified', count: 1 },
        ],
      },
      {
        type: 'private_patch',
        total: 2,
        stages: [
          { stage: 'requested', count: 0 },
          { stage: 'accepted', count: 0 },
          { stage: 'declined', count: 1 },
          { stage: 'in_development', count: 1 },
          { stage: 'delivered', count: 0 },
          { stage: 'included_in_public_patch', count: 0 },
        ],
      },
    ]);
  });
});

describe('customerCharts', () => {
  it('gives the same series as the single-purpose functions', () => {
    const all = customerCharts({ ...slaInput, requests: [], backlogGranularity: 'week' });
    expect(all.incidentsPerMonth).toEqual(incidentsBySeverityPerMonth(slaInput));
    expect(all.responsesPerMonth).toEqual(responsesPerMonth(slaInput));
    expect(all.responseTimes).toEqual(responseTimeDistribution(slaInput));
    expect(all.backlog).toEqual(openBacklog({ ...slaInput, granularity: 'week' }));
    expect(all.requestsByStage.map((r) => r.total)).toEqual([0, 0]);
  });

  it('rejects a period that ends before it starts', () => {
    expect(() =>
      customerCharts({
        ...slaInput,
        period: { from: '2026-03-01', to: '2026-02-01' },
        requests: [],
        backlogGranularity: 'day',
      }),
    ).toThrow(RangeError);
  });
});
