import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/bridge/channels';
import { appOrigin } from '../security/origin';
import {
  registerIpcHandlers,
  senderProblem,
  type BridgeServices,
  type InvokeEventLike,
  type IpcMainLike,
} from './handlers';

const APP_ID = 7;

function fakeIpcMain() {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => {
      handlers.delete(channel);
    },
  };
  return { ipcMain, handlers };
}

function fakeServices(): BridgeServices & { [K in keyof BridgeServices]: ReturnType<typeof vi.fn> } {
  return {
    getAppInfo: vi.fn(() => ({
      version: '0.1.0',
      platform: 'linux',
      locale: 'ja',
      runtime: 'electron' as const,
    })),
    openExternal: vi.fn(async () => ({ ok: true as const })),
    notify: vi.fn(() => ({ ok: true as const })),
    signIn: vi.fn(async () => ({
      ok: true as const,
      session: {
        serverUrl: 'https://tam.example',
        user: { id: 'u1', email: 'a@example.com', name: 'A', role: 'tam' },
        expiresAt: '2030-01-01T00:00:00Z',
        needsSignIn: false,
        // A bug that leaks the token must still not get it across.
        token: 'leaked-token',
      },
    })),
    getSession: vi.fn(async () => null),
    signOut: vi.fn(async () => undefined),
    apiRequest: vi.fn(async () => ({ status: 200, body: { ok: 1 } })),
    getReplicaKey: vi.fn(async () => ({ ok: true as const, key: new Uint8Array(32).fill(7) })),
  } as never;
}

const appFrame = { url: 'app://tam/index.html#/today', parent: null };
const fromApp: InvokeEventLike = { sender: { id: APP_ID }, senderFrame: appFrame };

function setup() {
  const { ipcMain, handlers } = fakeIpcMain();
  const services = fakeServices();
  const log = vi.fn();
  const unregister = registerIpcHandlers(
    ipcMain,
    services,
    { appWebContentsId: () => APP_ID, isAppUrl: appOrigin().isAppUrl },
    log,
  );
  const call = (channel: string, event: InvokeEventLike, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return Promise.resolve(handler(event, ...args));
  };
  return { handlers, services, call, unregister, log };
}

describe('registerIpcHandlers', () => {
  it('registers one handler per contract channel, and removes them all', () => {
    const s = setup();
    expect([...s.handlers.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
    s.unregister();
    expect(s.handlers.size).toBe(0);
  });

  it('runs the service for a valid call from the app window', async () => {
    const s = setup();
    await expect(
      s.call(INVOKE_CHANNELS.apiRequest, fromApp, { method: 'GET', path: '/v1/accounts' }),
    ).resolves.toEqual({
      status: 200,
      body: { ok: 1 },
    });
    expect(s.services.apiRequest).toHaveBeenCalledWith({ method: 'GET', path: '/v1/accounts' });
    await expect(s.call(INVOKE_CHANNELS.getAppInfo, fromApp)).resolves.toMatchObject({ runtime: 'electron' });
  });

  it('strips whatever the contract does not allow from results (no token crosses)', async () => {
    const s = setup();
    const result = await s.call(INVOKE_CHANNELS.signIn, fromApp, {
      serverUrl: 'https://tam.example',
      email: 'a@example.com',
      password: 'pw',
    });
    expect(JSON.stringify(result)).not.toContain('leaked-token');
  });

  it('hands over the replica key only as 32 bytes, and takes no arguments', async () => {
    const s = setup();
    await expect(s.call(INVOKE_CHANNELS.getReplicaKey, fromApp)).resolves.toEqual({
      ok: true,
      key: new Uint8Array(32).fill(7),
    });
    await expect(s.call(INVOKE_CHANNELS.getReplicaKey, fromApp, 'other-user')).rejects.toThrow(
      /invalid arguments/,
    );
    s.services.getReplicaKey.mockResolvedValueOnce({ ok: true, key: new Uint8Array(16) });
    await expect(s.call(INVOKE_CHANNELS.getReplicaKey, fromApp)).rejects.toThrow(/outside the contract/);
  });

  it.each([
    ['getAppInfo', ['unexpected']],
    ['openExternal', [{ url: 'https://x' }]],
    ['notify', [{ title: 'x' }]],
    ['notify', [{ title: 'x', body: 'y', onclick: 'steal()' }]],
    ['signIn', ['https://tam.example', 'a@example.com', 'pw']],
    ['apiRequest', [{ method: 'PUT', path: '/v1/x' }]],
    ['apiRequest', [{ method: 'GET', path: 'https://evil.example/v1/x' }]],
    ['apiRequest', [{ method: 'GET', path: '/v1/../../etc/passwd' }]],
    ['apiRequest', [{ method: 'POST', path: '/v1/x', body: {} }, 'extra']],
    ['apiRequest', []],
  ] as const)('rejects %s with bad payload %j and never runs the service', async (method, args) => {
    const s = setup();
    await expect(s.call(INVOKE_CHANNELS[method], fromApp, ...args)).rejects.toThrow(/invalid arguments/);
    expect(s.services[method]).not.toHaveBeenCalled();
  });

  it.each([
    [
      'a subframe',
      { sender: { id: APP_ID }, senderFrame: { url: 'app://tam/index.html', parent: appFrame } },
    ],
    ['another window', { sender: { id: APP_ID + 1 }, senderFrame: appFrame }],
    [
      'a foreign page in the app window',
      { sender: { id: APP_ID }, senderFrame: { url: 'https://evil.example/', parent: null } },
    ],
    [
      'a look-alike origin',
      { sender: { id: APP_ID }, senderFrame: { url: 'app://tam.evil/index.html', parent: null } },
    ],
    [
      'a file:// page',
      { sender: { id: APP_ID }, senderFrame: { url: 'file:///app/out/renderer/index.html', parent: null } },
    ],
    ['a destroyed frame', { sender: { id: APP_ID }, senderFrame: null }],
  ])('rejects a call from %s and never runs the service', async (_label, event) => {
    const s = setup();
    await expect(
      s.call(INVOKE_CHANNELS.apiRequest, event as InvokeEventLike, { method: 'GET', path: '/v1/x' }),
    ).rejects.toThrow(/refused/);
    expect(s.services.apiRequest).not.toHaveBeenCalled();
    expect(s.log).toHaveBeenCalled();
  });

  it('refuses everything while there is no app window', () => {
    expect(senderProblem(fromApp, { appWebContentsId: () => undefined, isAppUrl: () => true })).toMatch(
      /other than the app window/,
    );
  });

  it('reports a service result outside the contract instead of passing it on', async () => {
    const s = setup();
    s.services.apiRequest.mockResolvedValueOnce({ status: 'ok' });
    await expect(
      s.call(INVOKE_CHANNELS.apiRequest, fromApp, { method: 'GET', path: '/v1/x' }),
    ).rejects.toThrow(/outside the contract/);
  });
});
