import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Absence, Customer, DutyShift, Incident, User } from '../model/entities';
import { alertId, alertsToSend } from './delivery';
import type { DeliveredAlert } from './delivery';
import { alertSchedule } from './schedule';
import type { AlertScheduleInput, PlannedAlert } from './schedule';

// A Tokyo customer on the default calendar (09:00–18:00 Mon–Fri, Japanese holidays).
// Wednesday 2026-11-25 is an ordinary business day there.
const TAM = 'tam-sato';
const BACKUP = 'tam-kobayashi';
const MANAGER = 'mgr-tanaka';
const DUTY = 'duty-nakamura';
const OTHER_TEAM_MANAGER = 'mgr-osaka';

const customer: AlertScheduleInput['customer'] = {
  id: 'c1',
  calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
  contractTier: 'msa_enterprise',
  supportPolicyId: 'msa-enterprise',
  tamId: TAM,
  backupTamId: BACKUP,
  team: 'msa-tokyo',
} satisfies Partial<Customer>;

const users: AlertScheduleInput['users'] = [
  { id: TAM, role: 'tam', team: 'msa-tokyo', deleted: false },
  { id: BACKUP, role: 'tam', team: 'msa-tokyo', deleted: false },
  { id: MANAGER, role: 'manager', team: 'msa-tokyo', deleted: false },
  { id: DUTY, role: 'manager', team: 'msa-osaka', deleted: false },
  { id: OTHER_TEAM_MANAGER, role: 'manager', team: 'msa-osaka', deleted: true },
] satisfies Partial<User>[];

const env = { version: 1, updatedAt: '2026-11-01T00:00:00Z', deleted: false };
// The duty manager covers 18:00 on the 25th to 09:00 on the 26th, and the day of the 25th.
const roster: DutyShift[] = [
  {
    ...env,
    id: 's1',
    userId: DUTY,
    startsAt: '2026-11-25T09:00:00+09:00',
    endsAt: '2026-11-25T18:00:00+09:00',
    note: null,
  },
  {
    ...env,
    id: 's2',
    userId: DUTY,
    startsAt: '2026-11-25T18:00:00+09:00',
    endsAt: '2026-11-26T09:00:00+09:00',
    note: null,
  },
];

function incident(
  over: Partial<Incident> & Pick<Incident, 'receivedAt' | 'severity' | 'channel'>,
): AlertScheduleInput['incident'] {
  return {
    id: 'i1',
    status: 'new',
    firstResponseAt: null,
    severityHistory: [{ severity: over.severity, at: over.receivedAt, by: TAM }],
    ...over,
  };
}

/** The schedule as a table: [stage, instant (UTC), 'user:role' ...]. */
function table(plan: PlannedAlert[]): Array<[string, string, string]> {
  return plan.map((p) => [p.stage, p.at, p.recipients.map((r) => `${r.userId}:${r.role}`).join(' ')]);
}

const schedule = (inc: AlertScheduleInput['incident'], absences: Absence[] = [], now = inc.receivedAt) =>
  alertSchedule({ incident: inc, customer, users, absences, roster, now });

describe('alertSchedule: level 1 (30 calendar minutes), hand-checked', () => {
  it('in business hours: the TAM answers; backup at a quarter left; the team manager at the breach and 15 min after', () => {
    const plan = schedule(
      incident({ receivedAt: '2026-11-25T10:00:00+09:00', severity: 1, channel: 'phone' }),
    );
    expect(table(plan)).toEqual([
      ['arrival', '2026-11-25T01:00:00.000Z', `${TAM}:responder`],
      ['warning', '2026-11-25T01:15:00.000Z', `${TAM}:responder`],
      ['at_risk', '2026-11-25T01:22:30.000Z', `${TAM}:responder ${BACKUP}:backup_tam`],
      ['breach', '2026-11-25T01:30:00.000Z', `${TAM}:responder ${MANAGER}:team_manager`],
      ['escalation', '2026-11-25T01:45:00.000Z', `${MANAGER}:team_manager`],
    ]);
    expect(plan.every((p) => p.urgent && p.dueAt === '2026-11-25T10:30:00.000+09:00')).toBe(true);
  });

  it('outside business hours by phone: the rostered duty manager answers, the clock runs at once', () => {
    const plan = schedule(
      incident({ receivedAt: '2026-11-25T20:00:00+09:00', severity: 1, channel: 'phone' }),
    );
    expect(table(plan)).toEqual([
      ['arrival', '2026-11-25T11:00:00.000Z', `${DUTY}:responder`],
      ['warning', '2026-11-25T11:15:00.000Z', `${DUTY}:responder`],
      ['at_risk', '2026-11-25T11:22:30.000Z', `${DUTY}:responder ${BACKUP}:backup_tam`],
      ['breach', '2026-11-25T11:30:00.000Z', `${DUTY}:responder ${MANAGER}:team_manager`],
      ['escalation', '2026-11-25T11:45:00.000Z', `${MANAGER}:team_manager`],
    ]);
  });

  it('outside business hours by e-mail: the clock starts at the next opening; the arrival still goes to the duty manager at once', () => {
    const plan = schedule(
      incident({ receivedAt: '2026-11-25T20:00:00+09:00', severity: 1, channel: 'email' }),
    );
    expect(table(plan)).toEqual([
      ['arrival', '2026-11-25T11:00:00.000Z', `${DUTY}:responder`],
      ['warning', '2026-11-26T00:15:00.000Z', `${TAM}:responder`],
      ['at_risk', '2026-11-26T00:22:30.000Z', `${TAM}:responder ${BACKUP}:backup_tam`],
      ['breach', '2026-11-26T00:30:00.000Z', `${TAM}:responder ${MANAGER}:team_manager`],
      ['escalation', '2026-11-26T00:45:00.000Z', `${MANAGER}:team_manager`],
    ]);
  });

  it('during the TAM’s absence: the duty manager answers in business hours too', () => {
    const leave: Absence = {
      ...env,
      id: 'a1',
      userId: TAM,
      startDate: '2026-11-25',
      endDate: '2026-11-25',
      kind: 'leave',
      note: null,
    };
    const plan = schedule(
      incident({ receivedAt: '2026-11-25T10:00:00+09:00', severity: 1, channel: 'portal' }),
      [leave],
    );
    expect(table(plan).map(([stage, , who]) => [stage, who])).toEqual([
      ['arrival', `${DUTY}:responder`],
      ['warning', `${DUTY}:responder`],
      ['at_risk', `${DUTY}:responder ${BACKUP}:backup_tam`],
      ['breach', `${DUTY}:responder ${MANAGER}:team_manager`],
      ['escalation', `${MANAGER}:team_manager`],
    ]);
  });

  it('a gap in the roster: the team manager answers for the responder', () => {
    const plan = alertSchedule({
      incident: incident({ receivedAt: '2026-11-27T20:00:00+09:00', severity: 1, channel: 'phone' }),
      customer,
      users,
      absences: [],
      roster,
      now: '2026-11-27T20:00:00+09:00',
    });
    expect(plan[0]!.recipients).toEqual([{ userId: MANAGER, role: 'team_manager' }]);
  });
});

describe('alertSchedule: other levels and states', () => {
  it('level 3 (6 business hours) late in the day: a quarter left at 12:30 the next day, breach at 14:00', () => {
    const plan = schedule(
      incident({ receivedAt: '2026-11-25T17:00:00+09:00', severity: 3, channel: 'portal' }),
    );
    expect(table(plan)).toEqual([
      ['at_risk', '2026-11-26T03:30:00.000Z', `${TAM}:responder`],
      ['breach', '2026-11-26T05:00:00.000Z', `${TAM}:responder ${MANAGER}:team_manager`],
    ]);
    expect(plan.map((p) => p.urgent)).toEqual([false, true]);
  });

  it('nothing once answered, resolved or closed', () => {
    const base = { receivedAt: '2026-11-25T10:00:00+09:00', severity: 1 as const, channel: 'phone' as const };
    expect(schedule(incident({ ...base, firstResponseAt: '2026-11-25T10:05:00+09:00' }))).toEqual([]);
    expect(schedule(incident({ ...base, status: 'resolved' }))).toEqual([]);
    expect(schedule(incident({ ...base, status: 'closed' }))).toEqual([]);
  });

  it('raised to level 1 later: the level in force decides the stages', () => {
    const inc = incident({
      receivedAt: '2026-11-25T10:00:00+09:00',
      severity: 3,
      channel: 'phone',
      severityHistory: [
        { severity: 3, at: '2026-11-25T10:00:00+09:00', by: TAM },
        { severity: 1, at: '2026-11-25T10:10:00+09:00', by: TAM },
      ],
    });
    expect(schedule(inc, [], '2026-11-25T10:09:00+09:00').map((p) => p.stage)).toEqual(['at_risk', 'breach']);
    expect(schedule(inc, [], '2026-11-25T10:10:00+09:00').map((p) => p.stage)).toEqual([
      'arrival',
      'warning',
      'at_risk',
      'breach',
      'escalation',
    ]);
  });
});

describe('alertsToSend', () => {
  const plan = schedule(incident({ receivedAt: '2026-11-25T10:00:00+09:00', severity: 1, channel: 'phone' }));
  const at = (iso: string) => Date.parse(iso);

  it('sends each stage once, when it comes due', () => {
    expect(alertsToSend('i1', plan, [], at('2026-11-25T00:59:59Z'))).toEqual([]);
    const first = alertsToSend('i1', plan, [], at('2026-11-25T01:00:00Z'));
    expect(first.map((a) => [a.stage, a.recipientId, a.role])).toEqual([['arrival', TAM, 'responder']]);
    const made: DeliveredAlert[] = [{ stage: 'arrival', recipientId: TAM, acknowledgedAt: null }];
    expect(alertsToSend('i1', plan, made, at('2026-11-25T01:10:00Z'))).toEqual([]);
  });

  it('after a pause (a restart), a recipient hears once, of the latest stage, never of an earlier one later', () => {
    const made: DeliveredAlert[] = [{ stage: 'arrival', recipientId: TAM, acknowledgedAt: null }];
    const late = alertsToSend('i1', plan, made, at('2026-11-25T01:25:00Z'));
    expect(late.map((a) => [a.stage, a.recipientId])).toEqual([
      ['at_risk', TAM],
      ['at_risk', BACKUP],
    ]);
    const after: DeliveredAlert[] = [
      ...made,
      { stage: 'at_risk', recipientId: TAM, acknowledgedAt: null },
      { stage: 'at_risk', recipientId: BACKUP, acknowledgedAt: null },
    ];
    expect(alertsToSend('i1', plan, after, at('2026-11-25T01:26:00Z'))).toEqual([]);
  });

  it('an acknowledgement stops the escalation, not the responder’s reminders', () => {
    const made: DeliveredAlert[] = [
      { stage: 'arrival', recipientId: TAM, acknowledgedAt: '2026-11-25T01:02:00Z' },
    ];
    const atBreach = alertsToSend('i1', plan, made, at('2026-11-25T01:30:00Z'));
    expect(atBreach.map((a) => [a.stage, a.recipientId])).toEqual([['breach', TAM]]);
    expect(
      alertsToSend('i1', plan, made, at('2026-11-25T01:45:00Z')).filter((a) => a.recipientId === MANAGER),
    ).toEqual([]);
  });

  it('stages older than the catch-up window are not sent', () => {
    expect(alertsToSend('i1', plan, [], at('2026-11-25T03:00:00Z'), { catchUpMs: 60 * 60_000 })).toEqual([]);
  });

  it('alert ids are UUIDs derived from (incident, stage, recipient)', () => {
    const id = alertId('i1', 'breach', TAM);
    expect(z.uuid().safeParse(id).success).toBe(true);
    expect(alertId('i1', 'breach', TAM)).toBe(id);
    expect(
      new Set([
        id,
        alertId('i1', 'breach', MANAGER),
        alertId('i1', 'at_risk', TAM),
        alertId('i2', 'breach', TAM),
      ]).size,
    ).toBe(4);
  });
});
