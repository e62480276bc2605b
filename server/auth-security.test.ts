// Issue 12 (Found #3, #4, #5's stream cap, #8's scrypt) and issue 14 (users): sign-in
// throttling counted before the password check, sessions (password change, list, revoke,
// idle timeout, streams ended at once), the audit log, and user administration. Real HTTP,
// both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, hashPassword, verifyPassword } from './auth/passwords';
import { addressKey } from './auth/throttle';
import { openDatabase } from './db';
import type { Db } from './db';
import { upsertAccount } from './seed/bulk';
import type { Fixture, RunningApi, TestDatabase } from './testing/harness';
import {
  PASSWORD,
  TestReplica,
  buildFixture,
  createTestDatabase,
  engineCases,
  http,
  seedFixture,
  startApi,
} from './testing/harness';

const IDLE = 30 * 60_000;

/** An event stream over real HTTP: read until a text appears, or until the server ends it. */
async function openStream(base: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${base}/v1/sync/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let ended = false;
  const read = async (): Promise<boolean> => {
    const { value, done } = await reader.read();
    if (done) {
      ended = true;
      return false;
    }
    text += decoder.decode(value);
    return true;
  };
  return {
    async readUntil(needle: string) {
      while (!text.includes(needle)) if (!(await read())) throw new Error(`stream ended before ${needle}`);
    },
    /** Resolves when the server closes the stream (the test's timeout fails it otherwise). */
    async ended() {
      while (!ended) await read();
      return true;
    },
    close: () => controller.abort(),
  };
}

describe.each(engineCases())('sign-in, sessions, audit and users on $engine', ({ engine, skip }) => {
  let tdb: TestDatabase;
  let db: Db;
  let server: RunningApi;
  let fx: Fixture;
  let clock = Date.parse('2026-11-26T00:00:00Z');
  const from = (address: string) => ({ 'x-forwarded-for': address });
  const signIn = (email: string, password: string, address = '203.0.113.1') =>
    http(server.base, 'POST', '/v1/auth/login', { body: { email, password }, headers: from(address) });
  const tokenOf = async (email: string, password = PASSWORD, address = '203.0.113.1') => {
    const res = await signIn(email, password, address);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.token as string;
  };
  const audit = async (limit = 1000) => {
    const res = await http(server.base, 'GET', `/v1/admin/audit?limit=${limit}`, {
      token: await tokenOf(fx.users.admin.email, PASSWORD, '198.51.100.200'),
    });
    expect(res.status).toBe(200);
    return res.body.entries as Array<{
      at: string;
      actor: string | null;
      action: string;
      target: string | null;
      address: string | null;
    }>;
  };

  beforeAll(async () => {
    if (skip) return;
    tdb = await createTestDatabase(engine);
    db = await openDatabase(tdb.config);
    fx = buildFixture();
    await seedFixture(db, fx);
    server = await startApi({
      db,
      now: () => clock,
      trustProxy: ['127.0.0.1'],
      auth: { idleTimeoutMs: IDLE, sessionTtlMs: 12 * 60 * 60_000 },
    });
  });
  afterAll(async () => {
    if (skip) return;
    await server?.close();
    await db?.close();
    await tdb?.drop();
  });

  it.skipIf(!!skip)(
    '30 concurrent wrong passwords: at most 5 are checked, the rest answer 429 sign_in_throttled',
    async () => {
      const email = fx.users.tamC.email;
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => signIn(email, `wrong password ${i}`, '192.0.2.7')),
      );
      const checked = answers.filter((a) => a.status === 401);
      const throttled = answers.filter((a) => a.status === 429);
      expect(checked.length).toBeLessThanOrEqual(5);
      expect(checked.length + throttled.length).toBe(30);
      for (const t of throttled) {
        expect(t.body.error.code).toBe('sign_in_throttled');
        expect(Number(t.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      // The right password from the same address waits too (a delay, not a lock) …
      const same = await signIn(email, PASSWORD, '192.0.2.7');
      expect(same.status).toBe(429);
      // … but from another address it signs in: nobody elsewhere can lock the user out.
      const other = await signIn(email, PASSWORD, '198.51.100.9');
      expect(other.status).toBe(200);
      // And after the delay, the same address gets its next attempt.
      clock += Number(same.headers.get('retry-after')) * 1000;
      expect((await signIn(email, PASSWORD, '192.0.2.7')).status).toBe(200);
      const entries = await audit();
      expect(entries.filter((e) => e.action === 'sign_in.failed' && e.target === email).length).toBe(
        checked.length,
      );
      expect(
        entries.some(
          (e) => e.action === 'sign_in.throttled' && e.target === email && e.address === '192.0.2.7',
        ),
      ).toBe(true);
      expect(
        entries.some(
          (e) => e.action === 'sign_in.succeeded' && e.actor === email && e.address === '198.51.100.9',
        ),
      ).toBe(true);
    },
  );

  it.skipIf(!!skip)('delays grow with each further failure, and IPv6 addresses count by /64', async () => {
    const email = fx.users.managerY.email;
    for (let i = 0; i < 5; i++)
      expect((await signIn(email, `bad ${i}`, `2001:db8:1:2::${i + 1}`)).status).toBe(401);
    const first = await signIn(email, 'bad again', '2001:db8:1:2:ffff::9');
    expect(first.status).toBe(429);
    const wait1 = Number(first.headers.get('retry-after'));
    clock += wait1 * 1000;
    expect((await signIn(email, 'bad 6', '2001:db8:1:2::77')).status).toBe(401);
    const second = await signIn(email, 'bad 7', '2001:db8:1:2::78');
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(wait1);
    // Another /64 is another address.
    expect((await signIn(email, PASSWORD, '2001:db8:1:3::1')).status).toBe(200);
    clock += 60 * 60_000;
  });

  it.skipIf(!!skip)('normalises addresses: IPv4 as is, IPv4-mapped IPv6 as IPv4, IPv6 by /64', () => {
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });

  it.skipIf(!!skip)('purges old failure rows', async () => {
    await signIn('nobody-purge@test.example', 'x', '192.0.2.99');
    const key = 'ea:nobody-purge@test.example|192.0.2.99';
    expect(
      await db.kysely.selectFrom('login_failures').select('key').where('key', '=', key).executeTakeFirst(),
    ).toBeDefined();
    clock += 2 * 60 * 60_000;
    await signIn('someone-else@test.example', 'x', '192.0.2.98');
    // The purge runs after the answer: wait for it by polling the table (no timing assumed).
    for (let i = 0; i < 200; i++) {
      if (
        !(await db.kysely
          .selectFrom('login_failures')
          .select('key')
          .where('key', '=', key)
          .executeTakeFirst())
      )
        break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(
      await db.kysely.selectFrom('login_failures').select('key').where('key', '=', key).executeTakeFirst(),
    ).toBeUndefined();
  });

  it.skipIf(!!skip)('sign-out ends the event stream of its session', async () => {
    const token = await tokenOf(fx.users.tamA.email);
    const stream = await openStream(server.base, token);
    await stream.readUntil('event: ready');
    expect((await http(server.base, 'POST', '/v1/auth/logout', { token })).status).toBe(204);
    expect(await stream.ended()).toBe(true);
  });

  it.skipIf(!!skip)(
    'a password change revokes the other sessions, ends their streams, and is in the audit log',
    async () => {
      const email = fx.users.tamB.email;
      const mine = await tokenOf(email, PASSWORD, '198.51.100.1');
      const other = await tokenOf(email, PASSWORD, '198.51.100.2');
      const stream = await openStream(server.base, other);
      await stream.readUntil('event: ready');
      const change = (body: unknown, token = mine) =>
        http(server.base, 'POST', '/v1/auth/password', { token, body, headers: from('198.51.100.1') });
      // The policy, code by code.
      expect((await change({ currentPassword: PASSWORD, newPassword: 'short' })).body.error.code).toBe(
        'password_too_short',
      );
      expect(
        (await change({ currentPassword: PASSWORD, newPassword: email.toUpperCase() })).body.error.code,
      ).toBe('password_is_email');
      expect((await change({ currentPassword: PASSWORD, newPassword: 'password1234' })).body.error.code).toBe(
        'password_too_common',
      );
      expect((await change({ currentPassword: PASSWORD, newPassword: PASSWORD })).body.error.code).toBe(
        'password_unchanged',
      );
      const wrong = await change({
        currentPassword: 'not my password',
        newPassword: 'a much better passphrase',
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.code).toBe('current_password_wrong');
      const ok = await change({ currentPassword: PASSWORD, newPassword: 'a much better passphrase' });
      expect(ok.status).toBe(200);
      expect(ok.body.revokedSessions).toBeGreaterThanOrEqual(1);
      expect(await stream.ended()).toBe(true);
      const revoked = await http(server.base, 'GET', '/v1/me', { token: other });
      expect(revoked.status).toBe(401);
      expect(revoked.body.error.code).toBe('session_revoked');
      expect((await http(server.base, 'GET', '/v1/me', { token: mine })).status).toBe(200);
      expect((await signIn(email, PASSWORD, '198.51.100.3')).status).toBe(401);
      expect((await signIn(email, 'a much better passphrase', '198.51.100.3')).status).toBe(200);
      const entries = await audit();
      const changed = entries.find((e) => e.action === 'password.changed' && e.actor === email);
      expect(changed).toMatchObject({ address: '198.51.100.1' });
      expect(Date.parse(changed!.at)).toBe(clock);
      // Put the fixture password back for the other tests (straight into the database).
      await upsertAccount(db, fx.users.tamB.id, email, await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 }));
    },
  );

  it.skipIf(!!skip)(
    'lists the sessions, revokes one, signs out everywhere else; revoked tokens answer session_revoked',
    async () => {
      const email = fx.users.managerX.email;
      const a = await tokenOf(email, PASSWORD, '198.51.100.10');
      const b = await tokenOf(email, PASSWORD, '198.51.100.11');
      const c = await tokenOf(email, PASSWORD, '198.51.100.12');
      const list = await http(server.base, 'GET', '/v1/auth/sessions', {
        token: a,
        headers: { 'user-agent': 'test agent' },
      });
      expect(list.status).toBe(200);
      const sessions = list.body.sessions as Array<{
        id: string;
        current: boolean;
        address: string;
        createdAt: string;
        lastUsedAt: string;
        userAgent: string | null;
      }>;
      expect(sessions).toHaveLength(3);
      expect(sessions.filter((s) => s.current)).toHaveLength(1);
      expect(sessions.map((s) => s.address).sort()).toEqual([
        '198.51.100.10',
        '198.51.100.11',
        '198.51.100.12',
      ]);
      expect(JSON.stringify(list.body)).not.toContain(b);
      const bId = sessions.find((s) => s.address === '198.51.100.11')!.id;
      const streamB = await openStream(server.base, b);
      await streamB.readUntil('event: ready');
      expect((await http(server.base, 'DELETE', `/v1/auth/sessions/${bId}`, { token: a })).status).toBe(204);
      expect(await streamB.ended()).toBe(true);
      expect((await http(server.base, 'GET', '/v1/me', { token: b })).body.error.code).toBe(
        'session_revoked',
      );
      // Another user's session id is not found (nothing revoked).
      const tamAToken = await tokenOf(fx.users.tamA.email);
      expect(
        (await http(server.base, 'DELETE', `/v1/auth/sessions/${bId}`, { token: tamAToken })).status,
      ).toBe(404);
      const everywhere = await http(server.base, 'DELETE', '/v1/auth/sessions', { token: a });
      expect(everywhere.status).toBe(200);
      expect(everywhere.body.revokedSessions).toBe(1);
      expect((await http(server.base, 'GET', '/v1/me', { token: c })).body.error.code).toBe(
        'session_revoked',
      );
      expect((await http(server.base, 'GET', '/v1/me', { token: a })).status).toBe(200);
      const entries = await audit();
      expect(
        entries.filter((e) => e.action === 'session.revoked' && e.actor === email).length,
      ).toBeGreaterThanOrEqual(2);
    },
  );

  it.skipIf(!!skip)(
    'ends a session unused for the idle timeout (session_expired), before its lifetime',
    async () => {
      const token = await tokenOf(fx.users.tamA.email);
      clock += IDLE - 2 * 60_000;
      expect((await http(server.base, 'GET', '/v1/me', { token })).status).toBe(200);
      clock += IDLE - 2 * 60_000;
      expect((await http(server.base, 'GET', '/v1/me', { token })).status).toBe(200);
      clock += IDLE + 1;
      const idle = await http(server.base, 'GET', '/v1/me', { token });
      expect(idle.status).toBe(401);
      expect(idle.body.error.code).toBe('session_expired');
    },
  );

  it.skipIf(!!skip)('caps event streams per user: a sixth closes the oldest', async () => {
    const token = await tokenOf(fx.users.tamA.email);
    const streams = [];
    for (let i = 0; i < 5; i++) {
      const s = await openStream(server.base, token);
      await s.readUntil('event: ready');
      streams.push(s);
    }
    const sixth = await openStream(server.base, token);
    await sixth.readUntil('event: ready');
    expect(await streams[0]!.ended()).toBe(true);
    expect(server.api.hub.countFor(fx.users.tamA.id)).toBe(5);
    for (const s of [...streams, sixth]) s.close();
  });

  it.skipIf(!!skip)(
    'the audit log is for admins only: TAMs and managers get 403 (and are logged)',
    async () => {
      for (const email of [fx.users.tamA.email, fx.users.managerX.email]) {
        const token = await tokenOf(email);
        const res = await http(server.base, 'GET', '/v1/admin/audit', { token });
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('admin_only');
      }
      const entries = await audit(5);
      expect(entries.length).toBeLessThanOrEqual(5);
      const all = await audit();
      const refused = all.filter((e) => e.action === 'access.refused' && e.target === 'GET /v1/admin/audit');
      expect(refused.map((e) => e.actor).sort()).toEqual([fx.users.managerX.email, fx.users.tamA.email]);
      // Newest first.
      const times = all.map((e) => Date.parse(e.at));
      expect([...times].sort((x, y) => y - x)).toEqual(times);
      expect(
        (
          await http(server.base, 'GET', '/v1/admin/audit?limit=0', {
            token: await tokenOf(fx.users.admin.email),
          })
        ).status,
      ).toBe(400);
    },
  );

  it.skipIf(!!skip)(
    'admin creates a user with a one-time password; the user must set their own first',
    async () => {
      const admin = await tokenOf(fx.users.admin.email);
      const body = { email: 'TAM3@test.example', name: 'TAM 3', role: 'tam', team: 'X', locale: 'en' };
      for (const email of [fx.users.tamA.email, fx.users.managerX.email]) {
        const token = await tokenOf(email);
        expect((await http(server.base, 'POST', '/v1/admin/users', { token, body })).status).toBe(403);
        expect((await http(server.base, 'GET', '/v1/admin/users', { token })).status).toBe(403);
        expect(
          (
            await http(server.base, 'PATCH', `/v1/admin/users/${fx.users.tamA.id}`, {
              token,
              body: { name: 'x' },
            })
          ).status,
        ).toBe(403);
      }
      const created = await http(server.base, 'POST', '/v1/admin/users', { token: admin, body });
      expect(created.status).toBe(201);
      expect(created.body.user).toMatchObject({
        email: 'tam3@test.example',
        name: 'TAM 3',
        role: 'tam',
        team: 'X',
        locale: 'en',
        active: true,
        mustChangePassword: true,
      });
      const otp = created.body.oneTimePassword as string;
      expect(otp.length).toBeGreaterThanOrEqual(12);
      expect(
        (await http(server.base, 'POST', '/v1/admin/users', { token: admin, body })).body.error.code,
      ).toBe('email_taken');
      // Other users' replicas receive the new user row.
      const replica = new TestReplica(server.base, await tokenOf(fx.users.tamA.email));
      await replica.pullAll();
      expect(replica.get('user', created.body.user.id)).toMatchObject({ name: 'TAM 3', role: 'tam' });

      const tam3 = await tokenOf('tam3@test.example', otp, '198.51.100.30');
      const me = await http(server.base, 'GET', '/v1/me', { token: tam3 });
      expect(me.status).toBe(200);
      expect(me.body.mustChangePassword).toBe(true);
      const blocked = await http(server.base, 'POST', '/v1/sync/pull', {
        token: tam3,
        body: { clientId: 'tam3-client-1', cursor: null },
      });
      expect(blocked.status).toBe(403);
      expect(blocked.body.error.code).toBe('password_change_required');
      expect((await http(server.base, 'GET', '/v1/auth/sessions', { token: tam3 })).body.error.code).toBe(
        'password_change_required',
      );
      const changed = await http(server.base, 'POST', '/v1/auth/password', {
        token: tam3,
        body: { currentPassword: otp, newPassword: 'tam three own passphrase' },
      });
      expect(changed.status).toBe(200);
      expect(
        (
          await http(server.base, 'POST', '/v1/sync/pull', {
            token: tam3,
            body: { clientId: 'tam3-client-1', cursor: null },
          })
        ).status,
      ).toBe(200);
      expect((await http(server.base, 'GET', '/v1/me', { token: tam3 })).body.mustChangePassword).toBe(false);

      const list = await http(server.base, 'GET', '/v1/admin/users', { token: admin });
      expect(list.status).toBe(200);
      expect(list.body.users.find((u: { email: string }) => u.email === 'tam3@test.example')).toMatchObject({
        active: true,
        mustChangePassword: false,
      });
      const entries = await audit();
      expect(
        entries.some(
          (e) =>
            e.action === 'admin.user_created' &&
            e.actor === fx.users.admin.email &&
            e.target?.startsWith('tam3@test.example'),
        ),
      ).toBe(true);
    },
  );

  it.skipIf(!!skip)(
    'deactivating: refused while the TAM has customers (listed); then every session ends and sign-in is refused',
    async () => {
      const admin = await tokenOf(fx.users.admin.email);
      const refused = await http(server.base, 'PATCH', `/v1/admin/users/${fx.users.tamA.id}`, {
        token: admin,
        body: { active: false },
      });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('user_has_customers');
      expect(refused.body.error.customers).toEqual([
        { id: fx.customers.c1.id, nameJa: fx.customers.c1.nameJa, nameLatin: 'Alpha' },
      ]);
      expect(
        (
          await http(server.base, 'PATCH', `/v1/admin/users/${fx.users.tamA.id}`, {
            token: admin,
            body: { role: 'manager' },
          })
        ).body.error.code,
      ).toBe('user_has_customers');
      expect(
        (
          await http(server.base, 'PATCH', `/v1/admin/users/${fx.users.admin.id}`, {
            token: admin,
            body: { active: false },
          })
        ).body.error.code,
      ).toBe('cannot_change_self');

      // Manager Y has no customers: rename, then deactivate.
      const target = fx.users.managerY;
      const token = await tokenOf(target.email, PASSWORD, '198.51.100.40');
      const stream = await openStream(server.base, token);
      await stream.readUntil('event: ready');
      const renamed = await http(server.base, 'PATCH', `/v1/admin/users/${target.id}`, {
        token: admin,
        body: { name: 'Manager Y (Osaka)' },
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.user).toMatchObject({ name: 'Manager Y (Osaka)', active: true });
      const off = await http(server.base, 'PATCH', `/v1/admin/users/${target.id}`, {
        token: admin,
        body: { active: false },
      });
      expect(off.status).toBe(200);
      expect(off.body.user.active).toBe(false);
      expect(await stream.ended()).toBe(true);
      const after = await http(server.base, 'GET', '/v1/me', { token });
      expect(after.status).toBe(401);
      expect(after.body.error.code).toBe('session_revoked');
      const again = await signIn(target.email, PASSWORD, '198.51.100.41');
      expect(again.status).toBe(403);
      expect(again.body.error.code).toBe('account_deactivated');
      expect((await signIn(target.email, 'wrong password', '198.51.100.42')).body.error.code).toBe(
        'invalid_credentials',
      );
      const entries = await audit();
      expect(
        entries.some((e) => e.action === 'admin.user_updated' && e.target?.includes('Manager Y (Osaka)')),
      ).toBe(true);
      expect(
        entries.some((e) => e.action === 'admin.user_deactivated' && e.target?.startsWith(target.email)),
      ).toBe(true);
      // Reactivated: signs in again.
      expect(
        (
          await http(server.base, 'PATCH', `/v1/admin/users/${target.id}`, {
            token: admin,
            body: { active: true },
          })
        ).body.user.active,
      ).toBe(true);
      expect((await signIn(target.email, PASSWORD, '198.51.100.41')).status).toBe(200);
      expect(
        (
          await http(server.base, 'PATCH', `/v1/admin/users/${target.id}`, {
            token: admin,
            body: { email: 'x@y.z' },
          })
        ).status,
      ).toBe(400);
    },
  );

  it.skipIf(!!skip || engine !== 'postgres')(
    'PostgreSQL: revoking a session through one API process ends its stream held by another',
    async () => {
      const other = await startApi({ db: tdb.config, now: () => clock });
      try {
        const email = fx.users.tamA.email;
        const held = await tokenOf(email, PASSWORD, '198.51.100.50');
        const acting = await tokenOf(email, PASSWORD, '198.51.100.51');
        const stream = await openStream(other.base, held);
        await stream.readUntil('event: ready');
        const revoked = await http(server.base, 'DELETE', '/v1/auth/sessions', { token: acting });
        expect(revoked.body.revokedSessions).toBeGreaterThanOrEqual(1);
        expect(await stream.ended()).toBe(true);
        expect((await http(other.base, 'GET', '/v1/me', { token: held })).body.error.code).toBe(
          'session_revoked',
        );
      } finally {
        await other.close();
      }
    },
  );

  it.skipIf(!!skip)('documents the new routes in the OpenAPI document', async () => {
    const doc = (await http(server.base, 'GET', '/v1/openapi.json')).body;
    for (const path of [
      '/v1/auth/password',
      '/v1/auth/sessions',
      '/v1/auth/sessions/{id}',
      '/v1/admin/audit',
      '/v1/admin/users',
      '/v1/admin/users/{id}',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.components.schemas.CreateUserResponse.properties.oneTimePassword).toBeDefined();
  });

  it.skipIf(!!skip)(
    'rehashes a password stored with the old scrypt parameters at the next sign-in (real defaults)',
    async () => {
      const real = await startApi({ db, now: () => clock, auth: { scrypt: DEFAULT_SCRYPT } });
      try {
        const oldHash = await hashPassword(PASSWORD, { N: 16384, r: 8, p: 1 });
        await upsertAccount(db, fx.users.tamC.id, fx.users.tamC.email, oldHash);
        expect(
          (
            await http(real.base, 'POST', '/v1/auth/login', {
              body: { email: fx.users.tamC.email, password: PASSWORD },
            })
          ).status,
        ).toBe(200);
        const account = await db.kysely
          .selectFrom('accounts')
          .select('password_hash')
          .where('user_id', '=', fx.users.tamC.id)
          .executeTakeFirstOrThrow();
        expect(account.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
        expect(DEFAULT_SCRYPT.N).toBeGreaterThanOrEqual(2 ** 17);
        expect(await verifyPassword(PASSWORD, account.password_hash)).toBe(true);
        expect(
          (
            await http(real.base, 'POST', '/v1/auth/login', {
              body: { email: fx.users.tamC.email, password: PASSWORD },
            })
          ).status,
        ).toBe(200);
        const unchanged = await db.kysely
          .selectFrom('accounts')
          .select('password_hash')
          .where('user_id', '=', fx.users.tamC.id)
          .executeTakeFirstOrThrow();
        expect(unchanged.password_hash).toBe(account.password_hash);
      } finally {
        await real.close();
      }
    },
  );
});
