// Test harness for the server suites: the engines to run on, a fresh database per test file
// (a temporary SQLite file, or a new PostgreSQL database made from TEST_DATABASE_URL and
// dropped afterwards), a small fixture, and an HTTP client over a real listening server.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Customer, DeployedProduct, Incident, TaggedRow, User } from '../../shared/model/entities';
import { createApi } from '../app';
import type { AppOptions, TamApi } from '../app';
import { hashPassword } from '../auth/passwords';
import type { ScryptParams } from '../auth/passwords';
import { openDatabase } from '../db';
import type { Db, DbConfig, DbKind } from '../db';
import { bulkInsert, upsertAccount } from '../seed/bulk';

export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL;

export interface EngineCase {
  engine: DbKind;
  /** Why the suite is skipped here; undefined: it runs (and fails if it cannot). */
  skip?: string;
}

/** SQLite always; PostgreSQL when TEST_DATABASE_URL is set, and in CI always (failing without it). */
export function engineCases(): EngineCase[] {
  const cases: EngineCase[] = [{ engine: 'sqlite' }];
  if (PG_ADMIN_URL || process.env.CI) cases.push({ engine: 'postgres' });
  else {
    const skip =
      'TEST_DATABASE_URL is not set: PostgreSQL suites skipped (run `bash scripts/pg-test-cluster.sh` and export the URL it prints)';
    console.warn(skip);
    cases.push({ engine: 'postgres', skip });
  }
  return cases;
}

export interface TestDatabase {
  config: DbConfig;
  drop(): Promise<void>;
}

export async function createTestDatabase(engine: DbKind): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tam-test-'));
    return {
      config: { kind: 'sqlite', file: join(dir, 'tam.sqlite') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!PG_ADMIN_URL) {
    throw new Error(
      'TEST_DATABASE_URL is not set but CI requires the PostgreSQL suites: start a cluster with `bash scripts/pg-test-cluster.sh` and export the URL it prints.',
    );
  }
  const name = `tam_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

// ---------------------------------------------------------------- fixture

export const PASSWORD = 'correct horse battery staple';

/**
 * Cheap scrypt parameters for the suites (the real ones cost ~128 MiB and a few hundred ms per
 * hash): the fixture's hashes and startApi use them unless a test passes its own. One test
 * (auth.test.ts) proves the rehash with the real defaults.
 */
export const TEST_SCRYPT: ScryptParams = { N: 1024, r: 8, p: 1 };

const uuid = () => randomUUID();
const stamp = '2026-01-01T00:00:00.000Z';
const env = (id: string) => ({ id, version: 0, updatedAt: stamp, deleted: false });

function user(name: string, email: string, role: User['role'], team: string): User {
  return { ...env(uuid()), name, email, role, team, locale: 'ja' };
}

/** Two TAMs of team X with a customer each, a TAM of team Y, their managers, an admin. */
export function buildFixture() {
  const tamA = user('TAM A', 'tam-a@test.example', 'tam', 'X');
  const tamB = user('TAM B', 'tam-b@test.example', 'tam', 'X');
  const tamC = user('TAM C', 'tam-c@test.example', 'tam', 'Y');
  const managerX = user('Manager X', 'manager-x@test.example', 'manager', 'X');
  const managerY = user('Manager Y', 'manager-y@test.example', 'manager', 'Y');
  const admin = user('Admin', 'admin@test.example', 'admin', 'ops');
  const customer = (nameLatin: string, tam: User, team: string): Customer => ({
    ...env(uuid()),
    nameJa: `${nameLatin} 株式会社`,
    nameLatin,
    contractTier: 'msa_enterprise',
    supportPolicyId: 'msa-enterprise',
    contractStart: '2025-04-01',
    contractEnd: '2028-03-31',
    calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
    tamId: tam.id,
    backupTamId: null,
    team,
  });
  const c1 = customer('Alpha', tamA, 'X');
  const c2 = customer('Beta', tamB, 'X');
  const c3 = customer('Gamma', tamC, 'Y');
  const product = (c: Customer, version: string, supportEndsOn: string): DeployedProduct => ({
    ...env(uuid()),
    customerId: c.id,
    product: 'Endpoint Security',
    productVersion: version,
    supportEndsOn,
  });
  const incident = (c: Customer, status: Incident['status']): Incident => ({
    ...env(uuid()),
    customerId: c.id,
    title: `Incident of ${c.nameLatin}`,
    description: '',
    severity: 3,
    channel: 'portal',
    status,
    receivedAt: '2026-01-05T01:00:00.000Z',
    firstResponseAt: status === 'new' ? null : '2026-01-05T02:00:00.000Z',
    resolvedAt: status === 'closed' ? '2026-01-06T02:00:00.000Z' : null,
    severityHistory: [{ severity: 3, at: '2026-01-05T01:00:00.000Z', by: c.tamId }],
    createdBy: c.tamId,
  });
  const i1 = incident(c1, 'new');
  const i2 = incident(c2, 'new');
  const i1closed = incident(c1, 'closed');
  const users = { tamA, tamB, tamC, managerX, managerY, admin };
  const rows: TaggedRow[] = [
    ...Object.values(users).map((u): TaggedRow => ({ entity: 'user', row: u })),
    { entity: 'customer', row: c1 },
    { entity: 'customer', row: c2 },
    { entity: 'customer', row: c3 },
    { entity: 'deployedProduct', row: product(c1, '12.1', '2099-12-31') },
    { entity: 'deployedProduct', row: product(c1, '11.0', '2020-12-31') },
    { entity: 'incident', row: i1 },
    { entity: 'incident', row: i2 },
    { entity: 'incident', row: i1closed },
  ];
  for (const [inc, n] of [
    [i1, 2],
    [i1closed, 3],
    [i2, 1],
  ] as const) {
    for (let k = 0; k < n; k++) {
      rows.push({
        entity: 'timelineEvent',
        row: {
          ...env(uuid()),
          incidentId: inc.id,
          customerId: inc.customerId,
          kind: 'note',
          at: '2026-01-05T03:00:00.000Z',
          authorId: inc.createdBy,
          body: `note ${k}`,
          visibility: 'internal',
          isAnswer: false,
          meta: null,
        },
      });
    }
  }
  return { users, customers: { c1, c2, c3 }, incidents: { i1, i2, i1closed }, rows };
}

export type Fixture = ReturnType<typeof buildFixture>;

export async function seedFixture(db: Db, fixture: Fixture): Promise<void> {
  await bulkInsert(db, [fixture.rows]);
  const hash = await hashPassword(PASSWORD, TEST_SCRYPT);
  for (const u of Object.values(fixture.users)) await upsertAccount(db, u.id, u.email, hash);
}

// ---------------------------------------------------------------- server and client

export interface RunningApi {
  api: TamApi;
  base: string;
  close(): Promise<void>;
}

export async function startApi(options: AppOptions): Promise<RunningApi> {
  const api = await createApi({ ...options, auth: { scrypt: TEST_SCRYPT, ...options.auth } });
  const address = await api.app.listen({ port: 0, host: '127.0.0.1' });
  return { api, base: address, close: () => api.close() };
}

export async function openTestDb(config: DbConfig): Promise<Db> {
  return openDatabase(config);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are inspected freely
export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are inspected freely
export async function http<T = any>(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let payload: string | undefined;
  if (options.raw !== undefined) payload = options.raw;
  else if (options.body !== undefined) payload = JSON.stringify(options.body);
  if (payload !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    ...(payload !== undefined ? { body: payload } : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

export async function login(base: string, email: string, password = PASSWORD): Promise<string> {
  const res = await http(base, 'POST', '/v1/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

export interface Change {
  entity: string;
  id: string;
  op: 'put' | 'delete';
  data?: Record<string, unknown>;
  /** A timeline event's delete: its incident. */
  parentId?: string;
}

/** A minimal replica: applies pulled changes to a map, following the cursor to the end. */
export class TestReplica {
  readonly rows = new Map<string, Change['data']>();
  cursor: string | null = null;
  pages = 0;
  readonly clientId = `test-${randomUUID()}`;
  private nextMutationId = 1;

  /** base: the API to talk to (tests may switch it between processes sharing a database). */
  constructor(
    public base: string,
    readonly token: string,
  ) {}

  key(entity: string, id: string): string {
    return `${entity}:${id}`;
  }

  has(entity: string, id: string): boolean {
    return this.rows.has(this.key(entity, id));
  }

  get(entity: string, id: string): Record<string, unknown> | undefined {
    return this.rows.get(this.key(entity, id));
  }

  ids(entity: string): string[] {
    return [...this.rows.keys()]
      .filter((k) => k.startsWith(`${entity}:`))
      .map((k) => k.slice(entity.length + 1));
  }

  async pullOnce(
    limit?: number,
    timelines?: 'all' | 'open-only',
  ): Promise<{ changes: Change[]; hasMore: boolean }> {
    const res = await http(this.base, 'POST', '/v1/sync/pull', {
      token: this.token,
      body: {
        clientId: this.clientId,
        cursor: this.cursor,
        ...(limit ? { limit } : {}),
        ...(timelines ? { timelines } : {}),
      },
    });
    if (res.status !== 200) throw new Error(`pull failed: ${res.status} ${JSON.stringify(res.body)}`);
    for (const c of res.body.changes as Change[]) {
      if (c.op === 'put') this.rows.set(this.key(c.entity, c.id), c.data);
      else this.rows.delete(this.key(c.entity, c.id));
    }
    this.cursor = res.body.cursor;
    this.pages++;
    return res.body;
  }

  async pullAll(limit?: number, timelines?: 'all' | 'open-only'): Promise<Change[]> {
    const all: Change[] = [];
    for (let i = 0; i < 10_000; i++) {
      const page = await this.pullOnce(limit, timelines);
      all.push(...page.changes);
      if (!page.hasMore) return all;
    }
    throw new Error('pull did not end');
  }

  async push(
    name: string,
    args: unknown,
    id = this.nextMutationId++,
  ): Promise<{ status: string; error?: { code: string; message: string } }> {
    const res = await http(this.base, 'POST', '/v1/sync/push', {
      token: this.token,
      body: { clientId: this.clientId, mutations: [{ id, name, args }] },
    });
    if (res.status !== 200) throw new Error(`push failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.results[0];
  }
}
