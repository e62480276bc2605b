import { describe, expect, it } from 'vitest';
import type { Alert, Customer, DutyShift, Incident, TimelineEvent } from '../model/entities';
import { teamEscalations } from './escalations';
import { alertsToNotify, unreadCount, type AlertIncidentNow } from './inbox';

const env = { version: 1, updatedAt: '2026-11-25T00:00:00Z', deleted: false };
const alert = (over: Partial<Alert>): Alert => ({
  ...env,
  id: 'a1',
  recipientId: 'me',
  role: 'responder',
  customerId: 'c1',
  incidentId: 'i1',
  stage: 'arrival',
  severity: 1,
  at: '2026-11-25T01:00:00.000Z',
  dueAt: '2026-11-25T01:30:00.000Z',
  urgent: true,
  title: 'Down',
  readAt: null,
  acknowledgedAt: null,
  ...over,
});
const now = Date.parse('2026-11-25T01:05:00Z');

describe('alert inbox', () => {
  it('counts unread alerts', () => {
    expect(
      unreadCount([
        alert({}),
        alert({ id: 'a2', readAt: '2026-11-25T01:01:00Z' }),
        alert({ id: 'a3', deleted: true }),
      ]),
    ).toBe(1);
  });

  it('notifies urgent, unread, unacknowledged, recent alerts once', () => {
    const all = [
      alert({ id: 'new' }),
      alert({ id: 'quiet', urgent: false }),
      alert({ id: 'read', readAt: '2026-11-25T01:02:00Z' }),
      alert({ id: 'acked', acknowledgedAt: '2026-11-25T01:02:00Z' }),
      alert({ id: 'shown' }),
      alert({ id: 'old', at: '2026-11-24T20:00:00.000Z' }),
    ];
    expect(
      alertsToNotify(all, new Set(['shown']), { doNotDisturb: false, nowMs: now }).map((a) => a.id),
    ).toEqual(['new']);
  });

  it('do-not-disturb quiets backup and manager alerts, never the responder’s', () => {
    const all = [
      alert({ id: 'duty', role: 'responder' }),
      alert({ id: 'backup', role: 'backup_tam' }),
      alert({ id: 'boss', role: 'team_manager' }),
    ];
    expect(alertsToNotify(all, new Set(), { doNotDisturb: true, nowMs: now }).map((a) => a.id)).toEqual([
      'duty',
    ]);
    expect(alertsToNotify(all, new Set(), { doNotDisturb: false, nowMs: now })).toHaveLength(3);
  });

  it('does not notify an alert its incident has outgrown: answered, closed, re-levelled or past that stage', () => {
    const open: AlertIncidentNow = { severity: 1, status: 'in_progress', firstResponseAt: null };
    const cases: Array<[string, Partial<Alert>, AlertIncidentNow | undefined, boolean]> = [
      ['as planned', {}, open, true],
      ['not in the replica', {}, undefined, true],
      ['answered', {}, { ...open, firstResponseAt: '2026-11-25T01:03:00Z' }, false],
      ['closed', {}, { ...open, status: 'closed' }, false],
      ['deleted', {}, { ...open, deleted: true }, false],
      ['planned for level 2, now level 1', { severity: 2 }, open, false],
    ];
    for (const [what, over, incident, notified] of cases) {
      const incidents = new Map<string, AlertIncidentNow>(incident ? [['i1', incident]] : []);
      expect(
        alertsToNotify([alert(over)], new Set(), { doNotDisturb: false, nowMs: now, incidents }).length,
        what,
      ).toBe(notified ? 1 : 0);
    }
    // A breach that reached the user makes the same incident's at-risk alert old news (even
    // when the breach itself is too old to notify); another incident's at-risk alert is not.
    const risk = alert({ id: 'risk', stage: 'at_risk' });
    const breach = alert({ id: 'breach', stage: 'breach', at: '2026-11-24T20:00:00.000Z' });
    const other = alert({ id: 'other', stage: 'at_risk', incidentId: 'i2' });
    expect(
      alertsToNotify([risk, breach, other], new Set(), { doNotDisturb: false, nowMs: now }).map((a) => a.id),
    ).toEqual(['other']);
  });
});

describe('teamEscalations', () => {
  const customer = {
    ...env,
    id: 'c1',
    nameJa: 'アルファ',
    nameLatin: 'Alpha',
    contractTier: 'msa_enterprise',
    supportPolicyId: 'msa-enterprise',
    contractStart: '2025-04-01',
    contractEnd: '2028-03-31',
    calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
    tamId: 'tam',
    backupTamId: null,
    team: 'X',
  } as Customer;
  const incident = (id: string, receivedAt: string, over: Partial<Incident> = {}): Incident => ({
    ...env,
    id,
    customerId: 'c1',
    title: id,
    description: '',
    severity: 1,
    channel: 'phone',
    status: 'new',
    receivedAt,
    firstResponseAt: null,
    resolvedAt: null,
    severityHistory: [{ severity: 1, at: receivedAt, by: 'tam' }],
    createdBy: 'tam',
    ...over,
  });
  const roster: DutyShift[] = [
    {
      ...env,
      id: 's',
      userId: 'duty',
      startsAt: '2026-11-25T09:00:00Z',
      endsAt: '2026-11-26T00:00:00Z',
      note: null,
    },
  ];
  const ack: TimelineEvent = {
    ...env,
    id: 'e',
    incidentId: 'late',
    customerId: 'c1',
    kind: 'alert_acknowledged',
    at: '2026-11-25T11:20:00Z',
    authorId: 'duty',
    body: 'breach',
    visibility: 'internal',
    isAnswer: false,
    meta: null,
  };

  it('lists at-risk and breached incidents, most overdue first, with the responder now and the minutes left', () => {
    // 20:25 in Tokyo (outside hours): the duty manager answers.
    const nowMs = Date.parse('2026-11-25T11:25:00Z');
    const rows = teamEscalations({
      incidents: [
        incident('fine', '2026-11-25T11:20:00Z'),
        incident('risky', '2026-11-25T11:02:00Z'),
        incident('late', '2026-11-25T10:40:00Z'),
        incident('answered', '2026-11-25T10:40:00Z', { firstResponseAt: '2026-11-25T10:45:00Z' }),
      ],
      customers: new Map([['c1', customer]]),
      absences: [],
      roster,
      acknowledgements: [ack],
      nowMs,
    });
    expect(
      rows.map((r) => [
        r.incident.id,
        r.state,
        r.minutesLeft,
        r.responder,
        r.responderId,
        r.acknowledged?.by ?? null,
      ]),
    ).toEqual([
      ['late', 'breached', -15, 'duty_manager', 'duty', 'duty'],
      ['risky', 'at_risk', 7, 'duty_manager', 'duty', null],
    ]);
  });
});
