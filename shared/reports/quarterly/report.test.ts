import { describe, expect, it } from 'vitest';
import type { Incident } from '../../model/entities';
import {
  buildQuarterlyReport,
  QUARTERLY_SECTIONS,
  REPORT_LISTED_INCIDENTS,
  REPORT_LISTED_OPEN_INCIDENTS,
} from './report';
import type {
  HealthChecksSection,
  IncidentsSection,
  NextStepsSection,
  QuarterlyReport,
  QuarterlyReportInput,
  QuarterlySection,
  RequestsSection,
  SlaSection,
  SummarySection,
} from './report';
import {
  customer,
  event,
  healthCheck,
  incident,
  report,
  request,
  user,
  uuid,
} from '../../analytics/testing/fixtures';

const sato = user(uuid('sato'), '佐藤 花子');
const c = customer({
  id: uuid('qc'),
  contractStart: '2025-10-01',
  contractEnd: '2026-09-30',
  tamId: sato.id,
});
const id = (n: string) => uuid(`q-${n}`);

const incidents: Incident[] = [
  // Carried over from Q1: received Dec 31 23:50, answered Jan 1 00:10 (met), resolved Jan 2.
  incident({
    id: id('p1'),
    customerId: c.id,
    severity: 1,
    receivedAt: '2025-12-31T23:50:00+09:00',
    firstResponseAt: '2026-01-01T00:10:00+09:00',
    resolvedAt: '2026-01-02T10:00:00+09:00',
  }),
  // Missed: due 14:00, answered 15:00.
  incident({
    id: id('p2'),
    customerId: c.id,
    severity: 2,
    receivedAt: '2026-01-10T10:00:00+09:00',
    firstResponseAt: '2026-01-10T15:00:00+09:00',
    resolvedAt: '2026-01-12T10:00:00+09:00',
  }),
  // Entirely in Q1: not in the report.
  incident({
    id: id('p3'),
    customerId: c.id,
    severity: 2,
    receivedAt: '2025-12-31T21:00:00+09:00',
    firstResponseAt: '2025-12-31T22:00:00+09:00',
    resolvedAt: '2025-12-31T23:00:00+09:00',
  }),
  // Open and unanswered since December (breached in Q1).
  incident({
    id: id('p4'),
    customerId: c.id,
    severity: 1,
    receivedAt: '2025-12-20T10:00:00+09:00',
    title: 'Scan engine crash',
  }),
  // Tue Feb 10 10:00, answered 12:00: met, 2 business hours.
  incident({
    id: id('p5'),
    customerId: c.id,
    severity: 3,
    channel: 'portal',
    receivedAt: '2026-02-10T10:00:00+09:00',
    firstResponseAt: '2026-02-10T12:00:00+09:00',
    resolvedAt: '2026-02-12T10:00:00+09:00',
  }),
  // After the period, open.
  incident({
    id: id('p6'),
    customerId: c.id,
    severity: 4,
    channel: 'portal',
    receivedAt: '2026-04-02T10:00:00+09:00',
    firstResponseAt: '2026-04-02T11:00:00+09:00',
  }),
];

const events = [
  event(id('e1'), id('p2'), c.id, '2026-01-10T15:00:00+09:00', { kind: 'response', isAnswer: true }),
  event(id('e2'), id('p2'), c.id, '2026-01-11T09:00:00+09:00', { visibility: 'internal' }),
];

const requests = [
  request(id('sig'), c.id, 'signature_release', [
    ['submitted', '2026-02-01T10:00:00+09:00'],
    ['in_analysis', '2026-02-03T10:00:00+09:00'],
  ]),
  request(id('patch'), c.id, 'private_patch', [
    ['requested', '2026-03-01T10:00:00+09:00'],
    ['accepted', '2026-03-02T10:00:00+09:00'],
    ['in_development', '2026-04-02T10:00:00+09:00'],
  ]),
];

const finding = (
  n: string,
  severity: 'high' | 'low' | 'critical',
  status: 'open' | 'resolved' | 'accepted',
) => ({
  id: id(n),
  area: `Area ${n}`,
  finding: `Finding ${n}`,
  severity,
  recommendation: `Do ${n}`,
  status,
});
const healthChecks = [
  healthCheck(id('hc1'), c.id, {
    scheduledDate: '2025-11-10',
    status: 'completed',
    completedAt: '2025-11-10T17:00:00+09:00',
    findings: [
      finding('f1', 'high', 'open'),
      finding('f2', 'low', 'resolved'),
      finding('f3', 'critical', 'accepted'),
    ],
  }),
  healthCheck(id('hc2'), c.id, { scheduledDate: '2026-05-20', status: 'scheduled', agreedOn: '2026-04-01' }),
];

const input: QuarterlyReportInput = {
  customer: c,
  incidents,
  events,
  requests,
  healthChecks,
  reportLog: [
    report(id('r1'), c.id, {
      periodStart: '2025-10-01',
      periodEnd: '2025-12-31',
      sentAt: '2026-01-05T10:00:00+09:00',
    }),
  ],
  users: [sato],
  period: { from: '2026-01-01', to: '2026-04-01' },
  locale: 'ja',
  now: '2026-04-03T10:00:00+09:00',
};

function section<K extends QuarterlySection['key']>(
  r: QuarterlyReport,
  key: K,
): Extract<QuarterlySection, { key: K }> {
  const s = r.sections.find((x) => x.key === key);
  if (s === undefined) throw new Error(`no ${key} section`);
  return s as Extract<QuarterlySection, { key: K }>;
}

const model = buildQuarterlyReport(input);

describe('buildQuarterlyReport', () => {
  it('carries the header: customer, TAM, period, the contract quarter, locale', () => {
    expect(model).toMatchObject({
      kind: 'quarterly',
      locale: 'ja',
      generatedAt: input.now,
      period: input.period,
      quarterIndex: 2,
      tam: { id: sato.id, name: '佐藤 花子' },
      customer: { id: c.id, timeZone: 'Asia/Tokyo', tier: 'msa_enterprise', contractStart: '2025-10-01' },
    });
    expect(model.sections.map((s) => s.key)).toEqual(QUARTERLY_SECTIONS);
  });

  it('summarises the quarter', () => {
    const summary: SummarySection = section(model, 'summary');
    expect(summary.incidents).toEqual({
      received: 2,
      receivedBySeverity: { 1: 0, 2: 1, 3: 1, 4: 0 },
      resolved: 3,
      openAtStart: 2,
      openAtEnd: 1,
    });
    expect(summary.sla).toEqual({ met: 2, missed: 1, breached: 0, decided: 3, metPct: (2 / 3) * 100 });
    expect(summary.requests).toEqual({
      signature_release: { active: 1, completedInPeriod: 0 },
      private_patch: { active: 1, completedInPeriod: 0 },
    });
    expect(summary.healthChecks).toEqual({ completedInPeriod: 0, openFindings: 2 });
  });

  it('lists the uploaded attachments of each listed incident by name, in the order attached', () => {
    const file = (n: string, incidentId: string, at: string, state: 'uploaded' | 'pending' = 'uploaded') => ({
      id: id(n),
      version: 1,
      updatedAt: at,
      deleted: false,
      customerId: input.customer.id,
      incidentId,
      requestId: null,
      fileName: `${n}.log`,
      mediaType: 'text/plain',
      size: 1,
      sha256: '0'.repeat(64),
      uploadedBy: sato.id,
      at,
      state,
    });
    const withFiles = buildQuarterlyReport({
      ...input,
      attachments: [
        file('b', id('p1'), '2026-01-20T10:00:00+09:00'),
        file('a', id('p1'), '2026-01-10T10:00:00+09:00'),
        file('pending', id('p1'), '2026-01-11T10:00:00+09:00', 'pending'),
        file('c', id('p2'), '2026-01-12T10:00:00+09:00'),
        file('unlisted', id('nope'), '2026-01-12T10:00:00+09:00'),
      ],
    });
    expect(section(withFiles, 'incidents').attachmentNames).toEqual({
      [id('p1')]: ['a.log', 'b.log'],
      [id('p2')]: ['c.log'],
    });
    expect(section(model, 'incidents').attachmentNames).toEqual({});
  });

  it('lists the incidents received in the quarter or carried over, with SLA and response times', () => {
    const incidentsSection: IncidentsSection = section(model, 'incidents');
    expect(incidentsSection.rows.map((r) => r.incidentId)).toEqual([id('p4'), id('p1'), id('p2'), id('p5')]);
    expect(incidentsSection.total).toBe(4);
    expect(incidentsSection.rows[2]).toEqual({
      incidentId: id('p2'),
      title: incidents[1]?.title,
      severity: 2,
      slaSeverity: 2,
      channel: 'phone',
      status: 'resolved',
      receivedAt: '2026-01-10T10:00:00+09:00',
      clockStartAt: '2026-01-10T10:00:00.000+09:00',
      deferredReason: null,
      dueAt: '2026-01-10T14:00:00.000+09:00',
      firstResponseAt: '2026-01-10T15:00:00+09:00',
      resolvedAt: '2026-01-12T10:00:00+09:00',
      slaState: 'missed',
      outcome: 'missed',
      clock: 'calendar',
      targetMs: 4 * 3_600_000,
      responseMs: 5 * 3_600_000,
      // The internal note of Jan 11 is not a customer update.
      lastCustomerUpdateAt: '2026-01-10T15:00:00+09:00',
    });
    expect(incidentsSection.rows[0]).toMatchObject({
      slaState: 'breached',
      outcome: 'breached',
      responseMs: null,
    });
    expect(incidentsSection.perMonth.map((m) => m.total)).toEqual([1, 1, 0]);
  });

  it('gives SLA results per level and the monthly series', () => {
    const sla: SlaSection = section(model, 'sla');
    expect(sla.results.bySeverity.map((r) => [r.severity, r.met, r.missed, r.breached, r.metPct])).toEqual([
      [1, 1, 0, 0, 100],
      [2, 0, 1, 0, 0],
      [3, 1, 0, 0, 100],
      [4, 0, 0, 0, null],
    ]);
    // p1 met on Jan 1 (answer), p2 missed Jan 10 (due), p5 met Feb 10; March empty.
    expect(sla.perMonth.map((m) => [m.month, m.met, m.missed, m.breached])).toEqual([
      ['2026-01', 1, 1, 0],
      ['2026-02', 1, 0, 0],
      ['2026-03', 0, 0, 0],
    ]);
    expect(sla.responseTimes[2]).toMatchObject({ severity: 3, count: 1, p50Ms: 2 * 3_600_000 });
  });

  it('lists requests with the stage at the end of the period and the progress made in it', () => {
    const requestsSection: RequestsSection = section(model, 'requests');
    expect(
      requestsSection.signatureReleases.map((r) => [r.requestId, r.stage, r.stageAtPeriodEnd, r.inProgress]),
    ).toEqual([[id('sig'), 'in_analysis', 'in_analysis', true]]);
    const patch = requestsSection.privatePatches[0];
    expect(patch).toMatchObject({
      stage: 'in_development',
      stageAtPeriodEnd: 'accepted',
      submittedAt: '2026-03-01T10:00:00+09:00',
    });
    expect(patch?.changesInPeriod.map((h) => h.stage)).toEqual(['requested', 'accepted']);
  });

  it('follows up the health-check findings and names the next health check', () => {
    const hc: HealthChecksSection = section(model, 'healthChecks');
    expect(hc.checks.map((h) => h.healthCheckId)).toEqual([id('hc1')]);
    expect(hc.checks[0]?.findingCounts).toEqual({ open: 1, accepted: 1, resolved: 1, wont_fix: 0 });
    expect(hc.next).toEqual({ status: 'scheduled', date: '2026-05-20', healthCheckId: id('hc2') });
  });

  it('derives next steps: open incidents by level, findings by severity, requests, the health check', () => {
    const next: NextStepsSection = section(model, 'nextSteps');
    expect(
      next.steps.map((s) => [
        s.kind,
        'incidentId' in s
          ? s.incidentId
          : 'findingId' in s
            ? s.findingId
            : 'requestId' in s
              ? s.requestId
              : '',
      ]),
    ).toEqual([
      ['open_incident', id('p4')],
      ['open_incident', id('p6')],
      ['open_finding', id('f3')],
      ['open_finding', id('f1')],
      ['request_in_progress', id('sig')],
      ['request_in_progress', id('patch')],
      ['health_check', ''],
    ]);
    expect(next.steps[0]).toMatchObject({
      slaState: 'breached',
      responseDueAt: '2025-12-20T10:30:00.000+09:00',
    });
    expect(next.steps[1]).toMatchObject({ slaState: 'met', responseDueAt: null });
  });

  it('builds only the requested sections, in the requested order', () => {
    const custom = buildQuarterlyReport({ ...input, sections: ['sla', 'summary', 'sla'], locale: 'en' });
    expect(custom.sections.map((s) => s.key)).toEqual(['sla', 'summary']);
    expect(custom.locale).toBe('en');
  });

  it('marks a custom period as no contract quarter', () => {
    expect(
      buildQuarterlyReport({ ...input, period: { from: '2026-01-01', to: '2026-03-01' } }).quarterIndex,
    ).toBeNull();
  });
});

describe('a quarter with more incidents than a report lists', () => {
  // 160 answered level-4 incidents a day apart in the quarter, 30 open level-3 ones, and two
  // that must be listed whatever their number: a level-1 and a missed level-2.
  const many: Incident[] = [];
  for (let n = 0; n < 160; n++) {
    const day = new Date(Date.UTC(2026, 0, 1 + (n % 85), 1, n % 60)).toISOString();
    many.push(
      incident({
        id: id(`m${n}`),
        customerId: c.id,
        severity: 4,
        channel: 'portal',
        receivedAt: day,
        firstResponseAt: day,
        resolvedAt: day,
      }),
    );
  }
  for (let n = 0; n < 30; n++)
    many.push(
      incident({
        id: id(`o${n}`),
        customerId: c.id,
        severity: 3,
        channel: 'portal',
        receivedAt: `2026-03-${String(1 + n).padStart(2, '0')}T10:00:00+09:00`,
      }),
    );
  many.push(
    incident({
      id: id('crit'),
      customerId: c.id,
      severity: 1,
      receivedAt: '2026-01-05T10:00:00+09:00',
      firstResponseAt: '2026-01-05T10:10:00+09:00',
      resolvedAt: '2026-01-06T10:00:00+09:00',
    }),
  );
  many.push(
    incident({
      id: id('late'),
      customerId: c.id,
      severity: 2,
      receivedAt: '2026-01-10T10:00:00+09:00',
      firstResponseAt: '2026-01-10T15:00:00+09:00',
      resolvedAt: '2026-01-12T10:00:00+09:00',
    }),
  );
  const big = buildQuarterlyReport({ ...input, incidents: many, events: [] });
  const inc = section(big, 'incidents');

  it('lists the most significant, in receipt order, and counts them all', () => {
    expect(many.length).toBeGreaterThan(REPORT_LISTED_INCIDENTS);
    expect(inc.total).toBe(many.length);
    expect(inc.rows).toHaveLength(REPORT_LISTED_INCIDENTS);
    const ids = inc.rows.map((r) => r.incidentId);
    expect(ids).toContain(id('crit'));
    expect(ids).toContain(id('late'));
    // Every open level-3 before any answered level-4.
    for (let n = 0; n < 30; n++) expect(ids).toContain(id(`o${n}`));
    const received = inc.rows.map((r) => Date.parse(r.receivedAt));
    expect(received).toEqual([...received].sort((a, b) => a - b));
    // The level-4 ones listed are the most recent.
    const listedLow = inc.rows.filter((r) => r.severity === 4).map((r) => Date.parse(r.receivedAt));
    const leftOut = many
      .filter((i) => i.severity === 4 && !ids.includes(i.id))
      .map((i) => Date.parse(i.receivedAt));
    expect(Math.min(...listedLow)).toBeGreaterThanOrEqual(Math.max(...leftOut));
  });

  it('keeps the next steps short and says how many open incidents it left out', () => {
    const next = section(big, 'nextSteps');
    const open = next.steps.filter((s) => s.kind === 'open_incident');
    expect(open).toHaveLength(REPORT_LISTED_OPEN_INCIDENTS);
    expect(next.moreOpenIncidents).toBe(30 - REPORT_LISTED_OPEN_INCIDENTS);
    expect(section(model, 'nextSteps').moreOpenIncidents).toBe(0);
  });
});
