// Operating the API: the paged timeline endpoint and pull pages bounded by bytes (both
// engines), the JSON-lines log without secrets (both engines), the SQLite file's modes and
// durability, request timeouts against a body trickled byte by byte on a real socket, and
// connection limits.
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../shared/model/api';
import { DEFAULT_SERVER_LIMITS, createApi } from './app';
import { openDatabase } from './db';
import type { Db } from './db';
import { redactUrl } from './http/logging';
import type { Fixture, RunningApi, TestDatabase } from './testing/harness';
import {
  PASSWORD,
  TestReplica,
  buildFixture,
  createTestDatabase,
  engineCases,
  http,
  login,
  seedFixture,
  startApi,
} from './testing/harness';

const now = () => new Date().toISOString();

describe.each(engineCases())('timeline pages and pull byte bound on $engine', ({ engine, skip }) => {
  let tdb: TestDatabase;
  let db: Db;
  let server: RunningApi;
  let fx: Fixture;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    if (skip) return;
    tdb = await createTestDatabase(engine);
    db = await openDatabase(tdb.config);
    fx = buildFixture();
    await seedFixture(db, fx);
    server = await startApi({ db });
    for (const [name, u] of Object.entries(fx.users)) tokens[name] = await login(server.base, u.email);
  });
  afterAll(async () => {
    if (skip) return;
    await server?.close();
    await db?.close();
    await tdb?.drop();
  });

  const timeline = (id: string, query = '', who = 'tamA') =>
    http(server.base, 'GET', `/v1/incidents/${id}/timeline${query}`, { token: tokens[who]! });

  it.skipIf(!!skip)(
    'pages a timeline with limit and after, next null on the last page, in order, each event once',
    async () => {
      const id = fx.incidents.i1closed.id;
      const whole = await timeline(id);
      expect(whole.status).toBe(200);
      expect(whole.body.events).toHaveLength(3);
      expect(whole.body.next).toBeNull();
      expect(Object.keys(whole.body).sort()).toEqual(['events', 'incidentId', 'next']);

      for (const limit of [1, 2, 3, 1000]) {
        const seen: string[] = [];
        let after: string | null = null;
        let pages = 0;
        do {
          const res = await timeline(id, `?limit=${limit}${after ? `&after=${after}` : ''}`);
          expect(res.status).toBe(200);
          expect(res.body.incidentId).toBe(id);
          expect(res.body.events.length).toBeLessThanOrEqual(limit);
          expect(res.body.events.length).toBeGreaterThan(0);
          seen.push(...res.body.events.map((e: { id: string }) => e.id));
          after = res.body.next;
          pages++;
        } while (after !== null);
        expect(pages).toBe(Math.ceil(3 / limit));
        expect(seen).toEqual(whole.body.events.map((e: { id: string }) => e.id));
      }
    },
  );

  it.skipIf(!!skip)('an event appended between two pages comes on a later page, once', async () => {
    const id = fx.incidents.i1.id;
    const first = await timeline(id, '?limit=1');
    expect(first.body.events).toHaveLength(1);
    const a = new TestReplica(server.base, tokens.tamA!);
    const noteId = randomUUID();
    expect(
      await a.push('timeline.append', {
        id: noteId,
        incidentId: id,
        kind: 'note',
        at: now(),
        body: 'between pages',
        visibility: 'internal',
      }),
    ).toMatchObject({ status: 'applied' });
    const ids = first.body.events.map((e: { id: string }) => e.id);
    let after: string | null = first.body.next;
    while (after !== null) {
      const res = await timeline(id, `?limit=1&after=${after}`);
      expect(res.status).toBe(200);
      ids.push(...res.body.events.map((e: { id: string }) => e.id));
      after = res.body.next;
    }
    expect(ids.filter((x: string) => x === noteId)).toHaveLength(1);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength((await timeline(id)).body.events.length);
  });

  it.skipIf(!!skip)(
    'refuses a bad limit (invalid_request) and a bad or foreign cursor (invalid_cursor), changing nothing',
    async () => {
      const id = fx.incidents.i1closed.id;
      for (const q of [
        '?limit=0',
        '?limit=1001',
        '?limit=abc',
        '?limit=',
        '?limit=1.5',
        '?limit=-1',
        '?limit=1&limit=2',
        '?limit=%20',
      ]) {
        const res = await timeline(id, q);
        expect(res.status, q).toBe(400);
        expect(res.body.error.code, q).toBe('invalid_request');
        expect(res.body.error.message, q).toMatch(/limit/);
      }
      const otherIncident = (await timeline(fx.incidents.i1.id, '?limit=1')).body.next as string;
      expect(otherIncident).toEqual(expect.any(String));
      const forged = Buffer.from(JSON.stringify({ i: id, v: -1 })).toString('base64url');
      const good = (await timeline(id, '?limit=1')).body.next as string;
      for (const after of [
        otherIncident,
        'not-a-cursor',
        '!!!',
        forged,
        'x'.repeat(257),
        Buffer.from('[]').toString('base64url'),
        `${good}x`,
        `${good}=`,
      ]) {
        const res = await timeline(id, `?after=${encodeURIComponent(after)}`);
        expect(res.status, after).toBe(400);
        expect(res.body.error.code, after).toMatch(/^invalid_(cursor|request)$/);
      }
      const bad = await timeline(id, '?after=not-a-cursor');
      expect(bad.body.error).toMatchObject({
        code: 'invalid_cursor',
        message: expect.stringMatching(/from the start/),
      });
      // Scope first as before: a foreign incident is 404, pages or not.
      expect((await timeline(id, '?limit=1', 'tamC')).status).toBe(404);
    },
  );

  /** The bytes of a page's changes as the server counts them (each change's JSON and a comma). */
  const sizes = (changes: Change[]) => changes.map((c) => Buffer.byteLength(JSON.stringify(c)) + 1);

  it.skipIf(!!skip)(
    'ends a pull page once it passes the byte budget (never below one row); the cursor resumes exactly',
    async () => {
      // Larger rows: a few long notes.
      const a = new TestReplica(server.base, tokens.tamA!);
      for (let k = 0; k < 4; k++) {
        const r = await a.push('timeline.append', {
          id: randomUUID(),
          incidentId: fx.incidents.i1.id,
          kind: 'note',
          at: now(),
          body: `long note ${k} ${'あ'.repeat(600)}`,
          visibility: 'internal',
        });
        expect(r.status).toBe('applied');
      }
      for (const maxBytes of [1, 1500, 4000]) {
        const reference = new TestReplica(server.base, tokens.managerX!);
        const all = await reference.pullAll(1000);
        const bounded = await startApi({ db, pullMaxBytes: maxBytes });
        try {
          const r = new TestReplica(bounded.base, tokens.managerX!);
          const pages: { changes: Change[]; hasMore: boolean; stage: string }[] = [];
          for (let i = 0; i < 1000; i++) {
            const page = (await r.pullOnce(1000)) as { changes: Change[]; hasMore: boolean; stage: string };
            pages.push(page);
            if (!page.hasMore) break;
          }
          expect(pages.at(-1)!.hasMore).toBe(false);
          for (const page of pages.slice(0, -1)) {
            // A page that says more follows carries at least one row, and stopped as soon as it
            // passed the budget: without its last row it was still under it.
            expect(page.changes.length).toBeGreaterThan(0);
            const s = sizes(page.changes);
            expect(s.slice(0, -1).reduce((x, y) => x + y, 0)).toBeLessThan(maxBytes);
          }
          if (maxBytes === 1) for (const page of pages) expect(page.changes.length).toBeLessThanOrEqual(1);
          else expect(pages.some((p) => p.changes.length > 1)).toBe(true);
          expect(pages.length).toBeGreaterThan(2);
          // The stages still come in order.
          const stages = pages.map((p) => p.stage);
          expect(stages.indexOf('changes')).toBeGreaterThan(stages.lastIndexOf('records'));
          // Exactly the rows of one big page, each once.
          const keys = pages.flatMap((p) => p.changes.map((c) => `${c.entity}:${c.id}`));
          expect(new Set(keys).size).toBe(keys.length);
          expect(keys.sort()).toEqual(all.map((c) => `${c.entity}:${c.id}`).sort());

          // Normal mode: new changes arrive through byte-bounded pages, none missed.
          const made: string[] = [];
          for (let k = 0; k < 3; k++) {
            const noteId = randomUUID();
            made.push(noteId);
            await a.push('timeline.append', {
              id: noteId,
              incidentId: fx.incidents.i1.id,
              kind: 'note',
              at: now(),
              body: `later ${k} ${'x'.repeat(900)}`,
              visibility: 'internal',
            });
          }
          await r.pullAll(1000);
          for (const noteId of made) expect(r.has('timelineEvent', noteId)).toBe(true);
          const fresh = new TestReplica(server.base, tokens.managerX!);
          await fresh.pullAll(1000);
          expect([...r.rows.keys()].sort()).toEqual([...fresh.rows.keys()].sort());
        } finally {
          await bounded.close();
        }
      }
    },
  );
});

// ---------------------------------------------------------------- the log

describe.each(engineCases())('the log on $engine', ({ engine, skip }) => {
  it.skipIf(!!skip)(
    'is JSON lines with request ids, refusals and 500s, and no password, token or body',
    async () => {
      const tdb = await createTestDatabase(engine);
      const db = await openDatabase(tdb.config);
      const lines: string[] = [];
      const stream = { write: (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)) };
      try {
        const fx = buildFixture();
        await seedFixture(db, fx);
        const server = await startApi({ db, logger: { level: 'info', stream } });
        try {
          const wrongPassword = 'wrong-password-Zq81';
          expect(
            (
              await http(server.base, 'POST', '/v1/auth/login', {
                body: { email: fx.users.tamA.email, password: wrongPassword },
              })
            ).status,
          ).toBe(401);
          const token = await login(server.base, fx.users.tamA.email);
          const replica = new TestReplica(server.base, token);
          const secretNote = `private note ${randomUUID()}`;
          expect(
            await replica.push('timeline.append', {
              id: randomUUID(),
              incidentId: fx.incidents.i1.id,
              kind: 'note',
              at: now(),
              body: secretNote,
              visibility: 'internal',
            }),
          ).toMatchObject({ status: 'applied' });
          await replica.pullAll();
          // A token in a query string (no endpoint takes one) is not logged either.
          const queried = await http(server.base, 'GET', `/v1/me?token=${token}&access_token=${token}`, {
            token,
          });
          expect(queried.status).toBe(200);
          // Refused: no token, a foreign incident.
          expect((await http(server.base, 'GET', '/v1/me')).status).toBe(401);
          // A 500: the database loses a table under the API.
          await db.kysely.schema.alterTable('sync_clients').renameTo('sync_clients_gone').execute();
          const failed = await http(server.base, 'POST', '/v1/sync/pull', {
            token,
            body: { clientId: `log-${randomUUID()}`, cursor: null },
          });
          expect(failed.status).toBe(500);
          expect(failed.body.error.code).toBe('internal');
          await db.kysely.schema.alterTable('sync_clients_gone').renameTo('sync_clients').execute();
          const headerId = failed.headers.get('x-request-id');
          expect(headerId).toMatch(/^[0-9a-f-]{36}$/);

          expect(lines.length).toBeGreaterThan(10);
          const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
          const text = lines.join('\n');
          for (const secret of [PASSWORD, wrongPassword, token, secretNote])
            expect(text).not.toContain(secret);
          expect(text).not.toMatch(/bearer/i);
          // Every request is logged with its id; the failing one with its error at level 50.
          const requests = entries.filter((e) => e.reqId !== undefined);
          expect(requests.length).toBeGreaterThan(8);
          expect(new Set(requests.map((e) => e.reqId)).size).toBeGreaterThan(5);
          const failure = entries.find((e) => e.reqId === headerId && e.level === 50);
          expect(failure).toMatchObject({
            msg: 'request failed',
            err: { message: expect.stringMatching(/sync_clients/) },
          });
          const refusals = entries.filter((e) => e.msg === 'request refused');
          expect(refusals.map((e) => e.code)).toEqual(
            expect.arrayContaining(['invalid_credentials', 'unauthorized']),
          );
          const completed = entries
            .filter((e) => e.msg === 'request completed')
            .map((e) => (e.res as { statusCode: number }).statusCode);
          expect(completed).toEqual(expect.arrayContaining([200, 401, 500]));
          const queryLine = entries.find(
            (e) =>
              typeof (e.req as { url?: string } | undefined)?.url === 'string' &&
              (e.req as { url: string }).url.startsWith('/v1/me?'),
          );
          expect((queryLine!.req as { url: string }).url).toBe(
            '/v1/me?token=[Redacted]&access_token=[Redacted]',
          );
        } finally {
          await server.close();
        }
      } finally {
        await db.close();
        await tdb.drop();
      }
    },
  );
});

describe('log redaction', () => {
  it('replaces the values of secret query parameters, keeps the others', () => {
    expect(redactUrl('/v1/incidents/x/timeline?limit=5&after=abc')).toBe(
      '/v1/incidents/x/timeline?limit=5&after=abc',
    );
    expect(redactUrl('/x?Token=1&password=2&newPassword=3&a=b&session_id=4&flag')).toBe(
      '/x?Token=[Redacted]&password=[Redacted]&newPassword=[Redacted]&a=b&session_id=[Redacted]&flag',
    );
    expect(redactUrl('/x?%74oken=1')).toBe('/x?%74oken=[Redacted]');
    expect(redactUrl('/plain')).toBe('/plain');
  });

  it('is off unless asked (tests stay quiet)', async () => {
    const tdb = await createTestDatabase('sqlite');
    const api = await createApi({ db: tdb.config });
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      written.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof process.stdout.write;
    try {
      const res = await api.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: 'nobody@test.example', password: 'quiet-please' },
      });
      expect(res.statusCode).toBe(401);
      expect(written.filter((w) => w.includes('"reqId"'))).toEqual([]);
    } finally {
      process.stdout.write = write;
      await api.close();
      await tdb.drop();
    }
  });
});

// ---------------------------------------------------------------- storage

describe('the SQLite file', () => {
  it('is created owner-only (with its -wal and -shm) whatever the umask, with synchronous=FULL', async () => {
    const tdb = await createTestDatabase('sqlite');
    const file = (tdb.config as { file: string }).file;
    let previous: number | undefined;
    try {
      previous = process.umask(0o000);
    } catch {
      // worker threads cannot change the umask; the default one (usually 022) still shows it
    }
    try {
      const api = await createApi({ db: tdb.config });
      try {
        await api.db.kysely.selectFrom('records').select('id').limit(1).execute();
        for (const f of [file, `${file}-wal`, `${file}-shm`])
          expect((statSync(f).mode & 0o777).toString(8), f).toBe('600');
        expect(api.db.sqlite!.pragma('synchronous', { simple: true })).toBe(2); // FULL
        expect(api.db.sqlite!.pragma('journal_mode', { simple: true })).toBe('wal');
      } finally {
        await api.close();
      }
    } finally {
      if (previous !== undefined) process.umask(previous);
      await tdb.drop();
    }
  });
});

// ---------------------------------------------------------------- timeouts and connections

/** Resolves with what the server wrote once it closes the connection. */
const closed = (socket: Socket) =>
  new Promise<string>((done) => {
    let got = '';
    socket.on('data', (c: Buffer) => (got += c.toString()));
    socket.on('close', () => done(got));
    socket.on('error', () => undefined);
  });

describe('timeouts and connection limits (real sockets on loopback)', () => {
  let tdb: TestDatabase;
  let server: RunningApi;
  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    server = await startApi({
      db: tdb.config,
      limits: { requestTimeoutMs: 1_000, headersTimeoutMs: 500, timeoutCheckIntervalMs: 100 },
    });
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.drop();
  });
  const port = () => Number(new URL(server.base).port);

  it('sets the default limits on the server: a body must be complete within 30 s', async () => {
    const t = await createTestDatabase('sqlite');
    const api = await createApi({ db: t.config });
    try {
      expect(DEFAULT_SERVER_LIMITS.requestTimeoutMs).toBe(30_000);
      const s = api.app.server;
      expect(s.requestTimeout).toBe(30_000);
      expect(s.headersTimeout).toBe(DEFAULT_SERVER_LIMITS.headersTimeoutMs);
      expect(s.headersTimeout).toBeLessThanOrEqual(s.requestTimeout);
      expect(s.keepAliveTimeout).toBe(DEFAULT_SERVER_LIMITS.keepAliveTimeoutMs);
      expect(s.maxRequestsPerSocket).toBe(DEFAULT_SERVER_LIMITS.maxRequestsPerSocket);
      expect(s.maxConnections).toBe(DEFAULT_SERVER_LIMITS.maxConnections);
      // The timeouts are checked often enough that a slow body is cut well within 45 s.
      expect(
        DEFAULT_SERVER_LIMITS.requestTimeoutMs + DEFAULT_SERVER_LIMITS.timeoutCheckIntervalMs,
      ).toBeLessThanOrEqual(45_000);
    } finally {
      await api.close();
      await t.drop();
    }
  });

  it('cuts a body trickled one byte at a time with 408 request_timeout', async () => {
    const socket = connect(port(), '127.0.0.1');
    const ended = closed(socket);
    await new Promise<void>((done) => socket.on('connect', () => done()));
    const body = JSON.stringify({ email: 'slow@test.example', password: 'x'.repeat(200) });
    socket.write(
      `POST /v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    let sent = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || sent >= body.length) return clearInterval(timer);
      socket.write(body[sent++]!);
    }, 50);
    const answer = await ended;
    clearInterval(timer);
    // The connection was cut before the body was complete, with the contract's error body.
    expect(sent).toBeLessThan(body.length);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('"code":"request_timeout"');
    // The server still serves others.
    expect((await http(server.base, 'GET', '/v1/health')).status).toBe(200);
  });

  it('cuts headers that never end', async () => {
    const socket = connect(port(), '127.0.0.1');
    const ended = closed(socket);
    await new Promise<void>((done) => socket.on('connect', () => done()));
    socket.write('GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const timer = setInterval(() => {
      if (!socket.destroyed) socket.write('X');
    }, 50);
    const answer = await ended;
    clearInterval(timer);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('refuses connections over the limit and serves again once they close', async () => {
    // A server of its own: no idle keep-alive connection of an earlier test counts here.
    const t = await createTestDatabase('sqlite');
    const limited = await startApi({ db: t.config, limits: { maxConnections: 4 } });
    const port = () => Number(new URL(limited.base).port);
    const open: Socket[] = [];
    try {
      for (let k = 0; k < 4; k++) {
        const s = connect(port(), '127.0.0.1');
        s.on('error', () => undefined);
        await new Promise<void>((done) => s.on('connect', () => done()));
        open.push(s);
      }
      // Wait until the server has counted them (a request answered on each proves it).
      for (const s of open) {
        const got = new Promise<void>((done) => s.once('data', () => done()));
        s.write('GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
        await got;
      }
      const extra = connect(port(), '127.0.0.1');
      const answer = await closed(extra);
      expect(answer).toBe('');
    } finally {
      for (const s of open) s.destroy();
    }
    try {
      // Once the others are gone, a new connection is served (the server may take a moment to
      // see them close: retried, not timed).
      let status = 0;
      for (let k = 0; k < 100 && status !== 200; k++) {
        status = await http(limited.base, 'GET', '/v1/health').then(
          (r) => r.status,
          () => 0,
        );
        if (status !== 200) await new Promise((r) => setTimeout(r, 50));
      }
      expect(status).toBe(200);
    } finally {
      await limited.close();
      await t.drop();
    }
  });
});
