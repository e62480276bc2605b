import { describe, expect, it } from 'vitest';
import { buildDailyCriticalReport } from './critical-report';
import type { DailyCriticalReportInput } from './critical-report';
import { customer, event, incident, report, request, user, uuid } from '../../analytics/testing/fixtures';

const sato = user(uuid('sato'), '佐藤 花子');
const c = customer({ id: uuid('dc'), tamId: sato.id });
const id = (n: string) => uuid(`d-${n}`);

// Tue Mar 3 20:00 by email, out of hours: the 30-minute clock starts Wed 09:00; answered 09:20.
const critical = incident({
  id: id('inc'),
  customerId: c.id,
  severity: 1,
  channel: 'email',
  receivedAt: '2026-03-03T20:00:00+09:00',
  firstResponseAt: '2026-03-04T09:20:00+09:00',
  title: 'Mail gateway down',
});
const other = id('other');

const base: DailyCriticalReportInput = {
  customer: c,
  incident: critical,
  events: [
    event(id('ev1'), critical.id, c.id, '2026-03-04T09:20:00+09:00', { kind: 'response', isAnswer: true }),
    event(id('ev2'), critical.id, c.id, '2026-03-04T17:00:00+09:00', { kind: 'report_sent' }),
    event(id('ev3'), critical.id, c.id, '2026-03-05T10:00:00+09:00', {
      kind: 'vendor_update',
      authorId: uuid('vendor'),
    }),
    event(id('ev4'), critical.id, c.id, '2026-03-05T11:00:00+09:00', { visibility: 'internal' }),
    event(id('ev5'), critical.id, c.id, '2026-03-04T18:30:00+09:00', { kind: 'call', authorId: sato.id }),
    event(id('ev6'), critical.id, c.id, '2026-03-05T16:00:00+09:00'),
    event(id('ev7'), other, c.id, '2026-03-05T10:30:00+09:00'),
  ],
  reportLog: [
    report(id('rep1'), c.id, {
      kind: 'daily',
      incidentId: critical.id,
      sentAt: '2026-03-04T17:00:00+09:00',
      via: 'email',
      periodStart: '2026-03-04',
      periodEnd: '2026-03-04',
    }),
    report(id('rep2'), c.id, {
      kind: 'daily',
      incidentId: other,
      sentAt: '2026-03-05T09:00:00+09:00',
      via: 'phone',
      periodStart: '2026-03-05',
      periodEnd: '2026-03-05',
    }),
  ],
  users: [sato],
  requests: [
    request(id('sig'), c.id, 'signature_release', [['submitted', '2026-03-04T12:00:00+09:00']], {
      incidentId: critical.id,
    }),
    request(id('unrelated'), c.id, 'signature_release', [['submitted', '2026-03-04T12:00:00+09:00']]),
  ],
  locale: 'en',
  now: '2026-03-05T15:00:00+09:00',
};

describe('buildDailyCriticalReport', () => {
  const model = buildDailyCriticalReport(base);

  it('states the incident and its response SLA', () => {
    expect(model.kind).toBe('daily_critical');
    expect(model.date).toBe('2026-03-05');
    expect(model.incident).toMatchObject({
      id: critical.id,
      severity: 1,
      status: 'in_progress',
      open: true,
      openForMs: 43 * 3_600_000,
    });
    expect(model.sla).toEqual({
      state: 'met',
      outcome: 'met',
      severity: 1,
      clock: 'calendar',
      clockStartAt: '2026-03-04T09:00:00.000+09:00',
      deferredReason: 'out_of_hours_non_phone',
      dueAt: '2026-03-04T09:30:00.000+09:00',
      remainingMs: null,
      responseMs: 20 * 60_000,
      targetMs: 30 * 60_000,
    });
  });

  it('is the second report, due today by 18:00, after the one sent yesterday', () => {
    expect(model.dailyReport).toEqual({
      sequence: 2,
      status: 'due',
      dueBy: '2026-03-05T18:00:00.000+09:00',
      previous: { sentAt: '2026-03-04T17:00:00+09:00', via: 'email' },
    });
  });

  it('lists the customer-visible timeline since the last report, in time order', () => {
    expect(model.timeline.since).toBe('2026-03-04T17:00:00+09:00');
    expect(model.timeline.sinceLastReport).toBe(true);
    expect(model.timeline.events.map((e) => e.eventId)).toEqual([id('ev5'), id('ev3')]);
    expect(model.timeline.events[0]).toMatchObject({ kind: 'call', authorName: '佐藤 花子' });
    expect(model.timeline.events[1]).toMatchObject({ kind: 'vendor_update', authorName: null });
  });

  it('derives the next steps', () => {
    expect(model.nextSteps).toEqual([
      { kind: 'investigation_continues' },
      {
        kind: 'request_in_progress',
        requestId: id('sig'),
        type: 'signature_release',
        stage: 'submitted',
        title: base.requests?.[0]?.title,
      },
      { kind: 'next_daily_report', date: '2026-03-06' },
    ]);
  });

  it('starts the first report at the receipt and escalates an unanswered breach', () => {
    const unanswered = { ...critical, firstResponseAt: null, channel: 'phone' as const };
    const first = buildDailyCriticalReport({ ...base, incident: unanswered, reportLog: [], requests: [] });
    expect(first.dailyReport.sequence).toBe(1);
    expect(first.dailyReport.previous).toBeNull();
    expect(first.timeline).toMatchObject({ since: critical.receivedAt, sinceLastReport: false });
    // From the receipt: the response and the report_sent entry are in too.
    expect(first.timeline.events.map((e) => e.eventId)).toEqual([id('ev1'), id('ev2'), id('ev5'), id('ev3')]);
    expect(first.sla).toMatchObject({ state: 'breached', dueAt: '2026-03-03T20:30:00.000+09:00' });
    expect(first.nextSteps.slice(0, 3)).toEqual([
      { kind: 'answer_due', dueAt: '2026-03-03T20:30:00.000+09:00', slaState: 'breached' },
      { kind: 'duty_manager_escalation', slaState: 'breached' },
      { kind: 'investigation_continues' },
    ]);
  });

  it('asks for confirmation once resolved and owes no more daily reports', () => {
    const resolved = { ...critical, status: 'resolved' as const, resolvedAt: '2026-03-05T11:00:00+09:00' };
    const last = buildDailyCriticalReport({ ...base, incident: resolved });
    expect(last.incident.open).toBe(false);
    expect(last.dailyReport.status).toBeNull();
    expect(last.nextSteps).toEqual([{ kind: 'confirm_resolution' }]);
  });

  it('refuses an incident that is not level 1', () => {
    expect(() => buildDailyCriticalReport({ ...base, incident: { ...critical, severity: 2 } })).toThrow(
      RangeError,
    );
  });
});
