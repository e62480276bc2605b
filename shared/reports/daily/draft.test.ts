import { describe, expect, it } from 'vitest';
import { base, customer, daily, event, incident, U } from './draft.fixtures';
import {
  dailyDraftModel,
  dailyReportBoard,
  dailyReportLogArgs,
  defaultDraftLocale,
  eventsForDailyReport,
  lastDailyReport,
  mailtoUrl,
} from './draft';

describe('dailyDraftModel', () => {
  it('gives the facts as data and codes, never words: the renderer writes them', () => {
    const m = dailyDraftModel({
      ...base,
      locale: 'ja',
      reports: [daily('r1', '2026-11-26T08:00:00Z')],
      now: '2026-11-27T01:00:00Z',
    });
    expect(m).toMatchObject({
      reportDate: '2026-11-27',
      since: '2026-11-26T08:00:00Z',
      sinceLastReport: true,
      zone: 'Asia/Tokyo',
    });
    expect(m.slaLine).toEqual({ state: 'met', at: incident.firstResponseAt });
    expect(m.target).toEqual({ minutes: 30, business: false, deferredUntil: null });
    expect(m.eventLines).toEqual([
      { at: '2026-11-27T00:30:00Z', change: 'status', from: 'new', to: 'in_progress' },
    ]);
    expect(m.next.map((n) => n.kind)).toEqual(['investigating', 'request', 'nextReport']);
    expect(m.next[1]).toMatchObject({ requestType: 'private_patch', stage: 'in_development' });
    expect(m.customerName).toBe('株式会社さくら銀行');
  });

  it('promises the first answer while unanswered, and when it is late', () => {
    const unanswered = { ...incident, firstResponseAt: null };
    const running = dailyDraftModel({
      ...base,
      incident: unanswered,
      events: [],
      locale: 'en',
      now: '2026-11-26T01:10:00Z',
    });
    expect(running.slaLine).toMatchObject({ state: 'running', leftMinutes: 20 });
    expect(running.next[0]).toEqual({ kind: 'firstAnswer', due: running.sla.dueAt });
    const breached = dailyDraftModel({
      ...base,
      incident: unanswered,
      locale: 'ja',
      now: '2026-11-26T02:00:00Z',
    });
    expect(breached.next[0]).toEqual({ kind: 'firstAnswerAsap' });
  });
});

describe('eventsForDailyReport and lastDailyReport', () => {
  it('takes the latest daily report of the incident sent by now', () => {
    const reports = [
      daily('r1', '2026-11-26T08:00:00Z'),
      daily('r2', '2026-11-27T08:00:00Z'),
      daily('other', '2026-11-27T09:00:00Z', { incidentId: 'inc-2' }),
      daily('q', '2026-11-27T09:00:00Z', { kind: 'quarterly' }),
    ];
    expect(lastDailyReport(reports, 'inc-1', '2026-11-27T07:00:00Z')?.id).toBe('r1');
    expect(lastDailyReport(reports, 'inc-1')?.id).toBe('r2');
    expect(lastDailyReport(reports, 'inc-3')).toBeNull();
  });
  it('leaves out report_sent events', () => {
    const sent = event('sent', '2026-11-26T05:00:00Z', { kind: 'report_sent' });
    expect(eventsForDailyReport([sent], '2026-11-26T00:00:00Z', '2026-11-27T00:00:00Z')).toEqual([]);
  });
});

describe('dailyReportBoard', () => {
  const l2 = {
    ...incident,
    id: 'inc-2',
    severity: 2 as const,
    severityHistory: [{ severity: 2 as const, at: incident.receivedAt, by: U }],
  };
  const closed = { ...incident, id: 'inc-3', status: 'closed' as const };
  const early = { ...incident, id: 'inc-4', receivedAt: '2026-11-25T01:00:00Z' };
  it("lists open level-1 incidents with today's status, overdue first", () => {
    const board = dailyReportBoard({
      customers: [customer],
      incidents: [incident, l2, closed, early],
      reports: [daily('r1', '2026-11-27T00:00:00Z', { incidentId: 'inc-4' })],
      now: '2026-11-27T10:00:00Z', // 19:00 JST: after the 18:00 cut-off
    });
    expect(board.map((b) => [b.incident.id, b.today.status])).toEqual([
      ['inc-1', 'overdue'],
      ['inc-4', 'done'],
    ]);
    expect(board[1]?.lastReport?.id).toBe('r1');
  });
  it('is due before the cut-off', () => {
    const board = dailyReportBoard({
      customers: [customer],
      incidents: [incident],
      reports: [],
      now: '2026-11-27T02:00:00Z',
    });
    expect(board[0]?.today).toMatchObject({ status: 'due', dueBy: '2026-11-27T18:00:00.000+09:00' });
  });
});

describe('defaultDraftLocale', () => {
  it("is the primary contact's locale, else the first contact's, else the fallback", () => {
    expect(
      defaultDraftLocale(
        [
          { isPrimary: false, locale: 'ja', deleted: false },
          { isPrimary: true, locale: 'en', deleted: false },
        ],
        'ja',
      ),
    ).toBe('en');
    expect(defaultDraftLocale([{ isPrimary: false, locale: 'en', deleted: false }], 'ja')).toBe('en');
    expect(defaultDraftLocale([], 'ja')).toBe('ja');
  });
});

describe('mailtoUrl', () => {
  it('encodes subject and body with CRLF line breaks', () => {
    const url = mailtoUrl({
      to: ['yamada@sakura-bank.example.jp'],
      subject: '【日次状況報告】A & B',
      body: 'line 1\nline 2',
    });
    expect(url).toBe(
      'mailto:yamada@sakura-bank.example.jp?subject=%E3%80%90%E6%97%A5%E6%AC%A1%E7%8A%B6%E6%B3%81%E5%A0%B1%E5%91%8A%E3%80%91A%20%26%20B&body=line%201%0D%0Aline%202',
    );
  });
});

describe('dailyReportLogArgs', () => {
  it("logs the report on the customer's local date", () => {
    expect(
      dailyReportLogArgs({
        customer,
        incident,
        via: 'phone',
        sentAt: '2026-11-26T16:00:00Z',
        note: '  called Yamada-san ',
      }),
    ).toEqual({
      customerId: 'cust-1',
      kind: 'daily',
      periodStart: '2026-11-27',
      periodEnd: '2026-11-27',
      sentAt: '2026-11-26T16:00:00Z',
      via: 'phone',
      incidentId: 'inc-1',
      note: 'called Yamada-san',
    });
    expect(
      dailyReportLogArgs({ customer, incident, via: 'email', sentAt: '2026-11-26T01:00:00Z', note: ' ' }),
    ).not.toHaveProperty('note');
  });
});
