import { describe, expect, it } from 'vitest';
import type { Customer, Incident, Severity } from '../model/entities';
import { fillTemplate, formatDueAt, placeholdersOf, unknownFieldsOf } from './index';

const env = (id: string) => ({ id, version: 1, updatedAt: '2026-11-26T00:00:00Z', deleted: false });
const U = '00000000-0000-4000-8000-0000000000aa';
const INCIDENT_ID = '3f2a9c1e-5b7d-4c2a-9e1f-0a1b2c3d4e5f';

// Level names as the app's glossary writes them (renderer/i18n/glossary.ts; the renderer's own
// test fills through the glossary itself).
const LEVELS: Record<'ja' | 'en', Record<Severity, string>> = {
  en: { 1: 'Level 1 Critical', 2: 'Level 2 High', 3: 'Level 3 Medium', 4: 'Level 4 Low' },
  ja: { 1: 'レベル 1 クリティカル', 2: 'レベル 2 高', 3: 'レベル 3 中', 4: 'レベル 4 低' },
};

const tokyo: Customer = {
  ...env('cust-tokyo'),
  nameJa: '株式会社さくら銀行',
  nameLatin: 'Sakura Bank, Ltd.',
  contractTier: 'msa_enterprise',
  supportPolicyId: 'msa-enterprise',
  contractStart: '2025-09-01',
  contractEnd: '2028-08-31',
  calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
  tamId: U,
  backupTamId: null,
  team: 'msa-tokyo',
};

const losAngeles: Customer = {
  ...tokyo,
  ...env('cust-la'),
  nameJa: 'パシフィック物流株式会社',
  nameLatin: 'Pacific Logistics Inc.',
  calendar: { timeZone: 'America/Los_Angeles', country: 'US' },
};

// Level 2 by phone, Tue 2026-12-01 10:00 JST: calendar clock, 4 h → due 14:00 JST.
const level2: Incident = {
  ...env(INCIDENT_ID),
  customerId: 'cust-tokyo',
  title: 'Scan stops',
  description: '',
  severity: 2,
  channel: 'phone',
  status: 'new',
  receivedAt: '2026-12-01T01:00:00Z',
  firstResponseAt: null,
  resolvedAt: null,
  severityHistory: [{ severity: 2, at: '2026-12-01T01:00:00Z', by: U }],
  createdBy: U,
};

// Level 3 by e-mail, Tue 2026-12-01 14:00 in Los Angeles (22:00Z): business clock, 6 h → 4 h on
// Tuesday (to 18:00), 2 h on Wednesday from 09:00 → Wed 2026-12-02 11:00 PST (19:00Z).
const level3la: Incident = {
  ...level2,
  customerId: 'cust-la',
  severity: 3,
  channel: 'email',
  receivedAt: '2026-12-01T22:00:00Z',
  severityHistory: [{ severity: 3, at: '2026-12-01T22:00:00Z', by: U }],
};

const NOW = '2026-12-01T22:30:00Z';
const tam = { name: 'Aoi Tanaka', signature: null };

function fill(body: string, language: 'ja' | 'en', over: Partial<Parameters<typeof fillTemplate>[0]> = {}) {
  return fillTemplate({
    template: { body, language },
    customer: tokyo,
    incident: level2,
    tam,
    now: NOW,
    levelLabels: LEVELS[language],
    ...over,
  });
}

describe('fillTemplate: each field in Japanese and in English', () => {
  it('customer.name: the Japanese name in a Japanese template, the Latin name in an English one', () => {
    expect(fill('{{customer.name}} 御中', 'ja')).toMatchObject({ ok: true, text: '株式会社さくら銀行 御中' });
    expect(fill('Dear {{customer.name}}', 'en')).toMatchObject({ ok: true, text: 'Dear Sakura Bank, Ltd.' });
  });

  it('incident.number: the short number people quote, in either language', () => {
    expect(fill('件番 {{incident.number}}', 'ja').text).toBe('件番 3f2a9c1e');
    expect(fill('Case {{ incident.number }}', 'en').text).toBe('Case 3f2a9c1e');
  });

  it('incident.level: the current level with its name in the template language', () => {
    expect(fill('{{incident.level}}', 'ja').text).toBe('レベル 2 高');
    expect(fill('{{incident.level}}', 'en').text).toBe('Level 2 High');
    // A level raised before the first response: the current one.
    const raised: Incident = {
      ...level2,
      severity: 1,
      severityHistory: [...level2.severityHistory, { severity: 1, at: '2026-12-01T01:10:00Z', by: U }],
    };
    expect(fill('{{incident.level}}', 'en', { incident: raised }).text).toBe('Level 1 Critical');
  });

  it('incident.dueAt: the response due time in the customer zone (Tokyo)', () => {
    expect(fill('{{incident.dueAt}}', 'ja').text).toBe('2026/12/01 14:00（Asia/Tokyo、UTC+09:00）');
    expect(fill('{{incident.dueAt}}', 'en').text).toBe('1 Dec 2026, 14:00 (Asia/Tokyo, UTC+09:00)');
  });

  it('tam.signature: the signature when set, else the name', () => {
    expect(fill('{{tam.signature}}', 'ja').text).toBe('Aoi Tanaka');
    expect(fill('{{tam.signature}}', 'en').text).toBe('Aoi Tanaka');
    const signed = { name: 'Aoi Tanaka', signature: '田中 葵\nテクニカルアカウントマネージャー' };
    expect(fill('--\n{{tam.signature}}', 'ja', { tam: signed }).text).toBe(
      '--\n田中 葵\nテクニカルアカウントマネージャー',
    );
    expect(fill('{{tam.signature}}', 'en', { tam: { name: 'Aoi', signature: '  ' } }).text).toBe('Aoi');
  });
});

describe('fillTemplate: a customer outside Tokyo', () => {
  it('computes the due time on the customer calendar and writes it in their zone', () => {
    const body = '{{customer.name}} / {{incident.level}} / {{incident.dueAt}}';
    expect(fill(body, 'en', { customer: losAngeles, incident: level3la })).toMatchObject({
      ok: true,
      text: 'Pacific Logistics Inc. / Level 3 Medium / 2 Dec 2026, 11:00 (America/Los_Angeles, UTC-08:00)',
    });
    expect(fill(body, 'ja', { customer: losAngeles, incident: level3la }).text).toBe(
      'パシフィック物流株式会社 / レベル 3 中 / 2026/12/02 11:00（America/Los_Angeles、UTC-08:00）',
    );
  });

  it('formats across a DST change with the offset of the due instant', () => {
    expect(formatDueAt('2026-07-01T16:00:00Z', 'America/Los_Angeles', 'en')).toBe(
      '1 Jul 2026, 09:00 (America/Los_Angeles, UTC-07:00)',
    );
  });
});

describe('fillTemplate: unknown fields', () => {
  it('reports each unknown field with its position and keeps it in the text', () => {
    const r = fill('{{customer.name}} {{customer.phone}} {{ foo }}', 'en');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { code: 'template_unknown_field', field: 'customer.phone', index: 18 },
      { code: 'template_unknown_field', field: 'foo', index: 37 },
    ]);
    expect(r.text).toBe('Sakura Bank, Ltd. {{customer.phone}} {{ foo }}');
  });

  it('an empty placeholder is an unknown field too; single braces are plain text', () => {
    expect(unknownFieldsOf('a {{}} b {x} {{customer.name}} {{}}')).toEqual(['']);
    expect(fill('{price} {{incident.number}}', 'en')).toMatchObject({ ok: true, text: '{price} 3f2a9c1e' });
  });

  it('lists the placeholders in order', () => {
    expect(placeholdersOf('{{a}}x{{ tam.signature }}').map((p) => [p.name, p.index])).toEqual([
      ['a', 0],
      ['tam.signature', 6],
    ]);
  });
});
