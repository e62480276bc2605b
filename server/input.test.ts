// Bad input gets a 4xx JSON error with a message and changes nothing; CORS, unknown routes,
// the OpenAPI document and the optional static app.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db';
import type { Db } from './db';
import { highWaterMark } from './sync/store';
import type { Fixture, RunningApi, TestDatabase } from './testing/harness';
import {
  buildFixture,
  createTestDatabase,
  engineCases,
  http,
  login,
  seedFixture,
  startApi,
} from './testing/harness';

describe.each(engineCases())('bad input on $engine', ({ engine, skip }) => {
  let tdb: TestDatabase;
  let db: Db;
  let server: RunningApi;
  let fx: Fixture;
  let token: string;
  let staticDir: string;

  beforeAll(async () => {
    if (skip) return;
    tdb = await createTestDatabase(engine);
    db = await openDatabase(tdb.config);
    fx = buildFixture();
    await seedFixture(db, fx);
    staticDir = mkdtempSync(join(tmpdir(), 'tam-static-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>TAM</title>');
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'assets', 'app-abc12345.js'), 'console.log(1)');
    server = await startApi({ db, bodyLimit: 64 * 1024, staticDir });
    token = await login(server.base, fx.users.admin.email);
  });
  afterAll(async () => {
    if (skip) return;
    await server?.close();
    await db?.close();
    await tdb?.drop();
  });

  const expectJsonError = (res: { status: number; body: any }, status: number, code: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(typeof res.body.error.message).toBe('string');
    expect(res.body.error.message.length).toBeGreaterThan(10);
    expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\.ts:\d+/); // no stack trace
  };

  const pushOne = (name: string, args: unknown, clientId = `bad-input-${engine}`) =>
    http(server.base, 'POST', '/v1/sync/push', {
      token,
      body: { clientId, mutations: [{ id: 1, name, args }] },
    });

  const unchanged = async <T>(work: () => Promise<T>): Promise<T> => {
    const before = await highWaterMark(db.kysely);
    const result = await work();
    expect(await highWaterMark(db.kysely)).toBe(before);
    return result;
  };

  const incidentArgs = () => ({
    id: randomUUID(),
    customerId: fx.customers.c1.id,
    title: 't',
    severity: 2,
    channel: 'phone',
    receivedAt: '2026-01-05T10:00:00+09:00',
  });

  it.skipIf(!!skip)('malformed JSON → 400 invalid_json', async () => {
    await unchanged(async () => {
      expectJsonError(
        await http(server.base, 'POST', '/v1/sync/push', { token, raw: '{"clientId": "abc' }),
        400,
        'invalid_json',
      );
      expectJsonError(await http(server.base, 'POST', '/v1/auth/login', { raw: '{,}' }), 400, 'invalid_json');
    });
  });

  it.skipIf(!!skip)('wrong types → 400 invalid_request naming the field', async () => {
    await unchanged(async () => {
      const res = await http(server.base, 'POST', '/v1/sync/pull', {
        token,
        body: { clientId: 12, cursor: 5, limit: 'many' },
      });
      expectJsonError(res, 400, 'invalid_request');
      expect(res.body.error.message).toMatch(/clientId/);
      expectJsonError(
        await http(server.base, 'POST', '/v1/sync/pull', {
          token,
          body: { clientId: 'client-xyz-1', cursor: null, limit: 5000 },
        }),
        400,
        'invalid_request',
      );
      expectJsonError(
        await http(server.base, 'POST', '/v1/sync/push', {
          token,
          body: { clientId: 'client-xyz-1', mutations: [{ id: 1.5, name: 'incident.create', args: {} }] },
        }),
        400,
        'invalid_request',
      );
      expectJsonError(
        await http(server.base, 'POST', '/v1/auth/login', { body: { email: ['a'], password: 1 } }),
        400,
        'invalid_request',
      );
      expectJsonError(
        await pushOne('incident.create', { ...incidentArgs(), severity: 'high' }),
        400,
        'invalid_args',
      );
    });
  });

  it.skipIf(!!skip)('oversized body → 413', async () => {
    await unchanged(async () => {
      const big = {
        clientId: 'client-big-1',
        mutations: [{ id: 1, name: 'timeline.append', args: { body: 'x'.repeat(70 * 1024) } }],
      };
      expectJsonError(
        await http(server.base, 'POST', '/v1/sync/push', { token, body: big }),
        413,
        'payload_too_large',
      );
    });
  });

  it.skipIf(!!skip)('unknown mutation → 400 and nothing of the batch is applied', async () => {
    const good = incidentArgs();
    await unchanged(async () => {
      const res = await http(server.base, 'POST', '/v1/sync/push', {
        token,
        body: {
          clientId: 'client-batch-1',
          mutations: [
            { id: 1, name: 'incident.create', args: good },
            { id: 2, name: 'incident.explode', args: {} },
          ],
        },
      });
      expectJsonError(res, 400, 'unknown_mutation');
      expect(res.body.error.message).toMatch(/incident\.explode/);
    });
  });

  it.skipIf(!!skip)('invalid dates and time zones → 400', async () => {
    await unchanged(async () => {
      expectJsonError(
        await pushOne('incident.create', { ...incidentArgs(), receivedAt: '2026-02-30T10:00:00+09:00' }),
        400,
        'invalid_args',
      );
      expectJsonError(
        await pushOne('incident.create', { ...incidentArgs(), receivedAt: 'yesterday' }),
        400,
        'invalid_args',
      );
      expectJsonError(
        await pushOne('healthCheck.schedule', {
          id: randomUUID(),
          customerId: fx.customers.c1.id,
          agreedOn: '2026-13-01',
          scheduledDate: '2026-12-15',
        }),
        400,
        'invalid_args',
      );
      const zone = await pushOne('customer.update', {
        customerId: fx.customers.c1.id,
        patch: { calendar: { timeZone: 'Mars/Olympus_Mons', country: 'JP' } },
      });
      expectJsonError(zone, 400, 'invalid_args');
      expect(zone.body.error.message).toMatch(/time zone/i);
      expectJsonError(
        await pushOne('customer.update', {
          customerId: fx.customers.c1.id,
          patch: { calendar: { timeZone: 'Asia/Tokyo', country: 'XX' } },
        }),
        400,
        'invalid_args',
      );
    });
  });

  it.skipIf(!!skip)('a corrupt cursor → 400 invalid_cursor', async () => {
    expectJsonError(
      await http(server.base, 'POST', '/v1/sync/pull', {
        token,
        body: { clientId: 'client-cursor-1', cursor: 'garbage' },
      }),
      400,
      'invalid_cursor',
    );
  });

  it.skipIf(!!skip)('unknown routes → 404 JSON', async () => {
    expectJsonError(await http(server.base, 'GET', '/v1/nope', { token }), 404, 'not_found');
    expectJsonError(await http(server.base, 'DELETE', '/v1/sync/pull', { token }), 404, 'not_found');
  });

  it.skipIf(!!skip)('allows loopback and app:// origins, not others', async () => {
    const pre = await http(server.base, 'OPTIONS', '/v1/sync/pull', {
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const app = await http(server.base, 'GET', '/v1/health', { headers: { origin: 'app://tam' } });
    expect(app.headers.get('access-control-allow-origin')).toBe('app://tam');
    const evil = await http(server.base, 'GET', '/v1/health', {
      headers: { origin: 'https://evil.example' },
    });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const ip = await http(server.base, 'GET', '/v1/health', { headers: { origin: 'http://127.0.0.1:4000' } });
    expect(ip.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4000');
  });

  it.skipIf(!!skip)('reports health and engine, and documents the API from the zod schemas', async () => {
    expect((await http(server.base, 'GET', '/v1/health')).body).toEqual({ status: 'ok', db: engine });
    const doc = (await http(server.base, 'GET', '/v1/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/auth/login',
        '/v1/sync/pull',
        '/v1/sync/push',
        '/v1/sync/events',
        '/v1/incidents/{id}/timeline',
      ]),
    );
    expect(doc.components.schemas['mutation.incident.create'].required).toEqual(
      expect.arrayContaining(['id', 'customerId', 'title', 'severity', 'channel', 'receivedAt']),
    );
    expect(doc.components.schemas['entity.incident'].properties.severityHistory).toBeDefined();
  });

  it.skipIf(!!skip)(
    'serves the built app with index.html fallback and security headers, /v1 first',
    async () => {
      const root = await http(server.base, 'GET', '/');
      expect(root.status).toBe(200);
      expect(root.body).toContain('<title>TAM</title>');
      expect(root.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(root.headers.get('x-frame-options')).toBe('DENY');
      const deep = await http(server.base, 'GET', '/incidents/123');
      expect(deep.status).toBe(200);
      expect(deep.body).toContain('<title>TAM</title>');
      const asset = await http(server.base, 'GET', '/assets/app-abc12345.js');
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      expect(asset.headers.get('cache-control')).toMatch(/immutable/);
      expect((await http(server.base, 'GET', '/assets/missing.js')).status).toBe(404);
      expect(JSON.stringify((await http(server.base, 'GET', '/..%2f..%2fetc%2fpasswd')).body)).not.toMatch(
        /root:/,
      );
      expect((await http(server.base, 'GET', '/v1/health')).body.status).toBe('ok');
      expect((await http(server.base, 'GET', '/v1/unknown')).status).toBe(404);
    },
  );
});
