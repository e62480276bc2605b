// A checksum of a database's contents, table by table, the same on SQLite and PostgreSQL:
// every row as canonical JSON (sorted keys, numbers as numbers), sorted, hashed.
import { createHash } from 'node:crypto';
import type { Db } from '../../../server/db';
import type { Database } from '../../../server/db/schema';

export const ALL_TABLES = [
  'records',
  'customer_scope',
  'accounts',
  'sessions',
  'login_failures',
  'sync_clients',
  'client_mutations',
  'scope_sets',
  'sync_state',
] as const satisfies readonly (keyof Database)[];

export type TableName = (typeof ALL_TABLES)[number];

/** The tables that hold the product's data (rows, scope, accounts, the change counter). */
export const DOMAIN_TABLES: readonly TableName[] = ['records', 'customer_scope', 'accounts', 'sync_state'];

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? 'null';
}

/** One digest per table. */
/**
 * Columns any authenticated request may move, hostile or not: a session's last use (touched at
 * most once a minute, so a slow run crosses that minute). They are left out of the digests.
 */
const ACTIVITY_COLUMNS: Partial<Record<TableName, readonly string[]>> = { sessions: ['last_used_at'] };

export async function tableDigests(
  db: Db,
  tables: readonly TableName[] = ALL_TABLES,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of tables) {
    const rows = (await db.kysely.selectFrom(table).selectAll().execute()) as unknown as Record<
      string,
      unknown
    >[];
    const skip = ACTIVITY_COLUMNS[table] ?? [];
    const lines = rows
      .map((r) =>
        skip.length ? Object.fromEntries(Object.entries(r).filter(([k]) => !skip.includes(k))) : r,
      )
      .map(canonicalJson)
      .sort();
    out[table] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex')}`;
  }
  return out;
}

/** The tables whose digest differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before).filter((t) => before[t] !== after[t]);
}
