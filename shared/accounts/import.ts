// Importing and exporting account data (customers with their business calendar, contacts,
// deployed products) as tables: CSV or XLSX sheets with English or Japanese headers.
//
// - `decodeTextFile` reads the bytes of a CSV (UTF-8 with or without BOM, or Shift_JIS as
//   Excel writes it in Japan), `parseCsv` turns text into a table, `readTable` recognises the
//   kind of table from its headers.
// - `planImport` checks every row with the same rules the app and the server apply: it runs
//   the mutation each row needs (customer.create/update, contact.upsert,
//   deployedProduct.upsert) as a dry run over the replica plus the rows planned before it,
//   and says per row what is wrong, or that nothing would change.
// - Ids are stable: a key column holds either a row's UUID (as exported) or any other text,
//   from which a UUID is derived; importing the same file twice changes nothing.
// - `exportTables` writes the same shape, so export then import is lossless.
import Papa from 'papaparse';
import type { Contact, Customer, DeployedProduct, EntityName, EntityRow, User } from '../model/entities';
import { WEEKDAY_KEYS } from '../sla/schemas';
import type { Calendar, Weekly, WeekdayKey } from '../sla/schemas';
import { applyMutation } from '../mutations/index';
import type { Actor, MutationName, ReadPort, Write } from '../mutations/index';
import { MemoryStore } from '../mutations/memory';
import { uuidV5 } from './stable-id';

// The global decoder of browsers and Node (not in the ES library types of shared/).
declare const TextDecoder: new (
  label: string,
  options?: { fatal?: boolean },
) => { decode(input: Uint8Array): string };

// ---------------------------------------------------------------- bytes and text

export type TextEncodingName = 'utf-8' | 'shift_jis';

/** The text of a CSV file: UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else Shift_JIS. */
export function decodeTextFile(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('shift_jis').decode(body), encoding: 'shift_jis' };
  }
}

/** A CSV text as rows of cells (blank lines dropped). */
export function parseCsv(text: string): string[][] {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  return result.data.map((row) => row.map((cell) => String(cell ?? '')));
}

/** Undoes an export's formula guard: a leading quote before = + - @ tab or CR. */
export function unguardCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

// ---------------------------------------------------------------- columns

export type TableKind = 'customers' | 'contacts' | 'products';

/** Every column, with its English header (first) and accepted aliases (Japanese among them). */
export const COLUMNS = {
  customers: {
    customer: ['customer_id', '顧客ID', '顧客コード', 'customer_code', 'code'],
    nameJa: ['name_ja', '顧客名', '会社名', '顧客名(日本語)', 'name'],
    nameLatin: ['name_latin', '顧客名(英字)', '英字名', '英語名', 'name_en'],
    nameKana: ['name_kana', 'フリガナ', 'ふりがな', 'よみがな', '読み', 'kana'],
    contractTier: ['contract_tier', '契約種別', '契約'],
    supportPolicyId: ['support_policy', 'サポートポリシー', 'ポリシー'],
    contractStart: ['contract_start', '契約開始日', '契約開始'],
    contractEnd: ['contract_end', '契約終了日', '契約終了'],
    tam: ['tam_email', '担当TAM', 'TAM', 'tam'],
    backupTam: ['backup_tam_email', '副担当TAM', 'バックアップTAM', 'backup_tam'],
    team: ['team', 'チーム'],
    timeZone: ['time_zone', 'タイムゾーン', 'timezone'],
    country: ['holiday_country', '祝日の国', '国', 'country'],
    region: ['holiday_region', '祝日の地域', '地域', 'region'],
    weekly: ['business_hours', '営業時間', 'hours'],
    closures: ['closures', '臨時休業日', '休業日'],
    yearlyClosures: ['yearly_closures', '毎年の休業期間', '毎年の休業日'],
  },
  contacts: {
    id: ['contact_id', '連絡先ID'],
    customer: ['customer_id', '顧客ID', '顧客コード', 'customer_code', 'code'],
    name: ['contact_name', '氏名', '担当者名', '連絡先名'],
    nameLatin: ['contact_name_latin', '氏名(英字)', '担当者名(英字)'],
    email: ['email', 'メールアドレス', 'メール', 'e-mail'],
    phone: ['phone', '電話番号', '電話'],
    role: ['role', '役割', '役職'],
    locale: ['language', '言語'],
    isPrimary: ['primary', '主連絡先', '主担当'],
    receivesReports: ['receives_reports', '報告書送付', '報告書を受け取る'],
  },
  products: {
    id: ['deployed_product_id', '導入製品ID'],
    customer: ['customer_id', '顧客ID', '顧客コード', 'customer_code', 'code'],
    product: ['product', '製品', '製品名'],
    productVersion: ['product_version', 'バージョン', 'version'],
    supportEndsOn: ['support_ends_on', 'サポート終了日', 'サポート終了'],
  },
} as const;

/** Japanese headers used on export (the second alias of each column). */
const JA_HEADER_INDEX = 1;

type Field<K extends TableKind> = keyof (typeof COLUMNS)[K];

const normalizeHeader = (h: string) =>
  h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-・（）()]/g, '');

function headerMap(kind: TableKind): Map<string, string> {
  const map = new Map<string, string>();
  for (const [field, aliases] of Object.entries(COLUMNS[kind]))
    for (const a of aliases) map.set(normalizeHeader(a), field);
  return map;
}

/** The kind of a table from its headers, or null when it is none of ours. */
export function detectKind(headers: readonly string[]): TableKind | null {
  const has = (kind: TableKind, field: string) =>
    headers.some((h) => headerMap(kind).get(normalizeHeader(h)) === field);
  if (has('products', 'product')) return 'products';
  if (has('contacts', 'name') || has('contacts', 'email')) return 'contacts';
  if (has('customers', 'nameJa') || has('customers', 'nameLatin')) return 'customers';
  return null;
}

export interface TableRow {
  /** 1-based line of the row in its sheet (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

export interface ReadTable {
  kind: TableKind;
  rows: TableRow[];
  /** Headers not understood (ignored). */
  ignored: string[];
}

/** A table (header row first) as rows keyed by field; null when the headers are not ours. */
export function readTable(table: readonly (readonly string[])[]): ReadTable | null {
  const [header, ...body] = table;
  if (!header) return null;
  const kind = detectKind(header);
  if (!kind) return null;
  const map = headerMap(kind);
  const fields = header.map((h) => map.get(normalizeHeader(h)) ?? null);
  const rows: TableRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const values: Record<string, string> = {};
    fields.forEach((f, col) => {
      if (f && values[f] === undefined) values[f] = unguardCell(String(cells[col] ?? '')).trim();
    });
    rows.push({ line: i + 2, values });
  });
  return { kind, rows, ignored: header.filter((_, i) => fields[i] === null) };
}

// ---------------------------------------------------------------- cell formats

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id a key names: a UUID as written (lower case), else a UUID derived from the kind and key. */
export function idFromKey(entity: 'customer' | 'contact' | 'deployedProduct', key: string): string {
  const k = key.trim();
  return UUID.test(k) ? k.toLowerCase() : uuidV5(`${entity}:${k.normalize('NFKC')}`);
}

const DAY_ALIASES: Record<string, WeekdayKey> = {
  mon: 'mon',
  tue: 'tue',
  wed: 'wed',
  thu: 'thu',
  fri: 'fri',
  sat: 'sat',
  sun: 'sun',
  月: 'mon',
  火: 'tue',
  水: 'wed',
  木: 'thu',
  金: 'fri',
  土: 'sat',
  日: 'sun',
};

/**
 * Weekly hours as text: `mon-fri 09:00-12:00,13:00-18:00; sat 09:00-12:00` (Japanese day
 * names 月 火 水 木 金 土 日 too). Empty: the default week (null). Throws on bad text.
 */
export function parseWeekly(text: string): Weekly | null {
  const t = text.normalize('NFKC').trim();
  if (t === '') return null;
  const weekly: Partial<Record<WeekdayKey, [string, string][]>> = {};
  for (const part of t
    .split(/[;\n]+/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m =
      /^(\S+?)(?:曜日?)?\s*[-~〜]\s*(\S+?)(?:曜日?)?\s+(.+)$/.exec(part) ??
      /^(\S+?)(?:曜日?)?()\s+(.+)$/.exec(part);
    if (!m) throw new Error(part);
    const from = DAY_ALIASES[m[1]!.toLowerCase()];
    const to = m[2] ? DAY_ALIASES[m[2].toLowerCase()] : from;
    if (!from || !to) throw new Error(part);
    const windows = m[3]!.split(/[,、]/).map((w) => {
      const wm = /^\s*(\d{1,2}):(\d{2})\s*[-~〜]\s*(\d{1,2}):(\d{2})\s*$/.exec(w);
      if (!wm) throw new Error(part);
      return [`${wm[1]!.padStart(2, '0')}:${wm[2]}`, `${wm[3]!.padStart(2, '0')}:${wm[4]}`] as [
        string,
        string,
      ];
    });
    const a = WEEKDAY_KEYS.indexOf(from);
    const b = WEEKDAY_KEYS.indexOf(to);
    if (b < a) throw new Error(part);
    for (let d = a; d <= b; d++) weekly[WEEKDAY_KEYS[d]!] = [...(weekly[WEEKDAY_KEYS[d]!] ?? []), ...windows];
  }
  return weekly as Weekly;
}

/** The text form of weekly hours (days with equal windows in a row grouped); '' for the default. */
export function formatWeekly(weekly: Weekly | undefined): string {
  if (!weekly) return '';
  const parts: string[] = [];
  let i = 0;
  while (i < WEEKDAY_KEYS.length) {
    const key = WEEKDAY_KEYS[i]!;
    const windows = weekly[key] ?? [];
    const sig = JSON.stringify(windows);
    let j = i;
    while (j + 1 < WEEKDAY_KEYS.length && JSON.stringify(weekly[WEEKDAY_KEYS[j + 1]!] ?? []) === sig) j++;
    if (windows.length > 0) {
      const days = i === j ? key : `${key}-${WEEKDAY_KEYS[j]}`;
      parts.push(`${days} ${windows.map(([s, e]) => `${s}-${e}`).join(',')}`);
    }
    i = j + 1;
  }
  return parts.join('; ');
}

const listOf = (text: string) =>
  text
    .normalize('NFKC')
    .split(/[\s,;、]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Dates as written (YYYY-MM-DD; YYYY/M/D accepted), separated by spaces, commas or semicolons. */
export function parseDateList(text: string): string[] {
  return listOf(text).map(normalizeDate);
}

/** Yearly closures as `12-29..01-03` (or `12/29-1/3`), separated by spaces, commas or semicolons. */
export function parseYearlyClosures(text: string): Array<{ from: string; to: string }> {
  return listOf(text).map((item) => {
    const m = /^(\d{1,2})[-/](\d{1,2})(?:(?:\.\.|~|〜|–|→)(\d{1,2})[-/](\d{1,2}))?$/.exec(item);
    if (!m) throw new Error(item);
    const md = (mm: string, dd: string) => `${mm.padStart(2, '0')}-${dd.padStart(2, '0')}`;
    const from = md(m[1]!, m[2]!);
    return { from, to: m[3] ? md(m[3], m[4]!) : from };
  });
}

export const formatYearlyClosures = (list: Calendar['yearlyClosures']) =>
  (list ?? []).map((y) => (y.from === y.to ? y.from : `${y.from}..${y.to}`)).join(' ');

/** A date cell: YYYY-MM-DD, or YYYY/M/D as Excel shows it; other text is returned as is (the schema reports it). */
export function normalizeDate(text: string): string {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text.normalize('NFKC').trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text.trim();
}

const YES = new Set(['yes', 'y', 'true', '1', 'はい', '○', '〇', 'する', '有']);
const NO = new Set(['no', 'n', 'false', '0', 'いいえ', '×', '', 'しない', '無', '-']);

function parseBool(text: string): boolean | null {
  const t = text.normalize('NFKC').trim().toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return null;
}

const TIERS: Record<string, Customer['contractTier']> = {
  msaenterprise: 'msa_enterprise',
  msa: 'msa_enterprise',
  enterprise: 'msa_enterprise',
  エンタープライズ: 'msa_enterprise',
  standard: 'standard',
  スタンダード: 'standard',
  標準: 'standard',
};
const LOCALES: Record<string, 'ja' | 'en'> = {
  ja: 'ja',
  japanese: 'ja',
  日本語: 'ja',
  en: 'en',
  english: 'en',
  英語: 'en',
};

// ---------------------------------------------------------------- the plan

/** What is wrong with a cell or a row; the client words it in the user's language. */
export type ImportIssue =
  | { code: 'required'; column: string }
  | { code: 'invalid_value'; column: string; value: string }
  | { code: 'unknown_user'; column: string; value: string }
  | { code: 'duplicate_key'; column: string; value: string; line: number }
  /** The row's mutation was refused: the shared rule's code and message (English). */
  | { code: 'rejected'; rejection: string; message: string };

export interface PlannedMutation {
  name: MutationName;
  args: Record<string, unknown>;
}

export type PlanStatus = 'new' | 'changed' | 'unchanged' | 'invalid';

export interface PlanRow {
  kind: TableKind;
  line: number;
  /** A label for the row (customer name, contact, product). */
  label: string;
  status: PlanStatus;
  issues: ImportIssue[];
  /** The mutation that applies the row (new or changed rows). */
  mutation: PlannedMutation | null;
}

export interface PlanContext {
  actor: Actor;
  now: string;
  /** The current state (the replica). */
  read: ReadPort;
  /** The user directory (TAMs are named by e-mail). */
  users: readonly User[];
}

/** A read port that sees the rows planned so far over the current state. */
class OverlayPort implements ReadPort {
  readonly planned = new MemoryStore();

  constructor(private readonly base: ReadPort) {}

  async get<E extends EntityName>(entity: E, id: string): Promise<EntityRow<E> | undefined> {
    return (await this.planned.get(entity, id)) ?? this.base.get(entity, id);
  }

  async listByCustomer<E extends EntityName>(entity: E, customerId: string): Promise<EntityRow<E>[]> {
    const planned = await this.planned.listByCustomer(entity, customerId);
    const ids = new Set(planned.map((r) => r.id));
    return [
      ...planned,
      ...(await this.base.listByCustomer(entity, customerId)).filter((r) => !ids.has(r.id)),
    ];
  }
}

const ENVELOPE_KEYS = new Set(['version', 'updatedAt']);

/** A value without empty parts: null, undefined, false and [] dropped from objects, keys sorted. */
function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(
        ([, v]) => v !== null && v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0),
      )
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => [k, clean(v)]);
    return Object.fromEntries(entries);
  }
  return value;
}

/** Row content for comparison: envelope stamps left out, absent, null, false and empty alike. */
function content(row: object): string {
  return JSON.stringify(
    clean(Object.fromEntries(Object.entries(row).filter(([k]) => !ENVELOPE_KEYS.has(k)))),
  );
}

interface Built {
  issues: ImportIssue[];
  id: string | null;
  label: string;
  fields: Record<string, unknown>;
}

function builder(row: TableRow) {
  const issues: ImportIssue[] = [];
  const get = (f: string) => row.values[f] ?? '';
  const required = (f: string, column: string) => {
    const v = get(f);
    if (v === '') issues.push({ code: 'required', column });
    return v;
  };
  const optional = (f: string) => (get(f) === '' ? null : get(f));
  const parse = <T>(f: string, column: string, fn: (v: string) => T): T | undefined => {
    try {
      return fn(get(f));
    } catch {
      issues.push({ code: 'invalid_value', column, value: get(f) });
      return undefined;
    }
  };
  return { issues, get, required, optional, parse };
}

function header(kind: TableKind, field: string): string {
  return (COLUMNS[kind] as Record<string, readonly string[]>)[field]![0]!;
}

function buildCustomer(row: TableRow, ctx: PlanContext): Built {
  const h = (f: Field<'customers'>) => header('customers', f);
  const b = builder(row);
  const key = b.required('customer', h('customer'));
  const nameJa = b.required('nameJa', h('nameJa'));
  const nameLatin = b.required('nameLatin', h('nameLatin'));
  const tierText = b.required('contractTier', h('contractTier'));
  const contractTier = TIERS[normalizeHeader(tierText)];
  if (tierText !== '' && !contractTier)
    b.issues.push({ code: 'invalid_value', column: h('contractTier'), value: tierText });
  const userByEmail = (f: Field<'customers'>, need: boolean): string | null | undefined => {
    const email = need ? b.required(f, h(f)) : b.get(f);
    if (email === '') return null;
    const user = ctx.users.find((u) => !u.deleted && u.email.toLowerCase() === email.toLowerCase());
    if (!user) b.issues.push({ code: 'unknown_user', column: h(f), value: email });
    return user?.id;
  };
  const tamId = userByEmail('tam', true);
  const backupTamId = userByEmail('backupTam', false);
  const weekly = b.parse('weekly', h('weekly'), parseWeekly);
  const closures = b.parse('closures', h('closures'), parseDateList);
  const yearly = b.parse('yearlyClosures', h('yearlyClosures'), parseYearlyClosures);
  const region = b.optional('region');
  const calendar: Record<string, unknown> = {
    timeZone: b.get('timeZone') || 'Asia/Tokyo',
    country: (b.get('country') || 'JP').toUpperCase(),
    ...(region !== null ? { region } : {}),
    ...(weekly ? { weekly } : {}),
    ...(closures && closures.length > 0 ? { closures } : {}),
    ...(yearly && yearly.length > 0 ? { yearlyClosures: yearly } : {}),
  };
  const fields: Record<string, unknown> = {
    nameJa,
    nameLatin,
    nameKana: b.optional('nameKana'),
    contractTier,
    supportPolicyId:
      b.get('supportPolicyId') || (contractTier === 'msa_enterprise' ? 'msa-enterprise' : 'standard'),
    contractStart: normalizeDate(b.required('contractStart', h('contractStart'))),
    contractEnd: normalizeDate(b.required('contractEnd', h('contractEnd'))),
    calendar,
    tamId,
    backupTamId,
    team: b.get('team') || ctx.actor.team,
  };
  return {
    issues: b.issues,
    id: key ? idFromKey('customer', key) : null,
    label: nameJa || nameLatin || key,
    fields,
  };
}

function customerIdOfRow(b: ReturnType<typeof builder>, kind: TableKind): string | null {
  const key = b.required('customer', header(kind, 'customer'));
  return key ? idFromKey('customer', key) : null;
}

function buildContact(row: TableRow): Built {
  const h = (f: Field<'contacts'>) => header('contacts', f);
  const b = builder(row);
  const customerId = customerIdOfRow(b, 'contacts');
  const name = b.required('name', h('name'));
  const email = b.optional('email');
  const localeText = b.get('locale');
  const locale = localeText === '' ? 'ja' : LOCALES[localeText.toLowerCase()];
  if (!locale) b.issues.push({ code: 'invalid_value', column: h('locale'), value: localeText });
  const bool = (f: Field<'contacts'>) => {
    const v = parseBool(b.get(f));
    if (v === null) b.issues.push({ code: 'invalid_value', column: h(f), value: b.get(f) });
    return v ?? false;
  };
  const key = b.get('id') || `${b.get('customer')}/${email ?? name}`;
  return {
    issues: b.issues,
    id: customerId ? idFromKey('contact', key) : null,
    label: name,
    fields: {
      customerId,
      name,
      nameLatin: b.optional('nameLatin'),
      email,
      phone: b.optional('phone'),
      role: b.optional('role'),
      locale,
      isPrimary: bool('isPrimary'),
      receivesReports: bool('receivesReports'),
    },
  };
}

function buildProduct(row: TableRow): Built {
  const h = (f: Field<'products'>) => header('products', f);
  const b = builder(row);
  const customerId = customerIdOfRow(b, 'products');
  const product = b.required('product', h('product'));
  const productVersion = b.required('productVersion', h('productVersion'));
  const supportEndsOn = normalizeDate(b.required('supportEndsOn', h('supportEndsOn')));
  const key = b.get('id') || `${b.get('customer')}/${product}/${productVersion}`;
  return {
    issues: b.issues,
    id: customerId ? idFromKey('deployedProduct', key) : null,
    label: `${product} ${productVersion}`,
    fields: { customerId, product, productVersion, supportEndsOn },
  };
}

const KIND_ORDER: readonly TableKind[] = ['customers', 'contacts', 'products'];
const ENTITY_OF: Record<TableKind, 'customer' | 'contact' | 'deployedProduct'> = {
  customers: 'customer',
  contacts: 'contact',
  products: 'deployedProduct',
};

/**
 * Checks every row (customers first, then contacts and products, which may name customers of
 * the same import) and decides its mutation. Rows are independent: an invalid row is skipped,
 * the others still apply. Nothing is written.
 */
export async function planImport(tables: readonly ReadTable[], ctx: PlanContext): Promise<PlanRow[]> {
  const port = new OverlayPort(ctx.read);
  const out: PlanRow[] = [];
  const sorted = [...tables].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  for (const table of sorted) {
    const seen = new Map<string, number>();
    for (const row of table.rows) {
      const built =
        table.kind === 'customers'
          ? buildCustomer(row, ctx)
          : table.kind === 'contacts'
            ? buildContact(row)
            : buildProduct(row);
      const plan: PlanRow = {
        kind: table.kind,
        line: row.line,
        label: built.label,
        status: 'invalid',
        issues: built.issues,
        mutation: null,
      };
      out.push(plan);
      if (built.id !== null) {
        const first = seen.get(built.id);
        if (first !== undefined) {
          plan.issues.push({
            code: 'duplicate_key',
            column: header(table.kind, table.kind === 'customers' ? 'customer' : 'id'),
            value: row.values.customer ?? '',
            line: first,
          });
        } else seen.set(built.id, row.line);
      }
      if (plan.issues.length > 0 || built.id === null) continue;
      const entity = ENTITY_OF[table.kind];
      const existing = await port.get(entity, built.id);
      let mutation: PlannedMutation;
      if (entity === 'customer' && existing && !existing.deleted) {
        const current = existing as Customer;
        const patch: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(built.fields)) {
          const before = (current as unknown as Record<string, unknown>)[k];
          if (content({ v }) !== content({ v: before })) patch[k] = v;
        }
        if (Object.keys(patch).length === 0) {
          plan.status = 'unchanged';
          continue;
        }
        mutation = { name: 'customer.update', args: { customerId: built.id, patch } };
      } else {
        const name: MutationName =
          entity === 'customer'
            ? 'customer.create'
            : entity === 'contact'
              ? 'contact.upsert'
              : 'deployedProduct.upsert';
        mutation = { name, args: { id: built.id, ...built.fields } };
      }
      const result = await applyMutation(mutation.name, mutation.args, {
        actor: ctx.actor,
        now: ctx.now,
        read: port,
      });
      if (!result.ok) {
        plan.issues.push({ code: 'rejected', rejection: result.error.code, message: result.error.message });
        continue;
      }
      const written = result.writes.find((w) => w.entity === entity && w.row.id === built.id);
      if (existing && !existing.deleted && written && content(written.row) === content(existing)) {
        plan.status = 'unchanged';
        continue;
      }
      port.planned.apply(result.writes as Write[]);
      plan.status = existing && !existing.deleted ? 'changed' : 'new';
      plan.mutation = mutation;
    }
  }
  return out;
}

// ---------------------------------------------------------------- export

export interface ExportInput {
  customers: readonly Customer[];
  contacts: readonly Contact[];
  products: readonly DeployedProduct[];
  users: readonly User[];
  /** Header language: 'en' (canonical) or 'ja'. Import accepts both. */
  locale: 'ja' | 'en';
}

/** The three tables (header row first) in the shape the import reads. */
export function exportTables(input: ExportInput): Record<TableKind, string[][]> {
  const headers = (kind: TableKind) =>
    Object.values(COLUMNS[kind]).map((aliases) =>
      input.locale === 'ja' ? aliases[JA_HEADER_INDEX]! : aliases[0]!,
    );
  const email = (id: string | null) => (id ? (input.users.find((u) => u.id === id)?.email ?? id) : '');
  const yesNo = (b: boolean | undefined) => (b ? 'yes' : 'no');
  const live = <T extends { deleted: boolean }>(rows: readonly T[]) => rows.filter((r) => !r.deleted);
  const customers = live(input.customers).map((c) => [
    c.id,
    c.nameJa,
    c.nameLatin,
    c.nameKana ?? '',
    c.contractTier,
    c.supportPolicyId,
    c.contractStart,
    c.contractEnd,
    email(c.tamId),
    email(c.backupTamId),
    c.team,
    c.calendar.timeZone,
    c.calendar.country,
    c.calendar.region ?? '',
    formatWeekly(c.calendar.weekly),
    (c.calendar.closures ?? []).join(' '),
    formatYearlyClosures(c.calendar.yearlyClosures),
  ]);
  const contacts = live(input.contacts).map((c) => [
    c.id,
    c.customerId,
    c.name,
    c.nameLatin ?? '',
    c.email ?? '',
    c.phone ?? '',
    c.role ?? '',
    c.locale,
    yesNo(c.isPrimary),
    yesNo(c.receivesReports),
  ]);
  const products = live(input.products).map((p) => [
    p.id,
    p.customerId,
    p.product,
    p.productVersion,
    p.supportEndsOn,
  ]);
  return {
    customers: [headers('customers'), ...customers],
    contacts: [headers('contacts'), ...contacts],
    products: [headers('products'), ...products],
  };
}
