// Assertions on the central API's answers and state shared by the hostile-input and
// isolation suites.
import { sql } from 'kysely';
import { expect } from 'vitest';
import { ApiErrorSchema } from '../../../shared/model/api';
import type { Db } from '../../../server/db';
import type { HttpResult } from '../../../server/testing/harness';

/** A 4xx with `{ error: { code, message } }` JSON, a message that says something, and no stack trace. */
export function expectApiError(res: HttpResult, what: string, allowed?: readonly number[]): void {
  const context = `${what}: HTTP ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
  expect(res.status >= 400 && res.status < 500, context).toBe(true);
  if (allowed) expect(allowed, context).toContain(res.status);
  expect(res.headers.get('content-type') ?? '', context).toMatch(/^application\/json/);
  const parsed = ApiErrorSchema.safeParse(res.body);
  expect(parsed.success, context).toBe(true);
  expect(String((res.body as { error: { message: string } }).error.message).length, context).toBeGreaterThan(
    10,
  );
  expect(JSON.stringify(res.body), context).not.toMatch(
    /\bat [^ ]+\.(ts|js|mjs):\d+|node_modules|SQLITE_|syntax error at or near/,
  );
}

/**
 * A cheap fingerprint of the database, taken around every single request: the change
 * counter and the row count of each table (login failures aside: counting them is their job).
 * The full per-table checksum (support/db-checksum.ts) is taken around each property.
 */
export async function fingerprint(db: Db): Promise<string> {
  const r = await sql<Record<string, unknown>>`select
    (select last_version from sync_state where id = 1) as version,
    (select count(*) from records) as records,
    (select count(*) from customer_scope) as scope,
    (select count(*) from accounts) as accounts,
    (select count(*) from sessions) as sessions,
    (select count(*) from sync_clients) as clients,
    (select count(*) from client_mutations) as mutations,
    (select count(*) from scope_sets) as sets`.execute(db.kysely);
  const row = r.rows[0] ?? {};
  return Object.entries(row)
    .map(([k, v]) => `${k}=${Number(v)}`)
    .join(' ');
}
