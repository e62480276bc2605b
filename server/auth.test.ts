// Sign-in, sign-out, expiry and throttling over real HTTP on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from './auth/sessions';
import { verifyPassword, hashPassword } from './auth/passwords';
import { openDatabase } from './db';
import type { Db } from './db';
import type { Fixture, RunningApi, TestDatabase } from './testing/harness';
import {
  PASSWORD,
  TEST_SCRYPT,
  buildFixture,
  createTestDatabase,
  engineCases,
  http,
  login,
  seedFixture,
  startApi,
} from './testing/harness';

const TTL = 60 * 60_000;

describe.each(engineCases())('auth on $engine', ({ engine, skip }) => {
  let tdb: TestDatabase;
  let db: Db;
  let server: RunningApi;
  let fx: Fixture;
  let clock = Date.parse('2026-11-26T00:00:00Z');

  beforeAll(async () => {
    if (skip) return;
    tdb = await createTestDatabase(engine);
    db = await openDatabase(tdb.config);
    fx = buildFixture();
    await seedFixture(db, fx);
    server = await startApi({ db, now: () => clock, auth: { sessionTtlMs: TTL, maxFailuresPerEmail: 3 } });
  });
  afterAll(async () => {
    if (skip) return;
    await server?.close();
    await db?.close();
    await tdb?.drop();
  });

  it.skipIf(!!skip)('signs in and answers who is signed in', async () => {
    const res = await http(server.base, 'POST', '/v1/auth/login', {
      body: { email: 'TAM-A@test.example', password: PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({
      id: fx.users.tamA.id,
      email: 'tam-a@test.example',
      name: 'TAM A',
      role: 'tam',
    });
    expect(Date.parse(res.body.expiresAt)).toBe(clock + TTL);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const me = await http(server.base, 'GET', '/v1/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ id: fx.users.tamA.id, team: 'X', role: 'tam' });
  });

  it.skipIf(!!skip)('stores only a hash of the token and of the password', async () => {
    const token = await login(server.base, fx.users.tamB.email);
    const sessions = await db.kysely.selectFrom('sessions').select('token_hash').execute();
    expect(sessions.map((s) => s.token_hash)).toContain(sha256(token));
    expect(sessions.map((s) => s.token_hash)).not.toContain(token);
    const account = await db.kysely
      .selectFrom('accounts')
      .selectAll()
      .where('user_id', '=', fx.users.tamB.id)
      .executeTakeFirstOrThrow();
    expect(account.password_hash).toMatch(/^scrypt\$/);
    expect(account.password_hash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, account.password_hash)).toBe(true);
    expect(await verifyPassword('wrong', account.password_hash)).toBe(false);
  });

  it.skipIf(!!skip)('gives the same 401 for an unknown email and a wrong password', async () => {
    const unknown = await http(server.base, 'POST', '/v1/auth/login', {
      body: { email: 'nobody@test.example', password: PASSWORD },
    });
    const wrong = await http(server.base, 'POST', '/v1/auth/login', {
      body: { email: fx.users.managerY.email, password: 'wrong password' },
    });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.body.error.code).toBe('invalid_credentials');
  });

  it.skipIf(!!skip)('answers 429 after too many failures, until the window passes', async () => {
    const email = fx.users.tamC.email;
    for (let i = 0; i < 3; i++) {
      expect(
        (await http(server.base, 'POST', '/v1/auth/login', { body: { email, password: `bad ${i}` } })).status,
      ).toBe(401);
    }
    const blocked = await http(server.base, 'POST', '/v1/auth/login', {
      body: { email, password: PASSWORD },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('sign_in_throttled');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    clock += 16 * 60_000;
    expect(
      (await http(server.base, 'POST', '/v1/auth/login', { body: { email, password: PASSWORD } })).status,
    ).toBe(200);
  });

  it.skipIf(!!skip)('signs out: the token stops working', async () => {
    const token = await login(server.base, fx.users.admin.email);
    expect((await http(server.base, 'GET', '/v1/me', { token })).status).toBe(200);
    const out = await http(server.base, 'POST', '/v1/auth/logout', { token });
    expect(out.status).toBe(204);
    const after = await http(server.base, 'GET', '/v1/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthorized');
    expect(
      (
        await http(server.base, 'POST', '/v1/sync/pull', {
          token,
          body: { clientId: 'client-after-logout', cursor: null },
        })
      ).status,
    ).toBe(401);
  });

  it.skipIf(!!skip)('expires a session after its lifetime', async () => {
    const token = await login(server.base, fx.users.managerX.email);
    clock += TTL - 1000;
    expect((await http(server.base, 'GET', '/v1/me', { token })).status).toBe(200);
    clock += 2000;
    const expired = await http(server.base, 'GET', '/v1/me', { token });
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('session_expired');
    expect(expired.body.error.message).toMatch(/sign in again/);
  });

  it.skipIf(!!skip)('asks for a token on every protected route', async () => {
    for (const [method, path] of [
      ['GET', '/v1/me'],
      ['POST', '/v1/sync/pull'],
      ['POST', '/v1/sync/push'],
      ['GET', '/v1/sync/events'],
      ['POST', '/v1/auth/logout'],
    ] as const) {
      const res = await http(server.base, method, path, { token: 'x'.repeat(43) });
      expect(res.status, path).toBe(401);
      expect(res.body.error.code, path).toBe('unauthorized');
    }
  });
});

describe('password hashing', () => {
  it('salts: the same password hashes differently each time, both verify', async () => {
    const [a, b] = [await hashPassword('secret', TEST_SCRYPT), await hashPassword('secret', TEST_SCRYPT)];
    expect(a).not.toBe(b);
    expect(await verifyPassword('secret', a)).toBe(true);
    expect(await verifyPassword('secret', b)).toBe(true);
    expect(await verifyPassword('secret', 'plain')).toBe(false);
  });
});
