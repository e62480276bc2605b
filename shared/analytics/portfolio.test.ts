import { describe, expect, it } from 'vitest';
import { filterPortfolio, portfolioRows, sortPortfolio } from './portfolio';
import type { PortfolioRow } from './portfolio';
import { customer, healthCheck, incident, report, user, uuid } from './testing/fixtures';

const sato = user(uuid('sato'), '佐藤 花子');
const smith = user(uuid('smith'), 'John Smith');

const c1 = customer({
  id: uuid('c1'),
  nameJa: 'いろは製作所',
  nameLatin: 'Iroha Works',
  contractStart: '2025-10-01',
  contractEnd: '2026-09-30',
  tamId: sato.id,
});
const c2 = customer({
  id: uuid('c2'),
  nameJa: 'ニューヨーク商事',
  nameLatin: 'New York Trading',
  contractTier: 'standard',
  supportPolicyId: 'standard',
  contractStart: '2025-02-10',
  contractEnd: '2027-02-09',
  calendar: { timeZone: 'America/New_York', country: 'US' },
  tamId: smith.id,
});
const c3 = customer({
  id: uuid('c3'),
  nameJa: 'あおば銀行',
  nameLatin: 'Aoba Bank',
  contractStart: '2025-06-01',
  contractEnd: '2026-05-31',
  tamId: sato.id,
});

// 2026-02-10 12:00 in Tokyo is 2026-02-09 22:00 in New York.
const now = '2026-02-10T12:00:00+09:00';

const incidents = [
  // Received in Q1 (Dec 31), answered in Q2 (Jan 1 00:10) within 30 min: met in Q2.
  incident({
    id: uuid('p1'),
    customerId: c1.id,
    severity: 1,
    receivedAt: '2025-12-31T23:50:00+09:00',
    firstResponseAt: '2026-01-01T00:10:00+09:00',
    resolvedAt: '2026-01-02T10:00:00+09:00',
  }),
  // Due 14:00, answered 15:00: missed in Q2.
  incident({
    id: uuid('p2'),
    customerId: c1.id,
    severity: 2,
    receivedAt: '2026-01-10T10:00:00+09:00',
    firstResponseAt: '2026-01-10T15:00:00+09:00',
    resolvedAt: '2026-01-12T10:00:00+09:00',
  }),
  // Met in Q1: not this quarter.
  incident({
    id: uuid('p3'),
    customerId: c1.id,
    severity: 2,
    receivedAt: '2025-12-31T21:00:00+09:00',
    firstResponseAt: '2025-12-31T22:00:00+09:00',
    resolvedAt: '2025-12-31T23:00:00+09:00',
  }),
  // Open, unanswered since December: breached (due in Q1) — an open breach all the same.
  incident({ id: uuid('p4'), customerId: c1.id, severity: 1, receivedAt: '2025-12-20T10:00:00+09:00' }),
  // Open level 3, still running (due 16:00).
  incident({
    id: uuid('p5'),
    customerId: c1.id,
    severity: 3,
    channel: 'portal',
    receivedAt: '2026-02-10T10:00:00+09:00',
  }),
];

const healthChecks = [
  healthCheck(uuid('h1'), c1.id, { scheduledDate: '2025-11-10', status: 'completed' }),
  healthCheck(uuid('h3'), c3.id, {
    scheduledDate: '2026-03-02',
    status: 'scheduled',
    agreedOn: '2026-02-01',
  }),
  healthCheck(uuid('h3x'), c3.id, {
    scheduledDate: '2026-02-20',
    status: 'cancelled',
    agreedOn: '2026-02-01',
  }),
];

const reportLog = [
  report(uuid('rep1'), c1.id, {
    periodStart: '2025-10-01',
    periodEnd: '2025-12-31',
    sentAt: '2026-01-05T10:00:00+09:00',
  }),
  // A daily report does not count as a quarterly one.
  report(uuid('rep2'), c2.id, {
    kind: 'daily',
    periodStart: '2025-02-10',
    periodEnd: '2025-05-09',
    incidentId: uuid('x'),
  }),
];

const rows = portfolioRows({
  customers: [c1, c2, c3],
  incidents,
  users: [sato, smith],
  healthChecks,
  reportLog,
  now,
});
const byId = (id: string) => rows.find((r) => r.customerId === id) as PortfolioRow;

describe('portfolioRows', () => {
  it('summarises a customer: open incidents, this quarter’s SLA, breaches, health check, next report', () => {
    expect(byId(c1.id)).toEqual({
      customerId: c1.id,
      customerNameJa: 'いろは製作所',
      customerNameLatin: 'Iroha Works',
      tamId: sato.id,
      tamName: '佐藤 花子',
      tier: 'msa_enterprise',
      openBySeverity: { 1: 1, 2: 0, 3: 1, 4: 0 },
      openTotal: 2,
      quarter: { index: 2, period: { from: '2026-01-01', to: '2026-04-01' } },
      slaMet: 1,
      slaDecided: 2,
      slaMetPct: 50,
      openBreached: 1,
      missedThisQuarter: 1,
      breaches: 2,
      nextHealthCheck: { status: 'completed', date: '2025-11-10', healthCheckId: uuid('h1') },
      nextQuarterlyReport: {
        dueDate: '2026-04-01',
        period: expect.objectContaining({ index: 2, start: '2026-01-01', dueDate: '2026-04-01' }),
        periodIndex: 2,
        overdue: false,
        overdueCount: 0,
        oldestOverdueDueDate: null,
      },
    });
  });

  it('counts quarters and “today” in the customer’s zone', () => {
    const row = byId(c2.id);
    // Still Feb 9 in New York: the 4th quarter (Nov 10 - Feb 9), its report due Feb 10; the
    // report owed first is the 1st quarter's, due 10 May 2025 (a Saturday), so Monday 12 May.
    expect(row.quarter).toEqual({ index: 4, period: { from: '2025-11-10', to: '2026-02-10' } });
    expect(row.nextQuarterlyReport).toEqual({
      dueDate: '2025-05-12',
      period: expect.objectContaining({
        index: 1,
        start: '2025-02-10',
        dueDate: '2025-05-12',
        status: 'overdue',
      }),
      periodIndex: 1,
      overdue: true,
      overdueCount: 3,
      oldestOverdueDueDate: '2025-05-12',
    });
    expect(row.slaMetPct).toBeNull();
    expect(row.breaches).toBe(0);
    expect(row.nextHealthCheck).toEqual({
      status: 'due',
      reason: 'none_this_contract_year',
      contractYear: 1,
    });
  });

  it('shows the scheduled health check, ignoring cancelled ones', () => {
    expect(byId(c3.id).nextHealthCheck).toEqual({
      status: 'scheduled',
      date: '2026-03-02',
      healthCheckId: uuid('h3'),
    });
  });

  it('leaves deleted customers out and keeps an unknown TAM visible', () => {
    const more = portfolioRows({
      customers: [
        { ...c3, deleted: true },
        { ...c2, tamId: uuid('nobody') },
      ],
      incidents: [],
      users: [sato],
      healthChecks: [],
      reportLog: [],
      now,
    });
    expect(more.map((r) => [r.customerId, r.tamName])).toEqual([[c2.id, null]]);
  });
});

describe('sorting and filtering the portfolio', () => {
  it('filters by TAM and by tier', () => {
    expect(filterPortfolio(rows, { tamIds: [sato.id] }).map((r) => r.customerId)).toEqual([c1.id, c3.id]);
    expect(filterPortfolio(rows, { tiers: ['standard'] }).map((r) => r.customerId)).toEqual([c2.id]);
    expect(filterPortfolio(rows, { tamIds: [sato.id], tiers: ['standard'] })).toEqual([]);
    expect(filterPortfolio(rows, {})).toHaveLength(3);
  });

  it('sorts by name in the locale’s script and collation', () => {
    expect(sortPortfolio(rows, 'customer', 'asc', 'en').map((r) => r.customerNameLatin)).toEqual([
      'Aoba Bank',
      'Iroha Works',
      'New York Trading',
    ]);
    // Japanese kana order: あ, い, に.
    expect(sortPortfolio(rows, 'customer', 'asc', 'ja').map((r) => r.customerNameJa)).toEqual([
      'あおば銀行',
      'いろは製作所',
      'ニューヨーク商事',
    ]);
  });

  it('keeps empty values last in both directions and is stable', () => {
    // slaMetPct: c1 50, c2 null, c3 null.
    expect(sortPortfolio(rows, 'slaMetPct', 'desc').map((r) => r.customerId)).toEqual([c1.id, c2.id, c3.id]);
    expect(sortPortfolio(rows, 'breaches', 'desc').map((r) => r.customerId)).toEqual([c1.id, c2.id, c3.id]);
    expect(sortPortfolio(rows, 'breaches', 'asc').map((r) => r.customerId)).toEqual([c2.id, c3.id, c1.id]);
  });

  it('puts an overdue report first when sorting by the next report', () => {
    // c2 overdue since 2025-05-12; c3 (quarters from 2025-06-01) overdue since 2025-09-01; c1 due 2026-04-01.
    expect(byId(c3.id).nextQuarterlyReport).toMatchObject({
      dueDate: '2025-09-01',
      periodIndex: 1,
      overdue: true,
      overdueCount: 2,
      oldestOverdueDueDate: '2025-09-01',
    });
    expect(sortPortfolio(rows, 'nextReportDue').map((r) => r.customerId)).toEqual([c2.id, c3.id, c1.id]);
  });

  it('puts a due health check before a scheduled one before a completed one', () => {
    expect(sortPortfolio(rows, 'nextHealthCheck').map((r) => r.customerId)).toEqual([c2.id, c3.id, c1.id]);
  });
});
