// The app's side of reply templates: the fill through the glossary's level names (ja/en) and
// the insert dialog's search (words, language, width folding).
import { describe, expect, it } from 'vitest';
import type { Customer, Incident, ReplyTemplate } from '../../../shared/model/entities';
import { fillForIncident, levelLabels } from './fill';
import { searchTemplates } from './InsertTemplate';

const env = (id: string) => ({ id, version: 1, updatedAt: '2026-11-26T00:00:00Z', deleted: false });
const U = '00000000-0000-4000-8000-0000000000aa';

const customer: Customer = {
  ...env('cust-sg'),
  nameJa: 'シンガポール電機',
  nameLatin: 'Singapore Electric Pte. Ltd.',
  contractTier: 'msa_enterprise',
  supportPolicyId: 'msa-enterprise',
  contractStart: '2025-09-01',
  contractEnd: '2028-08-31',
  calendar: { timeZone: 'Asia/Singapore', country: 'SG' },
  tamId: U,
  backupTamId: null,
  team: 'msa-tokyo',
};

// Level 1 by phone at 2026-12-01 10:00 Singapore time: calendar clock, 30 min → 10:30 SGT.
const incident: Incident = {
  ...env('abcdef12-0000-4000-8000-000000000001'),
  customerId: 'cust-sg',
  title: 'Outage',
  description: '',
  severity: 1,
  channel: 'phone',
  status: 'new',
  receivedAt: '2026-12-01T02:00:00Z',
  firstResponseAt: null,
  resolvedAt: null,
  severityHistory: [{ severity: 1, at: '2026-12-01T02:00:00Z', by: U }],
  createdBy: U,
};

const template = (over: Partial<ReplyTemplate>): ReplyTemplate => ({
  ...env(over.id ?? 't'),
  scope: 'team',
  team: 'msa-tokyo',
  ownerId: null,
  name: 'T',
  language: 'ja',
  body: '',
  updatedBy: U,
  ...over,
});

const BODY =
  '{{customer.name}} / {{incident.number}} / {{incident.level}} / {{incident.dueAt}} / {{tam.signature}}';

describe('fillForIncident (the glossary level names)', () => {
  it('fills every field in Japanese', () => {
    const r = fillForIncident({
      template: { body: BODY, language: 'ja' },
      customer,
      incident,
      tam: { name: '佐藤 遥' },
      signature: null,
      now: Date.parse('2026-12-01T02:05:00Z'),
    });
    expect(r).toMatchObject({
      ok: true,
      text: 'シンガポール電機 / abcdef12 / レベル 1 クリティカル / 2026/12/01 10:30（シンガポール (UTC+8)） / 佐藤 遥',
    });
  });

  it('fills every field in English, with the signature', () => {
    const r = fillForIncident({
      template: { body: BODY, language: 'en' },
      customer,
      incident,
      tam: { name: 'Sato Haruka' },
      signature: 'Haruka Sato\nTechnical Account Manager',
      now: Date.parse('2026-12-01T02:05:00Z'),
    });
    expect(r.text).toBe(
      'Singapore Electric Pte. Ltd. / abcdef12 / Level 1 Critical / 1 Dec 2026, 10:30 (Singapore (UTC+8)) / Haruka Sato\nTechnical Account Manager',
    );
  });

  it('names every level in both languages', () => {
    expect(Object.values(levelLabels('en'))).toEqual([
      'Level 1 Critical',
      'Level 2 High',
      'Level 3 Medium',
      'Level 4 Low',
    ]);
    expect(levelLabels('ja')[4]).toBe('レベル 4 低');
  });
});

describe('searchTemplates', () => {
  const rows = [
    template({ id: 'a', name: '初回回答', language: 'ja', body: '{{customer.name}} 御中' }),
    template({ id: 'b', name: 'First response', language: 'en', body: 'Dear {{customer.name}}' }),
    template({ id: 'c', name: 'ﾛｸﾞ取得', language: 'ja', body: 'ログをお送りください' }),
  ];
  const ids = (r: ReplyTemplate[]) => r.map((x) => x.id);

  it('filters by language', () => {
    expect(ids(searchTemplates(rows, '', 'ja'))).toEqual(['a', 'c']);
    expect(ids(searchTemplates(rows, '', 'en'))).toEqual(['b']);
    expect(ids(searchTemplates(rows, '', 'all'))).toEqual(['a', 'b', 'c']);
  });

  it('matches every word in the name or the text, case and width folded', () => {
    expect(ids(searchTemplates(rows, 'FIRST dear', 'all'))).toEqual(['b']);
    expect(ids(searchTemplates(rows, 'ログ', 'ja'))).toEqual(['c']);
    expect(ids(searchTemplates(rows, 'first', 'ja'))).toEqual([]);
  });
});
