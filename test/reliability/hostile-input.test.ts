// Hostile input against every endpoint and every mutation, generated with fast-check, on
// SQLite and PostgreSQL: wrong types, huge strings, deep nesting, __proto__/constructor keys,
// SQL and HTML meta-characters, invalid dates and time zones, unknown fields and mutations,
// oversized and malformed bodies, hostile headers.
//
// The contract (server/sync/push.ts, the OpenAPI document): a request of the wrong shape is
// refused as a whole with a 4xx `{ error: { code, message } }` and nothing is applied; a push
// whose mutations have the right shape gets a 200 with one result per mutation, and a
// mutation the server cannot apply (pointing at nothing, another customer, a stale state) is
// `rejected` with `{ code, message }`. So:
//   - shape-invalid input (any endpoint)      → 4xx JSON error; the whole database unchanged
//     (every table, row by row; login_failures aside: counting failed sign-ins is its job);
//   - shape-valid push of mutations that cannot apply → 200 with every result `rejected`
//     with a code and a message (or a 4xx as a whole); the data unchanged (records, scope,
//     accounts, the change counter). The server does remember the rejection (client_mutations,
//     sync_clients): that is how a resent mutation gets the same answer, by contract.
// Unknown fields of a right-shaped object are ignored (zod strips them; the OpenAPI document
// does not forbid additional properties), and never reach a stored row.
// Text is data: markup and SQL in text fields are stored and returned byte for byte.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IncidentTimelineResponseSchema,
  PUSH_MAX_MUTATIONS,
  PullRequestSchema,
  PushRequestSchema,
} from '../../shared/model/api';
import { MUTATION_ARG_SCHEMAS, MUTATION_NAMES, isMutationName } from '../../shared/mutations';
import { openDatabase, type Db } from '../../server/db';
import { validateMutations } from '../../server/sync/push';
import {
  createTestDatabase,
  engineCases,
  http,
  login,
  seedFixture,
  startApi,
  TestReplica,
  type RunningApi,
  type TestDatabase,
} from '../../server/testing/harness';
import { expectApiError, fingerprint } from './support/api-checks';
import {
  ALL_TABLES,
  DOMAIN_TABLES,
  changedTables,
  tableDigests,
  type TableName,
} from './support/db-checksum';
import { buildReliabilityFixture, type ReliabilityFixture } from './support/fixture';
import { recordFigures } from './support/figures';
import {
  HTML_META,
  PROTO_KEYS,
  SQL_META,
  UNICODE_TRAPS,
  corruptedArgs,
  danglingArgs,
  deepNest,
  hostileString,
  hostileValue,
} from './support/hostile';
import { RUN_SEED, SCALE } from './support/scale';

const EVERYTHING_BUT_LOGIN_FAILURES: readonly TableName[] = ALL_TABLES.filter((t) => t !== 'login_failures');

/** encodeURIComponent, also for strings with lone surrogates (which it refuses). */
const safeEncode = (s: string) =>
  encodeURIComponent(
    s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );

const hex = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength, maxLength });

/** Would the server accept this push body as a whole (shape, names, arguments, order)? */
function acceptablePush(body: unknown): boolean {
  const parsed = PushRequestSchema.safeParse(body);
  if (!parsed.success) return false;
  try {
    validateMutations(parsed.data);
    return true;
  } catch {
    return false;
  }
}

const KNOWN_ROUTES = new Set([
  '/v1/health',
  '/v1/openapi.json',
  '/v1/me',
  '/v1/auth/login',
  '/v1/auth/logout',
  '/v1/sync/pull',
  '/v1/sync/push',
  '/v1/sync/events',
]);

describe.each(engineCases())('hostile input on $engine', ({ engine, skip }) => {
  let tdb: TestDatabase;
  let db: Db;
  let server: RunningApi;
  let fx: ReliabilityFixture;
  const tokens: Record<string, string> = {};
  const tried: Record<string, number> = {};
  let nextMutationId = 1;
  const clientId = `hostile-${engine}-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    if (skip) return;
    tdb = await createTestDatabase(engine);
    db = await openDatabase(tdb.config);
    // TAM A sees only customer c1 here (not backup of c2).
    fx = buildReliabilityFixture({ tamABacksUpC2: false });
    await seedFixture(db, fx);
    // Thousands of pushes a minute by one user: far over the write quota (tested in
    // server/push.test.ts), which would answer 429 before the input is even looked at.
    server = await startApi({
      db,
      pushQuota: { mutationsPerMinute: Number.MAX_SAFE_INTEGER, bytesPerDay: Number.MAX_SAFE_INTEGER },
    });
    // Every sign-in first: the sign-in property below trips the per-address throttle.
    for (const who of ['admin', 'tamA', 'tamB'] as const)
      tokens[who] = await login(server.base, fx.users[who].email);
    // Register the client id and its scope set once, so that a refused request has nothing to register.
    await http(server.base, 'POST', '/v1/sync/push', {
      token: tokens.admin,
      body: { clientId, mutations: [] },
    });
    const first = await http(server.base, 'POST', '/v1/sync/pull', {
      token: tokens.admin,
      body: { clientId, cursor: null },
    });
    expect(first.status).toBe(200);
  });
  afterAll(async () => {
    if (skip) return;
    const total = Object.values(tried).reduce((a, b) => a + b, 0);
    console.log(
      `hostile input on ${engine}: ${total} inputs tried (${Object.entries(tried)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}), seed ${RUN_SEED}`,
    );
    recordFigures(`hostile-${engine}`, { engine, total, tried, seed: RUN_SEED });
    await server?.close();
    await db?.close();
    await tdb?.drop();
  });

  const fcOptions = (numRuns = SCALE.hostileRuns) => ({ numRuns, seed: RUN_SEED, endOnFailure: true });
  const count = (what: string) => {
    tried[what] = (tried[what] ?? 0) + 1;
  };

  /** Runs a property and checks, table by table, that it left the given tables unchanged. */
  const unchangedAround = async (tables: readonly TableName[], property: () => Promise<void>) => {
    const before = await tableDigests(db, tables);
    await property();
    const after = await tableDigests(db, tables);
    expect(changedTables(before, after), 'tables changed by hostile input').toEqual([]);
  };

  /** One request; the cheap fingerprint must not move. */
  const send = async (
    what: string,
    method: string,
    path: string,
    options: Parameters<typeof http>[3] = {},
  ) => {
    count(what);
    const before = await fingerprint(db);
    const res = await http(server.base, method, path, options);
    expect(
      await fingerprint(db),
      `${what} changed the database: ${JSON.stringify(options.body ?? options.raw)?.slice(0, 200)}`,
    ).toBe(before);
    return res;
  };

  it.skipIf(!!skip).each(MUTATION_NAMES)(
    '%s: arguments of the wrong shape → 400, nothing changes',
    async (name) => {
      const schema = MUTATION_ARG_SCHEMAS[name];
      await unchangedAround(EVERYTHING_BUT_LOGIN_FAILURES, async () => {
        await fc.assert(
          fc.asyncProperty(corruptedArgs(name, fx), async (args) => {
            fc.pre(!schema.safeParse(args).success);
            const res = await send('mutation args', 'POST', '/v1/sync/push', {
              token: tokens.admin,
              body: { clientId, mutations: [{ id: nextMutationId, name, args }] },
            });
            expectApiError(res, name, [400, 413]);
            expect(['invalid_args', 'invalid_json', 'payload_too_large']).toContain(res.body.error.code);
          }),
          fcOptions(),
        );
      });
    },
  );

  it.skipIf(!!skip).each(MUTATION_NAMES)(
    '%s: right shape, pointing at nothing, markup and SQL in the text → every result rejected with a reason, no data changes',
    async (name) => {
      await unchangedAround(DOMAIN_TABLES, async () => {
        await fc.assert(
          fc.asyncProperty(danglingArgs(name, fx), async (args) => {
            count('dangling mutation');
            const id = nextMutationId++;
            const res = await http(server.base, 'POST', '/v1/sync/push', {
              token: tokens.admin,
              body: { clientId, mutations: [{ id, name, args }] },
            });
            if (res.status !== 200) {
              expectApiError(res, name, [400]);
              return;
            }
            expect(res.body.results, JSON.stringify(res.body)).toHaveLength(1);
            for (const r of res.body.results as Array<{
              status: string;
              error?: { code: string; message: string };
            }>) {
              expect(r.status, JSON.stringify(r)).toBe('rejected');
              expect(r.error?.code, JSON.stringify(r)).toMatch(/^[a-z_]+$/);
              expect(r.error?.message.length ?? 0, JSON.stringify(r)).toBeGreaterThan(10);
            }
          }),
          fcOptions(),
        );
      });
    },
  );

  it.skipIf(!!skip)('unknown mutation names → 400 unknown_mutation, nothing changes', async () => {
    const names = fc.oneof(
      hostileString(),
      fc.constantFrom(
        ...PROTO_KEYS,
        'incident.create ',
        'INCIDENT.CREATE',
        'incident.create\u0000',
        'incident/create',
        'incident',
        'incident.',
        '.create',
        'Incident.Create',
        'incident.delete',
        'user.update',
        'admin.grant',
      ),
    );
    await unchangedAround(EVERYTHING_BUT_LOGIN_FAILURES, async () => {
      await fc.assert(
        fc.asyncProperty(names, async (name) => {
          fc.pre(!isMutationName(name));
          const res = await send('mutation name', 'POST', '/v1/sync/push', {
            token: tokens.admin,
            body: { clientId, mutations: [{ id: nextMutationId, name, args: {} }] },
          });
          expectApiError(res, `name ${JSON.stringify(name).slice(0, 80)}`, [400]);
          expect(['unknown_mutation', 'invalid_request']).toContain(res.body.error.code);
        }),
        fcOptions(SCALE.hostileRuns * 2),
      );
    });
  });

  it.skipIf(!!skip)('push envelopes of the wrong shape → 400, nothing changes', async () => {
    const valid = () => ({
      id: nextMutationId,
      name: 'timeline.append',
      args: {
        id: randomUUID(),
        incidentId: fx.incidents.i1.id,
        kind: 'note',
        at: new Date().toISOString(),
        body: 'x',
        visibility: 'internal',
      },
    });
    const envelopes = fc.oneof(
      hostileValue(),
      hostileValue().map((clientIdValue) => ({ clientId: clientIdValue, mutations: [valid()] })),
      hostileValue().map((mutations) => ({ clientId, mutations })),
      hostileValue().map((idValue) => ({ clientId, mutations: [{ ...valid(), id: idValue }] })),
      fc
        .constantFrom(0, -1, 1.5, 2 ** 60, '1', null)
        .map((idValue) => ({ clientId, mutations: [{ ...valid(), id: idValue }] })),
      fc.constant(null).map(() => ({ clientId, mutations: [valid(), { ...valid(), id: nextMutationId }] })),
      fc
        .constant(null)
        .map(() => ({ clientId, mutations: [{ ...valid(), id: nextMutationId + 1 }, valid()] })),
      fc.constant(null).map(() => ({
        clientId,
        mutations: Array.from({ length: PUSH_MAX_MUTATIONS + 1 }, (_, i) => ({
          ...valid(),
          id: nextMutationId + i,
        })),
      })),
      fc
        .constant(null)
        .map(() => ({ clientId, mutations: [{ id: nextMutationId, name: 'timeline.append' }] })),
    );
    await unchangedAround(EVERYTHING_BUT_LOGIN_FAILURES, async () => {
      await fc.assert(
        fc.asyncProperty(envelopes, async (body) => {
          fc.pre(!acceptablePush(body));
          const res = await send('push envelope', 'POST', '/v1/sync/push', { token: tokens.admin, body });
          expectApiError(res, 'push envelope', [400, 403, 413, 415]);
        }),
        fcOptions(SCALE.hostileRuns * 2),
      );
    });
  });

  it.skipIf(!!skip)('pull bodies and forged cursors → 400, nothing changes', async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const forged = fc.oneof(
      hostileString(),
      fc
        .record({
          f: fc.constantFrom(1, 2, '1'),
          u: fc.constantFrom(fx.users.admin.id, fx.users.tamA.id, 'x'),
          s: fc.oneof(fc.integer({ min: -5, max: 1e9 }), fc.constant(2 ** 60)),
          h: fc.oneof(hex(32, 32), hostileString()),
        })
        .map(b64),
      fc.jsonValue({ maxDepth: 3 }).map(b64),
      fc.constantFrom('', '=', '..', 'e30', b64({ __proto__: { f: 1 } }), b64(deepNest(200, 'object'))),
    );
    const bodies = fc.oneof(
      hostileValue(),
      forged.map((cursor) => ({ clientId, cursor })),
      hostileValue().map((cursor) => ({ clientId, cursor })),
      hostileValue().map((limit) => ({ clientId, cursor: null, limit })),
      hostileValue().map((timelines) => ({ clientId, cursor: null, timelines })),
      hostileValue().map((c) => ({ clientId: c, cursor: null })),
    );
    await unchangedAround(EVERYTHING_BUT_LOGIN_FAILURES, async () => {
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          const valid = PullRequestSchema.safeParse(body);
          // A right-shaped bootstrap (cursor null) is an ordinary pull, and a pull registers a new
          // client id and the scope sets of its cursor: not hostile, not read-only. Forged cursors are.
          fc.pre(!valid.success || (valid.data.clientId === clientId && valid.data.cursor !== null));
          const res = await send('pull body', 'POST', '/v1/sync/pull', { token: tokens.admin, body });
          expectApiError(res, 'pull', [400, 403, 413, 415]);
        }),
        fcOptions(SCALE.hostileRuns * 2),
      );
    });
  });

  // Was a bug (server/app.ts, POST /v1/sync/pull): claimClient() registered the client id (a
  // sync_clients row) before pull() decoded the cursor, so a pull refused with 400
  // invalid_cursor still wrote to the database. Fixed: the route only looks the client id up
  // (403 if it is another user's) before pull(), and registers it after pull() succeeded.
  it.skipIf(!!skip)('a pull refused for its cursor registers nothing, not even a new client id', async () => {
    const before = await tableDigests(db, EVERYTHING_BUT_LOGIN_FAILURES);
    for (const cursor of ['garbage', Buffer.from('{"f":1}').toString('base64url')]) {
      count('refused pull');
      const res = await http(server.base, 'POST', '/v1/sync/pull', {
        token: tokens.admin,
        body: { clientId: `fresh-${randomUUID()}`, cursor },
      });
      expectApiError(res, 'refused pull', [400]);
    }
    expect(changedTables(before, await tableDigests(db, EVERYTHING_BUT_LOGIN_FAILURES))).toEqual([]);
  });

  it.skipIf(!!skip)(
    'sign-in with hostile bodies → 400/401/429, nothing but the failure count changes',
    async () => {
      const bodies = fc.oneof(
        hostileValue(),
        fc.record({ email: hostileValue(), password: hostileValue() }),
        fc.record({ email: hostileString(), password: hostileString() }),
        fc.record({
          email: fc.constantFrom(
            ...SQL_META.map((s) => `admin@test.example${s}`),
            "admin@test.example' --",
            'ADMIN@TEST.EXAMPLE ',
          ),
          password: fc.constantFrom(...SQL_META),
        }),
      );
      await unchangedAround(EVERYTHING_BUT_LOGIN_FAILURES, async () => {
        await fc.assert(
          fc.asyncProperty(bodies, async (body) => {
            count('sign-in');
            const res = await http(server.base, 'POST', '/v1/auth/login', { body });
            expectApiError(res, 'login', [400, 401, 413, 429]);
          }),
          fcOptions(),
        );
      });
    },
  );

  // Was a bug on PostgreSQL (fixed in shared/model/api.ts): the sign-in email went
  // into SQL parameters as is, and PostgreSQL refuses text with a NUL character ("invalid byte
  // sequence for encoding UTF8: 0x00"): POST /v1/auth/login with "email": "a@b.c\u0000" answers
  // 500 internal instead of 400 (SQLite accepts the NUL and answers 401). Fix: refuse NUL in
  // LoginRequestSchema (email and password: .refine((s) => !s.includes('\0'), 'must not contain NUL')),
  // which makes it a 400 invalid_request on both engines.
  it.skipIf(!!skip)('sign-in with a NUL character in the email → 4xx JSON', async () => {
    for (const email of ['admin@test.example\u0000', 'Asia/Tokyo\u0000', '\u0000']) {
      count('sign-in with NUL');
      const res = await http(server.base, 'POST', '/v1/auth/login', { body: { email, password: 'x' } });
      expectApiError(res, `login ${JSON.stringify(email)}`, [400, 401, 429]);
    }
  });

  it.skipIf(!!skip)('timeline ids and unknown paths → 400/404 JSON, nothing changes', async () => {
    const ids = fc.oneof(
      hostileString().map(safeEncode),
      fc.constantFrom(
        '..',
        '../..',
        '%2e%2e%2f%2e%2e',
        '..%2f..%2fetc%2fpasswd',
        '%00',
        encodeURIComponent(randomUUID()),
        fx.incidents.i2.id.toUpperCase(),
        fx.incidents.i2.id,
      ),
    );
    await unchangedAround(EVERYTHING_BUT_LOGIN_FAILURES, async () => {
      await fc.assert(
        fc.asyncProperty(ids, async (segment) => {
          if (segment.length > 8000) return;
          const res = await send('timeline id', 'GET', `/v1/incidents/${segment}/timeline`, {
            token: tokens.tamA,
          });
          // None of these is TAM A's incident: a JSON error (and never another TAM's timeline).
          expectApiError(res, `timeline ${segment.slice(0, 80)}`, [400, 404, 414]);
        }),
        fcOptions(),
      );
      const paths = fc.oneof(
        hostileString().map((s) => `/v1/${safeEncode(s)}`),
        fc.constantFrom(
          '/v1/',
          '/v1/sync',
          '/v1/sync/pull/..',
          '/v1/admin',
          '/v1/users',
          '/v1/%2e%2e/etc/passwd',
        ),
      );
      await fc.assert(
        fc.asyncProperty(
          paths,
          fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
          async (path, method) => {
            fc.pre(path.length < 8000 && !KNOWN_ROUTES.has(new URL(path, 'http://x').pathname));
            const res = await send('unknown route', method, path, {
              token: tokens.admin,
              ...(method === 'GET' ? {} : { body: {} }),
            });
            expectApiError(res, `${method} ${path.slice(0, 80)}`, [400, 404, 405, 414]);
          },
        ),
        fcOptions(),
      );
    });
  });

  it.skipIf(!!skip)(
    'timeline query parameters (limit, after) → a page, or 400 invalid_request / invalid_cursor; nothing changes',
    async () => {
      const id = fx.incidents.i1closed.id;
      const path = `/v1/incidents/${id}/timeline`;
      const first = await http(server.base, 'GET', `${path}?limit=1`, { token: tokens.tamA });
      const cursor = first.body.next as string;
      expect(cursor).toEqual(expect.any(String));
      const otherCursor = (
        await http(server.base, 'GET', `/v1/incidents/${fx.incidents.i1.id}/timeline?limit=1`, {
          token: tokens.tamA,
        })
      ).body.next as string;
      const goodCursors = new Set([cursor]);
      const value = fc.oneof(
        hostileString(),
        fc.integer({ min: -2000, max: 2000 }).map(String),
        fc.constantFrom(
          '',
          '0',
          '1',
          '2',
          '1000',
          '1001',
          '01',
          '1e3',
          '0x10',
          ' 1',
          '1.0',
          '-0',
          'NaN',
          'Infinity',
          '9'.repeat(30),
          cursor,
          otherCursor,
          `${cursor}x`,
          cursor.slice(1),
        ),
        fc.constant(null).map(() => Buffer.from(JSON.stringify({ i: id, v: -1 })).toString('base64url')),
        fc
          .integer({ min: 0, max: 2 ** 53 })
          .map((v) => Buffer.from(JSON.stringify({ i: fx.incidents.i2.id, v })).toString('base64url')),
      );
      const query = fc.record({
        limit: fc.option(value, { nil: undefined }),
        after: fc.option(value, { nil: undefined }),
        twice: fc.boolean(),
      });
      await unchangedAround(EVERYTHING_BUT_LOGIN_FAILURES, async () => {
        await fc.assert(
          fc.asyncProperty(query, async ({ limit, after, twice }) => {
            const parts: string[] = [];
            if (limit !== undefined) parts.push(`limit=${safeEncode(limit)}`);
            if (after !== undefined) parts.push(`after=${safeEncode(after)}`);
            if (twice && parts.length > 0) parts.push(parts[0]!);
            const qs = parts.join('&');
            fc.pre(qs.length < 8000);
            const res = await send('timeline query', 'GET', `${path}${qs ? `?${qs}` : ''}`, {
              token: tokens.tamA,
            });
            // What the contract accepts: one limit of 1-1000 written in digits, one cursor this
            // server gave for this incident.
            const limitOk =
              limit === undefined ||
              (/^[0-9]{1,4}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 1000);
            const afterOk = after === undefined || goodCursors.has(after);
            const single = !(twice && parts.length > 0);
            if (limitOk && afterOk && single) {
              expect(res.status, qs.slice(0, 120)).toBe(200);
              expect(IncidentTimelineResponseSchema.safeParse(res.body).success).toBe(true);
              expect(res.body.incidentId).toBe(id);
              expect(res.body.events.length).toBeLessThanOrEqual(limit === undefined ? 500 : Number(limit));
            } else {
              expectApiError(res, `timeline ?${qs.slice(0, 120)}`, [400]);
              expect(['invalid_request', 'invalid_cursor']).toContain(res.body.error.code);
            }
          }),
          fcOptions(SCALE.hostileRuns * 4),
        );
      });
    },
  );

  // Was a bug (server/app.ts, fixed with frameworkErrors): a path with malformed percent-encoding (%zz, a lone %, an overlong
  // UTF-8 sequence), or a path parameter over Fastify's maxParamLength (100 characters), is
  // refused by Fastify's router before the API's error handler runs, so the answer is Fastify's
  // own body {"error":"Bad Request","code":"FST_ERR_BAD_URL" | "FST_ERR_MAX_PARAM_LENGTH",...}
  // (400 / 414) instead of the contract's { error: { code, message } }, without the API's
  // no-store/nosniff headers. Fix: pass `frameworkErrors: (err, req, reply) => reply.code(err.statusCode ?? 400)
  // .send(errorBody('invalid_request', 'The URL is not valid (bad percent-encoding or a too long id); check the path.'))`
  // to Fastify() in createApi (Fastify routes both errors there).
  it.skipIf(!!skip)(
    "a path with malformed percent-encoding or an over-long id → the contract's JSON error",
    async () => {
      for (const segment of ['%', '%zz', '%c0%ae%c0%ae', '%E0%A4%A', 'A'.repeat(150)]) {
        const res = await send('bad URL', 'GET', `/v1/incidents/${segment}/timeline`, { token: tokens.tamA });
        expectApiError(res, `timeline ${segment.slice(0, 20)}`, [400, 414]);
      }
    },
  );

  it.skipIf(!!skip)(
    'hostile Authorization headers → 401 on every protected endpoint, nothing changes',
    async () => {
      const endpoints = [
        ['GET', '/v1/me'],
        ['POST', '/v1/sync/pull'],
        ['POST', '/v1/sync/push'],
        ['GET', '/v1/sync/events'],
        ['POST', '/v1/auth/logout'],
        ['GET', `/v1/incidents/${fx.incidents.i1.id}/timeline`],
      ] as const;
      const headers = fc.oneof(
        hostileString().map((s) => `Bearer ${s}`),
        hostileString(),
        fc.constantFrom(
          'Bearer',
          'Bearer ',
          `Basic ${Buffer.from('admin@test.example:pw').toString('base64')}`,
          `bearer ${'a'.repeat(43)}`,
          `Bearer ${'a'.repeat(201)}`,
          `Bearer ${'a'.repeat(43)} extra`,
          `Bearer ${"' OR 1=1 --".padEnd(43, 'a')}`,
        ),
        hex(20, 200).map((s) => `Bearer ${s}`),
      );
      await unchangedAround(EVERYTHING_BUT_LOGIN_FAILURES, async () => {
        await fc.assert(
          fc.asyncProperty(headers, fc.constantFrom(...endpoints), async (authorization, [method, path]) => {
            // Header values: printable ASCII, and under Node's 16 KiB header limit (see the 431 test).
            const safe = authorization.replace(/[^\t\x20-\x7e]/g, '').slice(0, 8000);
            const res = await send('authorization', method, path, {
              headers: { authorization: safe },
              ...(method === 'POST' ? { body: { clientId, cursor: null, mutations: [] } } : {}),
            });
            expectApiError(res, `${method} ${path} with ${safe.slice(0, 60)}`, [401]);
          }),
          fcOptions(),
        );
      });
    },
  );

  // Was a bug (server/app.ts, fixed with clientErrorHandler), same family: headers over Node's 16 KiB limit are answered by
  // Fastify's default client-error handler: 431 with {"error":"Request Header Fields Too
  // Large","message":...,"statusCode":431}, not the contract's { error: { code, message } }.
  // Fix: pass `clientErrorHandler` to Fastify() in createApi, writing a 431 (400 for other
  // parse errors) with errorBody('headers_too_large', 'The request headers are too large; sign in again or send less.').
  it.skipIf(!!skip)("oversized headers → the contract's JSON error", async () => {
    const res = await send('oversized header', 'GET', '/v1/me', {
      headers: { authorization: `Bearer ${'x'.repeat(20_000)}` },
    });
    expectApiError(res, 'a 20 KB Authorization header', [401, 431]);
  });

  it.skipIf(!!skip)('malformed, mistyped and oversized bodies → 4xx JSON, nothing changes', async () => {
    const raw = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom(
        '{',
        '[',
        '{"clientId":',
        'null',
        'true',
        '1',
        '""',
        '{"__proto__":{"polluted":1}}',
        '{"constructor":{"prototype":{"polluted":1}}}',
        '{"a":1,"a":2}',
        '\uFEFF{}',
        '{"clientId":"x"}garbage',
      ),
      fc.integer({ min: 10_000, max: 100_000 }).map((d) => '['.repeat(d) + ']'.repeat(d)),
    );
    const types = fc.constantFrom(
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
      'application/xml',
      'application/json, text/plain',
    );
    await unchangedAround(EVERYTHING_BUT_LOGIN_FAILURES, async () => {
      await fc.assert(
        fc.asyncProperty(
          raw,
          types,
          fc.constantFrom('/v1/sync/push', '/v1/sync/pull', '/v1/auth/login'),
          async (body, type, path) => {
            const res = await send('raw body', 'POST', path, {
              token: tokens.admin,
              raw: body,
              headers: { 'content-type': type },
            });
            expectApiError(res, `${path} ${type} ${body.slice(0, 60)}`, [400, 401, 413, 415, 429]);
          },
        ),
        fcOptions(),
      );
      // Over the 1 MiB limit: 413, whatever the body.
      for (const size of [1024 * 1024 + 1, 5 * 1024 * 1024]) {
        const big = JSON.stringify({
          clientId,
          mutations: [{ id: 1, name: 'timeline.append', args: { body: 'x'.repeat(size) } }],
        });
        const res = await send('oversized body', 'POST', '/v1/sync/push', { token: tokens.admin, raw: big });
        expectApiError(res, `body of ${size} bytes`, [413]);
      }
    });
    // Fastify refuses __proto__ and constructor.prototype in JSON; nothing was polluted here either.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it.skipIf(!!skip)(
    'stores markup, SQL and odd Unicode in text byte for byte, ignores unknown fields',
    async () => {
      const texts = [...SQL_META, ...HTML_META, ...UNICODE_TRAPS].filter((t) => t.trim().length > 0);
      const replica = new TestReplica(server.base, tokens.admin!);
      const ids: Array<{ id: string; text: string }> = [];
      for (const text of texts) {
        count('stored text');
        const id = randomUUID();
        const result = await replica.push('incident.create', {
          id,
          customerId: fx.customers.c1.id,
          title: text,
          description: text,
          severity: 3,
          channel: 'email',
          receivedAt: new Date(Date.now() - 60_000).toISOString(),
          version: 999,
          deleted: true,
          createdBy: fx.users.tamC.id,
          status: 'closed',
          isAdmin: true,
        });
        expect(result, text).toEqual({ id: expect.any(Number), status: 'applied' });
        ids.push({ id, text });
      }
      await replica.pullAll();
      for (const { id, text } of ids) {
        const row = replica.get('incident', id)!;
        expect(row, text).toBeDefined();
        expect(row.title, JSON.stringify(text)).toBe(text.trim());
        expect(row.description, JSON.stringify(text)).toBe(text);
        // Unknown and server-owned fields were ignored.
        expect(row).not.toHaveProperty('isAdmin');
        expect(row).toMatchObject({ deleted: false, createdBy: fx.users.admin.id, status: 'new' });
        expect(row.version).not.toBe(999);
      }
      // Every table still there, the data intact.
      expect(
        Number(
          (
            await db.kysely
              .selectFrom('records')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ).toBeGreaterThan(fx.rows.length);
    },
  );

  it.skipIf(!!skip)('the API is still up and serves a normal sign-in, pull and push afterwards', async () => {
    expect((await http(server.base, 'GET', '/v1/health')).body).toEqual({ status: 'ok', db: engine });
    const replica = new TestReplica(server.base, tokens.tamB!);
    await replica.pullAll();
    expect(replica.ids('customer')).toContain(fx.customers.c2.id);
    const r = await replica.push('timeline.append', {
      id: randomUUID(),
      incidentId: fx.incidents.i2.id,
      kind: 'note',
      at: new Date().toISOString(),
      body: 'still fine',
      visibility: 'internal',
    });
    expect(r.status).toBe('applied');
    if (db.sqlite) expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
