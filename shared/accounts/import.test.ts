// Import and export of account data: decoding (UTF-8, Shift_JIS), headers in two languages,
// cell formats, stable ids, the per-row plan checked with the shared mutation rules, and a
// lossless round trip.
import { describe, expect, it } from 'vitest';
import type { Customer, TaggedRow, User } from '../model/entities';
import { applyMutation } from '../mutations/index';
import type { Actor } from '../mutations/index';
import { MemoryStore } from '../mutations/memory';
import {
  decodeTextFile,
  exportTables,
  formatWeekly,
  idFromKey,
  parseCsv,
  parseWeekly,
  parseYearlyClosures,
  planImport,
  readTable,
} from './import';
import type { ReadTable } from './import';
import { uuidV5 } from './stable-id';

/** A Shift_JIS encoder built from the platform's decoder (every double-byte code decoded once). */
function shiftJisEncoder(): (text: string) => Uint8Array {
  const decoder = new TextDecoder('shift_jis');
  const table = new Map<string, number[]>();
  const leads = [
    ...Array.from({ length: 0x1f }, (_, i) => 0x81 + i),
    ...Array.from({ length: 0x1d }, (_, i) => 0xe0 + i),
  ];
  for (const lead of leads) {
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  for (let b = 0xa1; b <= 0xdf; b++) table.set(decoder.decode(new Uint8Array([b])), [b]);
  return (text) => {
    const bytes: number[] = [];
    for (const ch of text) {
      const code = ch.codePointAt(0)!;
      if (code < 0x80) bytes.push(code);
      else {
        const enc = table.get(ch);
        if (!enc) throw new Error(`not in Shift_JIS: ${ch}`);
        bytes.push(...enc);
      }
    }
    return new Uint8Array(bytes);
  };
}

const TAM: User = {
  id: '00000000-0000-4000-8000-000000000001',
  version: 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
  deleted: false,
  name: 'TAM',
  email: 'tam1@example.com',
  role: 'tam',
  team: 'X',
  locale: 'ja',
};
const MANAGER: User = {
  ...TAM,
  id: '00000000-0000-4000-8000-000000000002',
  name: 'Manager',
  email: 'manager@example.com',
  role: 'manager',
};
const actor: Actor = { id: MANAGER.id, role: 'manager', team: 'X' };
const NOW = '2026-11-26T03:00:00.000Z';

const JA_CUSTOMERS = [
  '顧客コード,顧客名,顧客名(英字),フリガナ,契約種別,契約開始日,契約終了日,担当TAM,営業時間,毎年の休業期間,臨時休業日',
  'HOKUTO,北斗電機株式会社,Hokuto Denki K.K.,ホクトデンキ,MSA Enterprise,2026/12/1,2029/11/30,tam1@example.com,"月-金 09:00-12:00,13:00-18:00; 土 09:00-12:00",12/29..1/3,2027-05-06',
  'SAKURA,さくら商事,Sakura Shoji,,スタンダード,2026-12-01,2027-11-30,tam1@example.com,,,',
  'BAD1,不明株式会社,Unknown,,standard,2026-12-01,2027-11-30,nobody@example.com,,,',
  'BAD2,逆日付株式会社,Backwards,,standard,2026-12-01,2025-11-30,tam1@example.com,,,',
  'BAD3,,No Name,,platinum,2026-13-01,2027-11-30,tam1@example.com,mon 9-18,,',
].join('\r\n');

const CONTACTS = [
  'customer_code,contact_name,email,language,primary,receives_reports',
  'HOKUTO,北斗 花子,hanako@hokuto.example,ja,yes,yes',
  'NOWHERE,誰か,someone@example.com,ja,no,no',
  'SAKURA,桜 一郎,,English,はい,いいえ',
].join('\n');

const PRODUCTS = [
  '顧客コード,製品,バージョン,サポート終了日',
  'HOKUTO,Endpoint Security,12.1,2027/3/31',
  'HOKUTO,Endpoint Security,12.1,2027/3/31',
].join('\n');

function world(): MemoryStore {
  return new MemoryStore([
    { entity: 'user', row: TAM },
    { entity: 'user', row: MANAGER },
  ]);
}

const tablesOf = (...texts: string[]) => texts.map((t) => readTable(parseCsv(t))!);

async function applyPlan(store: MemoryStore, plan: Awaited<ReturnType<typeof planImport>>) {
  for (const row of plan) {
    if (!row.mutation) continue;
    const result = await applyMutation(row.mutation.name, row.mutation.args, {
      actor,
      now: NOW,
      read: store,
    });
    if (!result.ok) throw new Error(`${row.mutation.name}: ${result.error.message}`);
    store.apply(result.writes);
  }
}

describe('decoding', () => {
  const sjis = shiftJisEncoder();

  it('detects Shift_JIS from Excel, UTF-8 with and without BOM', () => {
    const bytes = sjis(JA_CUSTOMERS);
    expect(decodeTextFile(bytes)).toEqual({ text: JA_CUSTOMERS, encoding: 'shift_jis' });
    const utf8 = new TextEncoder().encode(JA_CUSTOMERS);
    expect(decodeTextFile(utf8)).toEqual({ text: JA_CUSTOMERS, encoding: 'utf-8' });
    expect(decodeTextFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({
      text: JA_CUSTOMERS,
      encoding: 'utf-8',
    });
  });

  it('reads a Shift_JIS file with Japanese headers as customers', () => {
    const table = readTable(parseCsv(decodeTextFile(sjis(JA_CUSTOMERS)).text))!;
    expect(table.kind).toBe('customers');
    expect(table.rows[0]).toMatchObject({
      line: 2,
      values: { customer: 'HOKUTO', nameJa: '北斗電機株式会社', nameKana: 'ホクトデンキ' },
    });
    expect(table.ignored).toEqual([]);
  });
});

describe('cell formats and ids', () => {
  it('parses and formats weekly hours (split days, Saturdays, Japanese day names)', () => {
    const weekly = parseWeekly('月-金 09:00-12:00,13:00-18:00; 土 9:00-12:00');
    expect(weekly).toEqual({
      mon: [
        ['09:00', '12:00'],
        ['13:00', '18:00'],
      ],
      tue: [
        ['09:00', '12:00'],
        ['13:00', '18:00'],
      ],
      wed: [
        ['09:00', '12:00'],
        ['13:00', '18:00'],
      ],
      thu: [
        ['09:00', '12:00'],
        ['13:00', '18:00'],
      ],
      fri: [
        ['09:00', '12:00'],
        ['13:00', '18:00'],
      ],
      sat: [['09:00', '12:00']],
    });
    expect(formatWeekly(weekly!)).toBe('mon-fri 09:00-12:00,13:00-18:00; sat 09:00-12:00');
    expect(parseWeekly(formatWeekly(weekly!))).toEqual(weekly);
    expect(parseWeekly('')).toBeNull();
    expect(() => parseWeekly('someday 9-5')).toThrow();
    expect(parseYearlyClosures('12/29..1/3 08-13..08-15 05-01')).toEqual([
      { from: '12-29', to: '01-03' },
      { from: '08-13', to: '08-15' },
      { from: '05-01', to: '05-01' },
    ]);
  });

  it('derives version-5 UUIDs: the RFC example, stable keys, UUID keys kept', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    expect(idFromKey('customer', 'HOKUTO')).toBe(idFromKey('customer', ' HOKUTO '));
    expect(idFromKey('customer', 'HOKUTO')).not.toBe(idFromKey('contact', 'HOKUTO'));
    expect(idFromKey('customer', 'ＨＯＫＵＴＯ')).toBe(idFromKey('customer', 'HOKUTO'));
    expect(idFromKey('customer', '6BA7B810-9DAD-41D1-80B4-00C04FD430C8')).toBe(
      '6ba7b810-9dad-41d1-80b4-00c04fd430c8',
    );
  });
});

describe('planImport', () => {
  it('says per row what is wrong, plans the valid rows, and a second import changes nothing', async () => {
    const store = world();
    const tables = tablesOf(PRODUCTS, CONTACTS, JA_CUSTOMERS);
    const plan = await planImport(tables, { actor, now: NOW, read: store, users: [TAM, MANAGER] });
    const summary = plan.map((p) => `${p.kind}:${p.line}:${p.status}`);
    expect(summary).toEqual([
      'customers:2:new',
      'customers:3:new',
      'customers:4:invalid',
      'customers:5:invalid',
      'customers:6:invalid',
      'contacts:2:new',
      'contacts:3:invalid',
      'contacts:4:new',
      'products:2:new',
      'products:3:invalid',
    ]);
    const issues = (kind: string, line: number) =>
      plan.find((p) => p.kind === kind && p.line === line)!.issues;
    expect(issues('customers', 4)).toEqual([
      { code: 'unknown_user', column: 'tam_email', value: 'nobody@example.com' },
    ]);
    expect(issues('customers', 5)).toEqual([
      expect.objectContaining({ code: 'rejected', rejection: 'rule_violation' }),
    ]);
    expect(issues('customers', 6).map((i) => i.code)).toEqual(['required', 'invalid_value', 'invalid_value']);
    expect(issues('contacts', 3)).toEqual([
      expect.objectContaining({ code: 'rejected', rejection: 'not_found' }),
    ]);
    expect(issues('products', 3)).toEqual([expect.objectContaining({ code: 'duplicate_key', line: 2 })]);

    await applyPlan(store, plan);
    const hokuto = (await store.get('customer', idFromKey('customer', 'HOKUTO')))!;
    expect(hokuto).toMatchObject({
      nameKana: 'ホクトデンキ',
      contractTier: 'msa_enterprise',
      supportPolicyId: 'msa-enterprise',
      contractStart: '2026-12-01',
      tamId: TAM.id,
      team: 'X',
      calendar: {
        timeZone: 'Asia/Tokyo',
        country: 'JP',
        yearlyClosures: [{ from: '12-29', to: '01-03' }],
        closures: ['2027-05-06'],
      },
    });
    expect(store.all('contact').map((c) => c.row)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: '桜 一郎', locale: 'en', isPrimary: true, receivesReports: false }),
      ]),
    );

    const again = await planImport(tablesOf(JA_CUSTOMERS, CONTACTS, PRODUCTS), {
      actor,
      now: NOW,
      read: store,
      users: [TAM, MANAGER],
    });
    expect(again.filter((p) => p.status !== 'invalid').map((p) => p.status)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(again.filter((p) => p.mutation !== null)).toEqual([]);
  });

  it('plans an update of the changed fields only, checked with the mutation rules', async () => {
    const store = world();
    await applyPlan(
      store,
      await planImport(tablesOf(JA_CUSTOMERS), { actor, now: NOW, read: store, users: [TAM, MANAGER] }),
    );
    const edited = JA_CUSTOMERS.replace('Sakura Shoji', 'Sakura Trading');
    const plan = await planImport(tablesOf(edited), { actor, now: NOW, read: store, users: [TAM, MANAGER] });
    const sakura = plan.find((p) => p.line === 3)!;
    expect(sakura.status).toBe('changed');
    expect(sakura.mutation).toEqual({
      name: 'customer.update',
      args: { customerId: idFromKey('customer', 'SAKURA'), patch: { nameLatin: 'Sakura Trading' } },
    });
    const tam: Actor = { id: TAM.id, role: 'tam', team: 'X' };
    const byTam = await planImport(tablesOf(edited.replace('2027-11-30,tam1', '2028-11-30,tam1')), {
      actor: tam,
      now: NOW,
      read: store,
      users: [TAM, MANAGER],
    });
    expect(byTam.find((p) => p.line === 3)!.issues).toEqual([
      expect.objectContaining({ code: 'rejected', rejection: 'not_allowed' }),
    ]);
  });
});

describe('export', () => {
  it('round-trips losslessly: exported tables import as unchanged, in English or Japanese headers', async () => {
    const store = world();
    await applyPlan(
      store,
      await planImport(tablesOf(JA_CUSTOMERS, CONTACTS, PRODUCTS), {
        actor,
        now: NOW,
        read: store,
        users: [TAM, MANAGER],
      }),
    );
    const customers = store.all('customer').map((t) => t.row as Customer);
    expect(customers).toHaveLength(2);
    for (const locale of ['en', 'ja'] as const) {
      const out = exportTables({
        customers,
        contacts: store.all('contact').map((t) => (t as Extract<TaggedRow, { entity: 'contact' }>).row),
        products: store
          .all('deployedProduct')
          .map((t) => (t as Extract<TaggedRow, { entity: 'deployedProduct' }>).row),
        users: [TAM, MANAGER],
        locale,
      });
      const tables: ReadTable[] = [
        readTable(out.customers)!,
        readTable(out.contacts)!,
        readTable(out.products)!,
      ];
      expect(tables.map((t) => t.kind)).toEqual(['customers', 'contacts', 'products']);
      const plan = await planImport(tables, { actor, now: NOW, read: store, users: [TAM, MANAGER] });
      expect(plan.map((p) => p.status)).toEqual(Array(5).fill('unchanged'));
    }
  });
});
