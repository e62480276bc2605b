// The web implementation of the bridge in a DOM (happy-dom) against a real HTTP server on
// 127.0.0.1, with CORS as the central API answers it: the page's own fetch does preflights.
import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  sendJson,
  startLoopbackServer,
  unusedPort,
  type LoopbackServer,
  type RecordedRequest,
} from '../../main/testing/loopback-server';
import { BridgeContractError } from '../../shared/bridge/errors';
import type { DesktopEvent } from '../../shared/bridge/schemas';
import {
  createWebBridge,
  IDENTITY_STORAGE_KEY,
  type NotificationApi,
  type WebBridge,
  type WebBridgeOptions,
} from './web-bridge';

const TOKEN = 'web-token-0123456789abcdef';
const USER = {
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  email: 'kim@example.com',
  name: 'Kim Tanaka',
  role: 'tam',
};
const EXPIRES = '2099-01-01T00:00:00.000Z';

type Route = (req: RecordedRequest, res: ServerResponse) => void;

function cors(req: RecordedRequest): Record<string, string> {
  return { 'access-control-allow-origin': String(req.headers.origin ?? '*'), vary: 'Origin' };
}

function centralApi(routes: Record<string, Route> = {}) {
  return (req: RecordedRequest, res: ServerResponse) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...cors(req),
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': 'authorization, content-type',
      });
      res.end();
      return;
    }
    const route = `${req.method} ${req.url.split('?')[0]}`;
    const custom = routes[route];
    if (custom) return custom(req, res);
    switch (route) {
      case 'POST /v1/auth/login': {
        const { password } = JSON.parse(req.body) as { password: string };
        if (password === 'pw')
          return sendJson(res, 200, { token: TOKEN, expiresAt: EXPIRES, user: USER }, cors(req));
        return sendJson(
          res,
          401,
          { error: { code: 'invalid-credentials', message: 'Wrong email or password.' } },
          cors(req),
        );
      }
      case 'POST /v1/auth/logout':
        res.writeHead(204, cors(req));
        res.end();
        return;
      case 'GET /v1/sync/events':
        res.writeHead(200, { ...cors(req), 'content-type': 'text/event-stream' });
        res.write('retry: 3000\n: connected\n\nevent: ready\ndata: {}\n\n');
        return;
      default:
        if (req.headers.authorization !== `Bearer ${TOKEN}`) {
          return sendJson(
            res,
            401,
            { error: { code: 'unauthorized', message: 'Sign in first.' } },
            cors(req),
          );
        }
        return sendJson(res, 200, { route }, cors(req));
    }
  };
}

class FakeDocument extends EventTarget {
  visibilityState: DocumentVisibilityState = 'visible';
  set(state: DocumentVisibilityState) {
    this.visibilityState = state;
    this.dispatchEvent(new Event('visibilitychange'));
  }
}

function fakeNotifications(initial: NotificationPermission, answer: NotificationPermission = 'granted') {
  const shown: Array<{ title: string; options?: NotificationOptions }> = [];
  const requestPermission = vi.fn(async () => {
    api.permission = answer;
    return answer;
  });
  const api = class {
    static permission: NotificationPermission = initial;
    static requestPermission = requestPermission;
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, ...(options ? { options } : {}) });
    }
  };
  return { api: api as unknown as NotificationApi, shown, requestPermission };
}

let server: LoopbackServer;
let bridges: WebBridge[];
let events: DesktopEvent[];

function bridge(extra: WebBridgeOptions = {}): WebBridge {
  const b = createWebBridge({
    storage: localStorage,
    eventBackoff: { initialMs: 20, maxMs: 50 },
    notifications: null,
    ...extra,
  });
  b.onEvent((e) => events.push(e));
  bridges.push(b);
  return b;
}

const waitFor = async (predicate: () => boolean, ms = 3_000) => {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

async function signedIn(extra: WebBridgeOptions = {}) {
  const b = bridge(extra);
  const r = await b.signIn({ serverUrl: server.url, email: USER.email, password: 'pw' });
  if (!r.ok) throw new Error(r.error.message);
  return b;
}

beforeEach(async () => {
  localStorage.clear();
  sessionStorage.clear();
  bridges = [];
  events = [];
  server = await startLoopbackServer(centralApi());
});
afterEach(async () => {
  for (const b of bridges) b.dispose();
  await server.close();
});

describe('web bridge: session', () => {
  it('signs in with a JSON POST and returns the session without the token', async () => {
    const b = bridge();
    const r = await b.signIn({ serverUrl: `${server.url}/`, email: USER.email, password: 'pw' });
    expect(r).toEqual({
      ok: true,
      session: { serverUrl: server.url, user: USER, expiresAt: EXPIRES, needsSignIn: false },
    });
    const login = server.requests.find((q) => q.url === '/v1/auth/login' && q.method === 'POST');
    expect(JSON.parse(login!.body)).toEqual({ email: USER.email, password: 'pw' });
  });

  it('keeps the token out of localStorage and sessionStorage; remembers only the identity', async () => {
    await signedIn();
    const everything = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain('pw');
    expect(JSON.parse(localStorage.getItem(IDENTITY_STORAGE_KEY)!)).toEqual({
      serverUrl: server.url,
      origin: server.url,
      user: USER,
      expiresAt: EXPIRES,
    });
  });

  it('after a reload (offline too) knows who was signed in, but needs the password again', async () => {
    await signedIn();
    await server.close();
    const reloaded = bridge();
    expect(await reloaded.getSession()).toEqual({
      serverUrl: server.url,
      user: USER,
      expiresAt: EXPIRES,
      needsSignIn: true,
    });
    expect(await reloaded.apiRequest({ method: 'GET', path: '/v1/accounts' })).toMatchObject({
      status: 0,
      error: { code: 'not-signed-in' },
    });
  });

  it('passes sign-in errors through as values', async () => {
    const b = bridge();
    expect(await b.signIn({ serverUrl: server.url, email: USER.email, password: 'wrong' })).toEqual({
      ok: false,
      error: { code: 'invalid-credentials', message: 'Wrong email or password.' },
    });
    const port = await unusedPort();
    expect(
      await b.signIn({ serverUrl: `http://127.0.0.1:${port}`, email: USER.email, password: 'pw' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'network' },
    });
    expect(await b.getSession()).toBeNull();
  });

  it('signs out: logout with the bearer, identity forgotten', async () => {
    const b = await signedIn();
    await b.signOut();
    const logout = server.requests.find((q) => q.url === '/v1/auth/logout' && q.method === 'POST');
    expect(logout?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(localStorage.getItem(IDENTITY_STORAGE_KEY)).toBeNull();
    expect(await b.getSession()).toBeNull();
  });
});

describe('web bridge: apiRequest', () => {
  it('adds the bearer token and talks to the signed-in server', async () => {
    const b = await signedIn();
    expect(await b.apiRequest({ method: 'POST', path: '/v1/sync/push', body: { mutations: [] } })).toEqual({
      status: 200,
      body: { route: 'POST /v1/sync/push' },
    });
    const push = server.requests.find((q) => q.url === '/v1/sync/push' && q.method === 'POST');
    expect(push?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(push!.body)).toEqual({ mutations: [] });
  });

  it('emits session-expired on 401 and stops sending the token', async () => {
    server.requests.length = 0;
    await server.close();
    server = await startLoopbackServer(
      centralApi({
        'GET /v1/accounts': (req, res) =>
          sendJson(res, 401, { error: { code: 'token-expired', message: 'Expired.' } }, cors(req)),
      }),
    );
    const b = await signedIn();
    expect((await b.apiRequest({ method: 'GET', path: '/v1/accounts' })).status).toBe(401);
    expect(events).toContainEqual({ type: 'session-expired' });
    expect(await b.getSession()).toMatchObject({ needsSignIn: true });
  });

  it('returns { status: 0, error: network } when the server is gone', async () => {
    const b = await signedIn();
    await server.close();
    expect(await b.apiRequest({ method: 'GET', path: '/v1/accounts' })).toMatchObject({
      status: 0,
      error: { code: 'network' },
    });
  });

  it('rejects contract violations like the desktop does', async () => {
    const b = await signedIn();
    await expect(b.apiRequest({ method: 'GET', path: 'https://evil.example/v1/x' })).rejects.toThrow(
      BridgeContractError,
    );
    await expect(b.apiRequest({ method: 'GET', path: '/v1/../admin' })).rejects.toThrow(/API path/);
    await expect(
      (b.apiRequest as (...a: unknown[]) => Promise<unknown>)({ method: 'GET', path: '/v1/x' }, 'extra'),
    ).rejects.toThrow(BridgeContractError);
  });
});

describe('web bridge: sync events', () => {
  it('reads the event stream with fetch and the bearer header, poking on connect and per change', async () => {
    let stream: ServerResponse | undefined;
    await server.close();
    server = await startLoopbackServer(
      centralApi({
        'GET /v1/sync/events': (req, res) => {
          res.writeHead(200, { ...cors(req), 'content-type': 'text/event-stream' });
          res.write('event: ready\ndata: {}\n\n');
          stream = res;
        },
      }),
    );
    await signedIn();
    await waitFor(() => events.length >= 1);
    const sse = server.requests.find((q) => q.url === '/v1/sync/events' && q.method === 'GET');
    expect(sse?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    stream!.write('event: poke\ndata: {"version":4}\n\n');
    await waitFor(() => events.length >= 2);
    expect(events).toEqual([{ type: 'sync-poke' }, { type: 'sync-poke' }]);
  });
});

describe('web bridge: desktop integrations', () => {
  it('openExternal opens http(s) links with noopener and refuses other schemes', async () => {
    const open = vi.fn(() => null);
    const b = bridge({ window: { open, addEventListener: () => {}, removeEventListener: () => {} } });
    expect(await b.openExternal('https://example.com/kb?id=1')).toEqual({ ok: true });
    expect(open).toHaveBeenCalledWith('https://example.com/kb?id=1', '_blank', 'noopener,noreferrer');
    expect(await b.openExternal('javascript:alert(1)')).toMatchObject({
      ok: false,
      error: { code: 'invalid-url' },
    });
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('notify asks for permission on first use, then shows a Web notification with the tag', async () => {
    const n = fakeNotifications('default');
    const b = bridge({ notifications: n.api });
    expect(await b.notify({ title: 'SLA', body: 'INC-7 breaches in 10 min', tag: 'sla-7' })).toEqual({
      ok: true,
    });
    expect(await b.notify({ title: 'SLA', body: 'again', tag: 'sla-7' })).toEqual({ ok: true });
    expect(n.requestPermission).toHaveBeenCalledTimes(1);
    expect(n.shown[0]).toEqual({ title: 'SLA', options: { body: 'INC-7 breaches in 10 min', tag: 'sla-7' } });
  });

  it('notify explains a denied permission and a browser without notifications', async () => {
    expect(
      await bridge({ notifications: fakeNotifications('default', 'denied').api }).notify({
        title: 't',
        body: 'b',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'permission-denied' },
    });
    expect(await bridge({ notifications: null }).notify({ title: 't', body: 'b' })).toMatchObject({
      ok: false,
      error: { code: 'notifications-unavailable' },
    });
  });

  it('emits power-resume when the page comes back after a long hidden period only', async () => {
    const doc = new FakeDocument();
    let clock = 1_000_000;
    bridge({ document: doc, now: () => clock, resumeAfterHiddenMs: 60_000 });
    doc.set('hidden');
    clock += 5_000;
    doc.set('visible');
    expect(events).toEqual([]);
    doc.set('hidden');
    clock += 60_000;
    doc.set('visible');
    expect(events).toEqual([{ type: 'power-resume' }]);
  });

  it('getAppInfo says runtime web and offers a valid default server', async () => {
    const info = await bridge({ version: '1.2.3', defaultServerUrl: 'http://127.0.0.1:4780/' }).getAppInfo();
    expect(info).toMatchObject({
      version: '1.2.3',
      runtime: 'web',
      defaultServerUrl: 'http://127.0.0.1:4780',
    });
    expect(typeof info.locale).toBe('string');
    expect(
      (await bridge({ defaultServerUrl: 'http://remote.example' }).getAppInfo()).defaultServerUrl,
    ).toBeUndefined();
  });
});
