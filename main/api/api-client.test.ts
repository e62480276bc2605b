// The main process's sign-in and API calls against a real HTTP server on 127.0.0.1: what
// goes over the wire (bearer, JSON, paths), what comes back as values, and how a refused
// token ends the session.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendApiRequest } from '../../shared/bridge/api-calls';
import type { DesktopEvent } from '../../shared/bridge/schemas';
import { createSessionCore, type SessionCore } from '../../shared/bridge/session-core';
import { TokenStore, type SafeStorageLike } from '../auth/token-store';
import { createEventStreamOpener } from '../sync/events-connection';
import {
  sendJson,
  startLoopbackServer,
  unusedPort,
  type LoopbackHandler,
  type LoopbackServer,
} from '../testing/loopback-server';
import { createApiFetch } from './api-client';

const TOKEN = 'tok-abc123-secret';
const USER = {
  id: '5b0e2a6c-3f1d-4d0b-9a8e-6f7c1d2e3a4b',
  email: 'kim@example.com',
  name: 'Kim Tanaka',
  role: 'tam',
};
const EXPIRES = '2099-01-01T00:00:00.000Z';

const safeStorage: SafeStorageLike = {
  isAsyncEncryptionAvailable: async () => true,
  encryptStringAsync: async (s) => Buffer.from([...Buffer.from(s)].reverse().map((b) => b ^ 0x33)),
  decryptStringAsync: async (b) => ({
    result: Buffer.from([...b].map((x) => x ^ 0x33).reverse()).toString(),
    shouldReEncrypt: false,
  }),
};

/** The central API's auth and a few /v1/ routes; the test can override any route. */
function api(overrides: Record<string, LoopbackHandler> = {}): LoopbackHandler {
  return async (req, res) => {
    const route = `${req.method} ${req.url.split('?')[0]}`;
    const override = overrides[route];
    if (override) return override(req, res);
    switch (route) {
      case 'POST /v1/auth/login': {
        const { email, password } = JSON.parse(req.body) as { email: string; password: string };
        if (email === USER.email && password === 'correct horse')
          return sendJson(res, 200, { token: TOKEN, expiresAt: EXPIRES, user: USER });
        return sendJson(res, 401, {
          error: { code: 'invalid-credentials', message: 'Wrong email or password.' },
        });
      }
      case 'POST /v1/auth/logout':
        return sendJson(res, 200, { ok: true });
      case 'GET /v1/sync/events':
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(': connected\n\n');
        return;
      default:
        if (req.headers.authorization !== `Bearer ${TOKEN}`)
          return sendJson(res, 401, { error: { code: 'unauthorized', message: 'no' } });
        return sendJson(res, 200, { route, body: req.body ? (JSON.parse(req.body) as unknown) : null });
    }
  };
}

let dir: string;
let server: LoopbackServer;
let events: DesktopEvent[];
let core: SessionCore;
let store: TokenStore;

function makeCore(timeoutMs = 5_000): SessionCore {
  store = new TokenStore({ filePath: path.join(dir, 'session.json'), safeStorage });
  return createSessionCore({
    fetch: createApiFetch({ fetch: (u, i) => fetch(u, i), timeoutMs }),
    store,
    openEventStream: createEventStreamOpener({ fetch: (u, i) => fetch(u, i) }),
    schedule: (fn, ms) => {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    },
    emit: (e) => events.push(e),
    now: Date.now,
    eventBackoff: { initialMs: 20, maxMs: 50 },
  });
}

async function startServer(overrides: Record<string, LoopbackHandler> = {}) {
  server = await startLoopbackServer(api(overrides));
  core = makeCore();
}

async function signIn() {
  const r = await core.signIn({ serverUrl: server.url, email: USER.email, password: 'correct horse' });
  if (!r.ok) throw new Error(r.error.message);
  return r;
}

const waitFor = async (predicate: () => boolean, ms = 2_000) => {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tam-api-'));
  events = [];
});
afterEach(async () => {
  core?.dispose();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('sign-in', () => {
  it('posts the credentials as JSON and returns the session without the token', async () => {
    await startServer();
    const r = await signIn();
    const login = server.requests.find((q) => q.url === '/v1/auth/login');
    expect(login?.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(login!.body)).toEqual({ email: USER.email, password: 'correct horse' });
    expect(r).toEqual({
      ok: true,
      session: { serverUrl: server.url, user: USER, expiresAt: EXPIRES, needsSignIn: false },
    });
    expect(JSON.stringify(r)).not.toContain(TOKEN);
  });

  it('stores the token encrypted and never the password', async () => {
    await startServer();
    await signIn();
    const onDisk = await readFile(path.join(dir, 'session.json'), 'utf8');
    expect(onDisk).not.toContain(TOKEN);
    expect(onDisk).not.toContain('correct horse');
    expect(onDisk).toContain(USER.email);
  });

  it('passes the server error through on 401 and 429', async () => {
    await startServer({
      'POST /v1/auth/login': (req, res) =>
        JSON.parse(req.body).email === 'slow@example.com'
          ? sendJson(res, 429, { error: { code: 'rate-limited', message: 'Too many attempts; wait 60 s.' } })
          : sendJson(res, 401, {
              error: { code: 'invalid-credentials', message: 'Wrong email or password.' },
            }),
    });
    expect(await core.signIn({ serverUrl: server.url, email: USER.email, password: 'nope' })).toEqual({
      ok: false,
      error: { code: 'invalid-credentials', message: 'Wrong email or password.' },
    });
    expect(await core.signIn({ serverUrl: server.url, email: 'slow@example.com', password: 'x' })).toEqual({
      ok: false,
      error: { code: 'rate-limited', message: 'Too many attempts; wait 60 s.' },
    });
    expect(await core.getSession()).toBeNull();
  });

  it('explains an unreachable server, a wrong address and a non-TAM answer as values', async () => {
    await startServer({ 'POST /v1/auth/login': (_q, res) => sendJson(res, 200, { hello: 'world' }) });
    const port = await unusedPort();
    const down = await core.signIn({ serverUrl: `http://127.0.0.1:${port}`, email: 'a@b', password: 'p' });
    expect(down).toMatchObject({ ok: false, error: { code: 'network' } });
    if (!down.ok) expect(down.error.message).toContain(`127.0.0.1:${port}`);
    expect(await core.signIn({ serverUrl: 'tam.example.com', email: 'a@b', password: 'p' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-server-url' },
    });
    expect(await core.signIn({ serverUrl: server.url, email: 'a@b', password: 'p' })).toMatchObject({
      ok: false,
      error: { code: 'bad-response' },
    });
    expect(await core.signIn({ serverUrl: server.url, email: ' ', password: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-credentials' },
    });
  });

  it('remembers the identity across a restart, also with the server gone', async () => {
    await startServer();
    await signIn();
    core.dispose();
    await server.close();
    core = makeCore();
    expect(await core.getSession()).toEqual({
      serverUrl: server.url,
      user: USER,
      expiresAt: EXPIRES,
      needsSignIn: false,
    });
  });
});

describe('apiRequest', () => {
  it('adds the bearer token and sends to the signed-in server', async () => {
    await startServer();
    await signIn();
    const r = await core.apiRequest({ method: 'GET', path: '/v1/accounts?after=3' });
    expect(r).toEqual({ status: 200, body: { route: 'GET /v1/accounts', body: null } });
    const sent = server.requests.at(-1)!;
    expect(sent.url).toBe('/v1/accounts?after=3');
    expect(sent.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('sends POST bodies as JSON and parses JSON, text and empty answers', async () => {
    await startServer({
      'GET /v1/text': (_q, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('plain words');
      },
      'POST /v1/empty': (_q, res) => {
        res.writeHead(204);
        res.end();
      },
    });
    await signIn();
    expect(
      await core.apiRequest({ method: 'POST', path: '/v1/mutations', body: { id: 'm1', n: 2 } }),
    ).toEqual({
      status: 200,
      body: { route: 'POST /v1/mutations', body: { id: 'm1', n: 2 } },
    });
    expect(server.requests.at(-1)?.headers['content-type']).toMatch(/application\/json/);
    expect(await core.apiRequest({ method: 'GET', path: '/v1/text' })).toEqual({
      status: 200,
      body: 'plain words',
    });
    expect(await core.apiRequest({ method: 'POST', path: '/v1/empty' })).toEqual({ status: 204, body: null });
  });

  it('answers a sync pull as the bytes of its JSON when asked (the window parses nothing), and an error parsed', async () => {
    const page = { changes: [], cursor: 'k9', hasMore: false, stage: 'changes' };
    await startServer({
      'POST /v1/sync/pull': (q, res) => {
        const { cursor } = JSON.parse(q.body) as { cursor: string | null };
        if (cursor === 'stale')
          return sendJson(res, 410, { error: { code: 'invalid_cursor', message: 'Cursor expired.' } });
        return sendJson(res, 200, page);
      },
    });
    await signIn();
    const ok = await core.apiRequest({
      method: 'POST',
      path: '/v1/sync/pull',
      body: { cursor: null },
      responseType: 'bytes',
    });
    expect(ok.status).toBe(200);
    const body = 'body' in ok ? ok.body : undefined;
    expect(body).toBeInstanceOf(Uint8Array);
    expect(JSON.parse(new TextDecoder().decode(body as Uint8Array))).toEqual(page);
    expect(server.requests.at(-1)?.headers['content-type']).toMatch(/application\/json/);
    // A refusal stays a parsed error body, which the engine reads as before.
    expect(
      await core.apiRequest({
        method: 'POST',
        path: '/v1/sync/pull',
        body: { cursor: 'stale' },
        responseType: 'bytes',
      }),
    ).toEqual({ status: 410, body: { error: { code: 'invalid_cursor', message: 'Cursor expired.' } } });
  });

  it('returns HTTP errors as statuses, not as failures', async () => {
    await startServer({
      'GET /v1/broken': (_q, res) => sendJson(res, 500, { error: { code: 'internal', message: 'db down' } }),
    });
    await signIn();
    expect(await core.apiRequest({ method: 'GET', path: '/v1/broken' })).toEqual({
      status: 500,
      body: { error: { code: 'internal', message: 'db down' } },
    });
  });

  it('refuses, before any network traffic, a path outside /v1/ or aimed at another host', async () => {
    await startServer();
    await signIn();
    const before = server.requests.length;
    for (const p of [
      '/v2/x',
      'http://127.0.0.2/v1/x',
      '//evil.example/v1/x',
      '/v1/../admin',
      '/v1/%2e%2e/admin',
      '@evil.example/v1/x',
    ]) {
      await expect(
        sendApiRequest(async () => Promise.reject(new Error('must not fetch')), server.url, TOKEN, {
          method: 'GET',
          path: p,
        }),
      ).rejects.toThrow(/Refused/);
    }
    expect(server.requests.length).toBe(before);
  });

  it('turns a network failure into { status: 0, error: network }', async () => {
    await startServer();
    await signIn();
    await server.close();
    const r = await core.apiRequest({ method: 'GET', path: '/v1/accounts' });
    expect(r).toMatchObject({ status: 0, error: { code: 'network' } });
    if ('error' in r) expect(r.error.message).toMatch(/Could not reach the server/);
  });

  it('gives up on a server that does not answer within the timeout', async () => {
    await startServer({ 'GET /v1/hang': () => {} });
    await signIn();
    core.dispose();
    core = makeCore(150);
    const r = await core.apiRequest({ method: 'GET', path: '/v1/hang' });
    expect(r).toMatchObject({ status: 0, error: { code: 'network' } });
    if ('error' in r) expect(r.error.message).toMatch(/no answer within/);
  });

  it('does not follow redirects (the token must not travel to another host)', async () => {
    const other = await startLoopbackServer((_q, res) => sendJson(res, 200, { stolen: true }));
    try {
      await startServer({
        'GET /v1/moved': (_q, res) => {
          res.writeHead(302, { location: `${other.url}/v1/x` });
          res.end();
        },
      });
      await signIn();
      const r = await core.apiRequest({ method: 'GET', path: '/v1/moved' });
      expect(r.status).toBe(0);
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('says "not signed in" without touching the network when there is no token', async () => {
    await startServer();
    expect(await core.apiRequest({ method: 'GET', path: '/v1/accounts' })).toMatchObject({
      status: 0,
      error: { code: 'not-signed-in' },
    });
    expect(server.requests).toHaveLength(0);
  });

  it('on 401: emits session-expired once, forgets the token, keeps the identity', async () => {
    await startServer({
      'GET /v1/accounts': (_q, res) =>
        sendJson(res, 401, { error: { code: 'token-expired', message: 'expired' } }),
    });
    await signIn();
    events.length = 0;
    const [a, b] = await Promise.all([
      core.apiRequest({ method: 'GET', path: '/v1/accounts' }),
      core.apiRequest({ method: 'GET', path: '/v1/accounts' }),
    ]);
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(events.filter((e) => e.type === 'session-expired')).toHaveLength(1);
    expect(await core.getSession()).toMatchObject({ user: USER, needsSignIn: true });
    const count = server.requests.length;
    expect(await core.apiRequest({ method: 'GET', path: '/v1/other' })).toMatchObject({
      status: 0,
      error: { code: 'not-signed-in' },
    });
    expect(server.requests.length).toBe(count);
    expect(await readFile(path.join(dir, 'session.json'), 'utf8')).toContain(USER.email);
    expect(await store.loadToken((await store.loadIdentity())!)).toBeNull();
  });

  it('on 401 session_revoked: emits session-revoked once and forgets the identity too (the window wipes the replica)', async () => {
    await startServer({
      'POST /v1/sync/push': (_q, res) =>
        sendJson(res, 401, {
          error: { code: 'session_revoked', message: 'Your session was ended by an administrator.' },
        }),
    });
    await signIn();
    events.length = 0;
    const [a, b] = await Promise.all([
      core.apiRequest({ method: 'POST', path: '/v1/sync/push', body: { clientId: 'c', mutations: [] } }),
      core.apiRequest({ method: 'POST', path: '/v1/sync/push', body: { clientId: 'c', mutations: [] } }),
    ]);
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(events.filter((e) => e.type === 'session-revoked')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'session-expired')).toHaveLength(0);
    expect(await core.getSession()).toBeNull();
    expect(JSON.parse(await readFile(path.join(dir, 'session.json'), 'utf8'))).toEqual({
      version: 1,
      identity: null,
      tokens: {},
    });
  });
});

describe('sign-out', () => {
  it('calls logout with the bearer, then forgets token and identity', async () => {
    await startServer();
    await signIn();
    await core.signOut();
    const logout = server.requests.find((q) => q.url === '/v1/auth/logout');
    expect(logout?.method).toBe('POST');
    expect(logout?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(await core.getSession()).toBeNull();
    const onDisk = await readFile(path.join(dir, 'session.json'), 'utf8');
    expect(JSON.parse(onDisk)).toEqual({ version: 1, identity: null, tokens: {} });
  });

  it('still signs out when the server cannot be reached', async () => {
    await startServer();
    await signIn();
    await server.close();
    await expect(core.signOut()).resolves.toBeUndefined();
    expect(await core.getSession()).toBeNull();
  });
});

describe('sync events through the session', () => {
  it('starts the stream at sign-in (poke on connect) and ends the session when the stream gets 401', async () => {
    let refuse = false;
    await startServer({
      'GET /v1/sync/events': (req, res) => {
        if (refuse) return sendJson(res, 401, { error: { code: 'token-revoked', message: 'revoked' } });
        expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: {"seq":1}\n\n');
      },
    });
    await signIn();
    await waitFor(() => events.filter((e) => e.type === 'sync-poke').length >= 2);
    refuse = true;
    server.dropConnections();
    await waitFor(() => events.some((e) => e.type === 'session-expired'));
    expect(await core.getSession()).toMatchObject({ needsSignIn: true });
  });

  it('ends the session and forgets the identity when the stream is refused with session_revoked', async () => {
    let refuse = false;
    await startServer({
      'GET /v1/sync/events': (_req, res) => {
        if (refuse) return sendJson(res, 401, { error: { code: 'session_revoked', message: 'revoked' } });
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(': connected\n\n');
      },
    });
    await signIn();
    await waitFor(() => events.some((e) => e.type === 'sync-poke'));
    refuse = true;
    server.dropConnections();
    await waitFor(() => events.some((e) => e.type === 'session-revoked'));
    expect(events.some((e) => e.type === 'session-expired')).toBe(false);
    expect(await core.getSession()).toBeNull();
  });

  it("pokes once per connect and once per change, not for the server's ready handshake or heartbeats", async () => {
    await startServer({
      'GET /v1/sync/events': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        // What the central API sends on connect, then one change.
        res.write(
          'retry: 3000\n: connected\n\nevent: ready\ndata: {}\n\n: heartbeat\n\nevent: poke\ndata: {"version":12}\n\n',
        );
      },
    });
    await signIn();
    await waitFor(() => events.length >= 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(events).toEqual([{ type: 'sync-poke' }, { type: 'sync-poke' }]);
  });
});
