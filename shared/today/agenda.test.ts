import { describe, expect, it } from 'vitest';
import type { Absence, Customer, DutyShift, HealthCheck, Incident, Report, Request } from '../model/entities';
import {
  customerCoverage,
  dailyReportsOwed,
  dutyManagerAt,
  isFinalStage,
  leaveInstants,
  nextCoverageChangeAt,
  upcomingHealthChecks,
  upcomingQuarterlyReports,
  waitingRequests,
} from './agenda';

const env = { version: 1, updatedAt: '2026-11-01T00:00:00Z', deleted: false };
const TAM = 'tam-1';
const DUTY = 'duty-1';
const customer: Customer = {
  ...env,
  id: 'c1',
  nameJa: '株式会社さくら銀行',
  nameLatin: 'Sakura Bank',
  contractTier: 'msa_enterprise',
  supportPolicyId: 'msa-enterprise',
  contractStart: '2025-12-01',
  contractEnd: '2028-11-30',
  calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
  tamId: TAM,
  backupTamId: null,
  team: 't',
};
const shift = (start: string, end: string, userId = DUTY): DutyShift => ({
  ...env,
  id: `s-${start}`,
  userId,
  startsAt: start,
  endsAt: end,
  note: null,
});
const roster = [
  shift('2026-11-26T00:00:00+09:00', '2026-11-27T00:00:00+09:00'),
  shift('2026-11-27T00:00:00+09:00', '2026-11-28T00:00:00+09:00', 'duty-2'),
];

describe('coverage', () => {
  it('the TAM answers in business hours, until the close', () => {
    const c = customerCoverage(customer, [], roster, '2026-11-26T10:00:00+09:00');
    expect(c.coverage).toMatchObject({ answerer: 'tam', userId: TAM, phoneOnly: false });
    expect(Date.parse(c.coverage!.until!)).toBe(Date.parse('2026-11-26T18:00:00+09:00'));
  });

  it('the rostered duty manager answers at night, by phone only', () => {
    const c = customerCoverage(customer, [], roster, '2026-11-26T20:00:00+09:00');
    expect(c.coverage).toMatchObject({
      answerer: 'duty_manager',
      userId: DUTY,
      reason: 'outside_business_hours',
      phoneOnly: true,
    });
    expect(nextCoverageChangeAt([c])).toBe(Date.parse('2026-11-27T00:00:00+09:00'));
  });

  it('the duty manager answers while the TAM is on leave (whole local days in the customer zone)', () => {
    const leave: Absence = {
      ...env,
      id: 'a',
      userId: TAM,
      startDate: '2026-11-26',
      endDate: '2026-11-26',
      kind: 'leave',
      note: null,
    };
    expect(
      leaveInstants([leave], TAM, 'Asia/Tokyo').map((l) => [Date.parse(l.start), Date.parse(l.end)]),
    ).toEqual([[Date.parse('2026-11-26T00:00:00+09:00'), Date.parse('2026-11-27T00:00:00+09:00')]]);
    const c = customerCoverage(customer, [leave], roster, '2026-11-26T10:00:00+09:00');
    expect(c.coverage).toMatchObject({
      answerer: 'duty_manager',
      userId: DUTY,
      reason: 'tam_on_leave',
      phoneOnly: false,
    });
  });

  it('escalations go to the duty manager on the roster now, in or out of hours', () => {
    expect(dutyManagerAt(roster, '2026-11-26T10:00:00+09:00')).toBe(DUTY);
    expect(dutyManagerAt(roster, '2026-11-27T10:00:00+09:00')).toBe('duty-2');
    expect(
      dutyManagerAt(
        [...roster, shift('2026-11-26T09:00:00+09:00', '2026-11-26T12:00:00+09:00', 'stand-in')],
        '2026-11-26T10:00:00+09:00',
      ),
    ).toBe('stand-in');
    expect(dutyManagerAt(roster, '2026-11-29T10:00:00+09:00')).toBeNull();
  });

  it('a gap in the roster is shown as no duty manager', () => {
    const c = customerCoverage(customer, [], [], '2026-11-28T12:00:00+09:00');
    expect(c.coverage).toMatchObject({ answerer: 'duty_manager', userId: null });
  });
});

const incident = (
  id: string,
  severity: Incident['severity'],
  receivedAt: string,
  status: Incident['status'] = 'in_progress',
): Incident => ({
  ...env,
  id,
  customerId: customer.id,
  title: id,
  description: '',
  severity,
  channel: 'phone',
  status,
  receivedAt,
  firstResponseAt: null,
  resolvedAt: null,
  severityHistory: [{ severity, at: receivedAt, by: TAM }],
  createdBy: TAM,
});
const daily = (incidentId: string, sentAt: string): Report => ({
  ...env,
  id: `r-${incidentId}`,
  customerId: customer.id,
  kind: 'daily',
  periodStart: sentAt.slice(0, 10),
  periodEnd: sentAt.slice(0, 10),
  sentAt,
  via: 'email',
  incidentId,
  authorId: TAM,
  note: null,
});

describe('daily reports', () => {
  const incidents = [
    incident('l1-due', 1, '2026-11-25T10:00:00+09:00'),
    incident('l1-done', 1, '2026-11-25T10:00:00+09:00'),
    incident('l2', 2, '2026-11-25T10:00:00+09:00'),
    incident('l1-resolved', 1, '2026-11-25T10:00:00+09:00', 'resolved'),
  ];
  const reports = [daily('l1-done', '2026-11-26T09:00:00+09:00')];

  it('lists the open level-1 incidents whose report is still owed today', () => {
    const owed = dailyReportsOwed([customer], incidents, reports, '2026-11-26T12:00:00+09:00');
    expect(owed.map((o) => [o.incidentId, o.status])).toEqual([['l1-due', 'due']]);
    expect(Date.parse(owed[0]!.dueBy!)).toBe(Date.parse('2026-11-26T18:00:00+09:00'));
  });

  it('overdue after the cut-off', () => {
    const owed = dailyReportsOwed([customer], incidents, reports, '2026-11-26T19:00:00+09:00');
    expect(owed.map((o) => [o.incidentId, o.status])).toEqual([['l1-due', 'overdue']]);
  });
});

describe('coming up', () => {
  it('the next quarterly report when due within 30 days, and the overdue ones (oldest, with the count)', () => {
    // Contract from 2025-12-01: periods end before 2026-03-01 (a Sunday: due Monday 03-02), 06-01, 09-01, 12-01.
    const sent = (periodStart: string): Report => ({
      ...daily('x', '2026-01-01T00:00:00Z'),
      id: `q-${periodStart}`,
      kind: 'quarterly',
      periodStart,
      incidentId: null,
    });
    const log = [sent('2025-12-01'), sent('2026-03-01')];
    const up = upcomingQuarterlyReports([customer], log, '2026-11-20T12:00:00+09:00');
    expect(up.map((u) => [u.period.dueDate, u.period.status, u.overdueCount])).toEqual([
      ['2026-09-01', 'overdue', 1],
      ['2026-12-01', 'upcoming', 0],
    ]);
    const none = upcomingQuarterlyReports([customer], [], '2026-11-20T12:00:00+09:00');
    expect(none.map((u) => [u.period.dueDate, u.overdueCount])).toEqual([
      ['2026-03-02', 3],
      ['2026-12-01', 0],
    ]);
    expect(
      upcomingQuarterlyReports([customer], log, '2026-10-20T12:00:00+09:00').map((u) => u.period.dueDate),
    ).toEqual(['2026-09-01']);
  });

  it('scheduled health checks within 30 days of the customer local date', () => {
    const check = (
      id: string,
      scheduledDate: string,
      status: HealthCheck['status'] = 'scheduled',
    ): HealthCheck => ({
      ...env,
      id,
      customerId: customer.id,
      agreedOn: '2026-10-01',
      scheduledDate,
      status,
      findings: [],
      completedAt: null,
    });
    const list = upcomingHealthChecks(
      [customer],
      [
        check('far', '2026-12-31'),
        check('soon', '2026-12-10'),
        check('done', '2026-12-01', 'completed'),
        check('late', '2026-11-20'),
      ],
      // 26 Nov 00:30 in Tokyo is still 25 Nov in UTC: the customer's date counts.
      '2026-11-25T15:30:00Z',
    );
    expect(list.map((h) => [h.healthCheck.id, h.overdue, h.inDays])).toEqual([
      ['late', true, -6],
      ['soon', false, 14],
    ]);
  });
});

describe('requests waiting on someone', () => {
  const request = (id: string, type: Request['type'], stage: Request['stage'], at: string): Request => ({
    ...env,
    id,
    customerId: customer.id,
    type,
    stage,
    title: id,
    description: '',
    product: 'Endpoint Security',
    productVersion: '12.1',
    incidentId: null,
    priority: 'prioritised',
    stageHistory: [{ stage, at, by: TAM, note: null }],
    createdBy: TAM,
  });

  it('leaves out final stages and says who must act, longest waiting first', () => {
    const list = waitingRequests([
      request('notified', 'signature_release', 'customer_notified', '2026-11-01T00:00:00Z'),
      request('released', 'signature_release', 'released', '2026-11-20T00:00:00Z'),
      request('declined', 'private_patch', 'declined', '2026-11-02T00:00:00Z'),
      request('dev', 'private_patch', 'in_development', '2026-11-10T00:00:00Z'),
    ]);
    expect(list.map((w) => [w.request.id, w.waitingOn])).toEqual([
      ['dev', 'engineering'],
      ['released', 'tam'],
    ]);
    expect(isFinalStage({ type: 'private_patch', stage: 'delivered' })).toBe(false);
    expect(isFinalStage({ type: 'private_patch', stage: 'included_in_public_patch' })).toBe(true);
  });
});
