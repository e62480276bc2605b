// The central API as the e2e specs drive it beside the browser: a token, every row of a
// scope (a fresh pull to the end, the way a replica bootstraps), and mutations pushed from a
// fresh client. One copy for every spec.
import { randomUUID } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';

/** A session token of a demo user (every demo user's password is "demo"). */
export async function apiToken(
  request: APIRequestContext,
  email = 'manager@example.com',
  password = 'demo',
): Promise<string> {
  const login = await request.post('/v1/auth/login', { data: { email, password } });
  expect(login.status()).toBe(200);
  return ((await login.json()) as { token: string }).token;
}

export interface Change {
  entity: string;
  id: string;
  op: 'put' | 'delete';
  data?: Record<string, unknown>;
}

/** Every row the user's scope holds on the server, keyed `entity:id` (deletions applied). */
export async function serverRows(
  request: APIRequestContext,
  token: string,
  options: { timelines?: 'all' } = {},
): Promise<Map<string, Change>> {
  const rows = new Map<string, Change>();
  const clientId = `e2e-${randomUUID()}`;
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const res = await request.post('/v1/sync/pull', {
      headers: { authorization: `Bearer ${token}` },
      data: { clientId, cursor, limit: 1000, ...options },
    });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { changes: Change[]; cursor: string; hasMore: boolean };
    for (const c of body.changes) {
      if (c.op === 'put' && c.data) rows.set(`${c.entity}:${c.id}`, c);
      else rows.delete(`${c.entity}:${c.id}`);
    }
    cursor = body.cursor;
    if (!body.hasMore) return rows;
  }
  throw new Error('pull did not end');
}

/** The live (not tombstoned) rows of one entity. */
export function rowsOf<T>(rows: Map<string, Change>, entity: string): T[] {
  return [...rows.values()]
    .filter((r) => r.entity === entity && r.data?.deleted !== true)
    .map((r) => r.data as unknown as T);
}

export interface PushResult {
  status: string;
  error?: { code?: string; message?: string };
}

/** Pushes mutations from a fresh client; the result of each, in order. */
export async function pushAll(
  request: APIRequestContext,
  token: string,
  mutations: ReadonlyArray<{ name: string; args: unknown }>,
): Promise<PushResult[]> {
  const res = await request.post('/v1/sync/push', {
    headers: { authorization: `Bearer ${token}` },
    data: { clientId: `e2e-${randomUUID()}`, mutations: mutations.map((m, i) => ({ id: i + 1, ...m })) },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { results: PushResult[] }).results;
}

/** Pushes one mutation, which must be applied. */
export async function push(
  request: APIRequestContext,
  token: string,
  name: string,
  args: unknown,
): Promise<void> {
  const [result] = await pushAll(request, token, [{ name, args }]);
  expect(result, JSON.stringify(result)).toMatchObject({ status: 'applied' });
}
