import { describe, expect, it, vi } from 'vitest';
import { DESKTOP_API_MEMBERS, EVENT_CHANNEL, INVOKE_CHANNELS } from './channels';
import { createIpcDesktopApi, type IpcRendererLike } from './ipc-client';

function fakeIpc() {
  const calls: Array<{ channel: string; args: unknown[] }> = [];
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      calls.push({ channel, args });
      return { echoed: channel };
    },
    on: (channel, listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener: (channel, listener) => {
      listeners.get(channel)?.delete(listener);
    },
  };
  const emit = (payload: unknown) => {
    const fakeEvent = { sender: { send: () => 'ipcRenderer itself' } };
    for (const l of listeners.get(EVENT_CHANNEL) ?? []) l(fakeEvent, payload);
  };
  return { ipc, calls, listeners, emit };
}

describe('createIpcDesktopApi', () => {
  it('exposes exactly the contract members, all functions', () => {
    const api = createIpcDesktopApi(fakeIpc().ipc);
    expect(Object.keys(api).sort()).toEqual([...DESKTOP_API_MEMBERS].sort());
    for (const key of Object.keys(api))
      expect(typeof (api as unknown as Record<string, unknown>)[key]).toBe('function');
  });

  it('forwards each method to its own channel with its argument', async () => {
    const f = fakeIpc();
    const api = createIpcDesktopApi(f.ipc);
    await api.getAppInfo();
    await api.openExternal('https://example.com');
    await api.notify({ title: 't', body: 'b' });
    await api.signIn({ serverUrl: 'https://x', email: 'a@b', password: 'p' });
    await api.getSession();
    await api.signOut();
    await api.apiRequest({ method: 'GET', path: '/v1/x' });
    await api.savePdf({ html: '<!doctype html>', fileName: 'r.pdf' });
    await api.renderPdf({ html: '<!doctype html>' });
    await api.getReplicaKey();
    expect(f.calls).toEqual([
      { channel: INVOKE_CHANNELS.getAppInfo, args: [] },
      { channel: INVOKE_CHANNELS.openExternal, args: ['https://example.com'] },
      { channel: INVOKE_CHANNELS.notify, args: [{ title: 't', body: 'b' }] },
      { channel: INVOKE_CHANNELS.signIn, args: [{ serverUrl: 'https://x', email: 'a@b', password: 'p' }] },
      { channel: INVOKE_CHANNELS.getSession, args: [] },
      { channel: INVOKE_CHANNELS.signOut, args: [] },
      { channel: INVOKE_CHANNELS.apiRequest, args: [{ method: 'GET', path: '/v1/x' }] },
      { channel: INVOKE_CHANNELS.savePdf, args: [{ html: '<!doctype html>', fileName: 'r.pdf' }] },
      { channel: INVOKE_CHANNELS.renderPdf, args: [{ html: '<!doctype html>' }] },
      { channel: INVOKE_CHANNELS.getReplicaKey, args: [] },
    ]);
  });

  it('delivers only contract events, as fresh objects, never the IPC event', () => {
    const f = fakeIpc();
    const api = createIpcDesktopApi(f.ipc);
    const seen: unknown[][] = [];
    api.onEvent((...args: unknown[]) => seen.push(args));
    f.emit({ type: 'sync-poke' });
    f.emit({ type: 'rm -rf' });
    f.emit({ type: 'session-expired', extra: 'x' });
    expect(seen).toEqual([[{ type: 'sync-poke' }]]);
  });

  it('keeps one IPC listener for many subscribers and removes it after the last unsubscribe', () => {
    const f = fakeIpc();
    const api = createIpcDesktopApi(f.ipc);
    const a = vi.fn();
    const b = vi.fn();
    const offA = api.onEvent(a);
    const offB = api.onEvent(b);
    expect(f.listeners.get(EVENT_CHANNEL)?.size).toBe(1);
    f.emit({ type: 'power-resume' });
    offA();
    offA();
    f.emit({ type: 'power-resume' });
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(2);
    offB();
    expect(f.listeners.get(EVENT_CHANNEL)?.size).toBe(0);
  });

  it('a throwing listener does not stop the others', async () => {
    const f = fakeIpc();
    const api = createIpcDesktopApi(f.ipc);
    const after = vi.fn();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      api.onEvent(() => {
        throw new Error('boom');
      });
      api.onEvent(after);
      f.emit({ type: 'sync-poke' });
      expect(after).toHaveBeenCalledOnce();
      await new Promise((r) => setTimeout(r, 0));
      expect(unhandled).toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('refuses a non-function listener', () => {
    const api = createIpcDesktopApi(fakeIpc().ipc);
    expect(() => api.onEvent('x' as never)).toThrow(TypeError);
  });
});
