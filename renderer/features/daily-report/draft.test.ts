// The daily report draft as the customer reads it: the facts of shared/reports/daily/draft.ts
// worded by draft.ts in the report's language.
import { describe, expect, it } from 'vitest';
import { base, customer, daily, incident } from '../../../shared/reports/daily/draft.fixtures';
import { buildDailyDraft } from './draft';

describe('buildDailyDraft in Japanese', () => {
  const draft = buildDailyDraft({
    ...base,
    locale: 'ja',
    reports: [daily('r1', '2026-11-26T08:00:00Z')],
    now: '2026-11-27T01:00:00Z',
  });

  it('has a Japanese subject with the incident title and the customer-local date', () => {
    expect(draft.subject).toBe('【日次状況報告】System crash after scan（2026-11-27）');
    expect(draft.reportDate).toBe('2026-11-27');
  });
  it('addresses the contact, gives title, status and SLA state', () => {
    expect(draft.body).toContain('株式会社さくら銀行\n山田 太郎 様');
    expect(draft.body).toContain('佐藤 遥です。');
    expect(draft.body).toContain('■ インシデント\nSystem crash after scan');
    expect(draft.body).toContain('現在のステータス: 対応中');
    expect(draft.body).toContain('重要度: レベル 1 クリティカル');
    expect(draft.body).toContain('応答時間: 目標時間内に初回回答済み（2026-11-26 10:20）');
    expect(draft.body).toContain('応答時間の目標: 30 分');
    expect(draft.body).toContain('※ 日時はすべてお客様の現地時間（東京 (UTC+9)）です。');
    expect(draft.body).not.toContain('Asia/Tokyo');
  });
  it('lists only customer-visible events since the last daily report', () => {
    expect(draft.since).toBe('2026-11-26T08:00:00Z');
    expect(draft.sinceLastReport).toBe(true);
    expect(draft.body).toContain('■ 前回のご報告（2026-11-26 17:00）以降の経過');
    expect(draft.body).toContain('・2026-11-27 09:30 ステータスを「新規受付」から「対応中」に変更しました。');
    expect(draft.body).not.toContain('Customer called in.');
    expect(draft.body).not.toContain('internal');
    expect(draft.body).not.toContain('not yet');
    expect(draft.events.map((e) => e.id)).toEqual(['status']);
  });
  it('gives the next steps: investigation, the linked request, the next report', () => {
    expect(draft.body).toContain('・弊社技術チームと連携し、調査・対応を継続いたします。');
    expect(draft.body).toContain('・非公開パッチ依頼「Scan engine fix」: 現在「開発中」です。');
    expect(draft.body).toContain('・次回のご報告は 2026-11-28 にお送りいたします。');
  });
});

describe('buildDailyDraft in English', () => {
  it('writes the first report since receipt, with the receipt included', () => {
    const draft = buildDailyDraft({ ...base, locale: 'en', now: '2026-11-26T02:00:00Z' });
    expect(draft.subject).toBe('[Daily status report] System crash after scan (2026-11-26)');
    expect(draft.body).toContain('Sakura Bank, Ltd.\nDear Yamada Taro,');
    expect(draft.body).toContain('Current status: In progress');
    expect(draft.body).toContain('Severity: Level 1 Critical');
    expect(draft.body).toContain('Response time: First answer given within the target (2026-11-26 10:20)');
    expect(draft.body).toContain('## Since we received it (2026-11-26 10:00)');
    expect(draft.body).toContain('- 2026-11-26 10:00 Call: Customer called in.');
    expect(draft.body).toContain('- 2026-11-26 10:20 Answer: Workaround: disable the scheduled scan.');
    expect(draft.body).not.toContain('Escalated with logs');
    expect(draft.body).toContain('- Private patch request "Scan engine fix": now in development.');
    expect(draft.body).toContain('- Our next report will follow on 2026-11-27.');
    expect(draft.body).toContain('Best regards,\n佐藤 遥');
    expect(draft.sinceLastReport).toBe(false);
  });

  it('says when the first answer is due, at risk, or overdue', () => {
    const unanswered = { ...incident, firstResponseAt: null };
    const running = buildDailyDraft({
      ...base,
      incident: unanswered,
      events: [],
      locale: 'en',
      now: '2026-11-26T01:10:00Z',
    });
    expect(running.sla.state).toBe('running');
    expect(running.body).toContain('Response time: First answer due by 2026-11-26 10:30 (20 min left)');
    expect(running.body).toContain('- We will send our first answer by 2026-11-26 10:30.');
    expect(running.body).toContain('No new developments since we received the incident.');
    const atRisk = buildDailyDraft({
      ...base,
      incident: unanswered,
      locale: 'en',
      now: '2026-11-26T01:25:00Z',
    });
    expect(atRisk.body).toContain('(5 min left, at risk)');
    const breached = buildDailyDraft({
      ...base,
      incident: unanswered,
      locale: 'ja',
      now: '2026-11-26T02:00:00Z',
    });
    expect(breached.body).toContain(
      '初回回答期限 2026-11-26 10:30 を過ぎています。当番マネージャーにエスカレーションしております。',
    );
    expect(breached.body).toContain('・初回のご回答を至急お送りいたします。');
  });

  it('uses the Latin contact name, or the name when there is none', () => {
    const draft = buildDailyDraft({
      ...base,
      contact: { name: 'Michael Brown', nameLatin: null },
      locale: 'en',
      now: '2026-11-26T02:00:00Z',
    });
    expect(draft.body).toContain('Dear Michael Brown,');
  });

  it('asks to confirm a resolved incident; waits on the customer', () => {
    const resolved = buildDailyDraft({
      ...base,
      incident: { ...incident, status: 'resolved' },
      locale: 'en',
      now: '2026-11-26T02:00:00Z',
    });
    expect(resolved.body).toContain('Please confirm that the solution works');
    const waiting = buildDailyDraft({
      ...base,
      incident: { ...incident, status: 'waiting_customer' },
      locale: 'ja',
      now: '2026-11-26T02:00:00Z',
    });
    expect(waiting.body).toContain('ご依頼している情報（ログ等）のご提供をお待ちしております。');
  });

  it('writes times in the customer zone (New York), whatever the machine zone', () => {
    const ny = { ...customer, calendar: { timeZone: 'America/New_York', country: 'US' } };
    const draft = buildDailyDraft({ ...base, customer: ny, locale: 'en', now: '2026-11-26T02:00:00Z' });
    expect(draft.reportDate).toBe('2026-11-25');
    expect(draft.body).toContain('Received: 2026-11-25 20:00');
  });
});
