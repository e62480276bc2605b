// The wiring in app.ts against fake Electron modules: the order of start-up steps and the
// exact options and handlers handed to Electron.
import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, INVOKE_CHANNELS } from '../shared/bridge/channels';
import { startDesktopApp, type ElectronModules } from './app';
import { CONTENT_SECURITY_POLICY } from './security/csp';

type Listener = (...args: unknown[]) => unknown;

class FakeWebContents extends EventEmitter {
  static nextId = 1;
  id = FakeWebContents.nextId++;
  url = '';
  sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  getURL() {
    return this.url;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.windowOpenHandler = h;
  }
  /** Fires a navigation event the way Electron does; returns whether it was prevented. */
  navigate(event: string, url: string, isMainFrame = true) {
    let prevented = false;
    this.emit(event, { url, isMainFrame, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

function fakeElectron(options: { lock?: boolean; userData: string }) {
  const order: string[] = [];
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));

  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    setPath: vi.fn((name: string) => order.push(`setPath:${name}`)),
    getPath: vi.fn(() => options.userData),
    requestSingleInstanceLock: vi.fn(() => {
      order.push('requestSingleInstanceLock');
      return options.lock ?? true;
    }),
    quit: vi.fn(() => order.push('quit')),
    enableSandbox: vi.fn(() => order.push('enableSandbox')),
    setAppUserModelId: vi.fn(),
    whenReady: () => ready,
    getVersion: () => '0.1.0',
    getLocale: () => 'ja',
  });

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends EventEmitter {
    webContents = new FakeWebContents();
    minimized = false;
    shown = 0;
    focused = 0;
    destroyed = false;
    constructor(public options: { webPreferences?: Record<string, unknown> }) {
      super();
      order.push('new BrowserWindow');
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL = vi.fn(async (url: string) => {
      this.webContents.url = url;
    });
    isDestroyed = () => this.destroyed;
    isMinimized = () => this.minimized;
    restore = () => {
      this.minimized = false;
    };
    show = () => {
      this.shown++;
    };
    focus = () => {
      this.focused++;
    };
  }

  const ipcHandlers = new Map<string, Listener>();
  const ipcMain = {
    handle: vi.fn((channel: string, listener: Listener) => ipcHandlers.set(channel, listener)),
    removeHandler: vi.fn((channel: string) => ipcHandlers.delete(channel)),
  };

  let protocolHandler: ((r: Request) => Promise<Response>) | null = null;
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(() => order.push('registerSchemesAsPrivileged')),
    handle: vi.fn((scheme: string, handler: (r: Request) => Promise<Response>) => {
      order.push(`protocol.handle:${scheme}`);
      protocolHandler = handler;
    }),
  };

  const permission: { request?: Listener; check?: Listener } = {};
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn((h: Listener) => (permission.request = h)),
      setPermissionCheckHandler: vi.fn((h: Listener) => (permission.check = h)),
    },
  };

  const shell = { openExternal: vi.fn(async () => {}) };
  const powerMonitor = new EventEmitter();
  const safeStorage = {
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (s: string) => Buffer.from(s).map((b) => b ^ 1),
    decryptStringAsync: async (b: Buffer) => ({ result: Buffer.from(b.map((x) => x ^ 1)).toString(), shouldReEncrypt: false }),
    getSelectedStorageBackend: () => 'gnome_libsecret',
  };
  class Notification extends EventEmitter {
    static isSupported = () => true;
    show() {}
    close() {}
  }
  const net = { fetch: (u: string, i?: RequestInit) => fetch(u, i) };

  const electron = { app, BrowserWindow: FakeBrowserWindow, ipcMain, protocol, session, shell, safeStorage, powerMonitor, Notification, net };
  return {
    electron: electron as unknown as ElectronModules,
    app,
    windows,
    ipcHandlers,
    protocol,
    permission,
    shell,
    powerMonitor,
    order,
    resolveReady,
    protocolHandler: () => protocolHandler,
  };
}

let dir: string;
let rendererDir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tam-app-'));
  rendererDir = path.join(dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<div id="root"></div>');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}, lock = true) {
  const f = fakeElectron({ lock, userData: path.join(dir, 'userData') });
  const log = vi.fn();
  const desktop = startDesktopApp(f.electron, {
    env,
    argv: ['electron', '.'],
    preloadPath: '/app/out/main/preload.cjs',
    rendererDir,
    platform: 'linux',
    log,
  });
  const beforeReady = [...f.order];
  f.resolveReady();
  if (lock) await desktop.ready;
  else await new Promise((r) => setTimeout(r, 10));
  return { ...f, beforeReady, log, desktop };
}

const mainFrameOf = (w: { webContents: FakeWebContents }) => ({
  sender: { id: w.webContents.id },
  senderFrame: { url: w.webContents.url, parent: null },
});

describe('startDesktopApp', () => {
  it('a second instance quits at once and creates nothing', async () => {
    const s = await start({}, false);
    expect(s.app.quit).toHaveBeenCalled();
    expect(s.windows).toHaveLength(0);
    expect(s.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(s.ipcHandlers.size).toBe(0);
  });

  it('takes the single-instance lock, enables the sandbox and registers app: as privileged before ready', async () => {
    const s = await start();
    expect(s.beforeReady).toEqual(['requestSingleInstanceLock', 'enableSandbox', 'registerSchemesAsPrivileged']);
    expect(s.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('creates the window with the secure webPreferences and loads app://tam/index.html', async () => {
    const s = await start();
    expect(s.windows).toHaveLength(1);
    const w = s.windows[0]!;
    expect(w.options.webPreferences).toMatchObject({
      preload: '/app/out/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(w.loadURL).toHaveBeenCalledWith('app://tam/index.html');
  });

  it('serves the renderer on app: with the CSP header, registered after ready', async () => {
    const s = await start();
    expect(s.order.indexOf('protocol.handle:app')).toBeGreaterThan(s.order.indexOf('registerSchemesAsPrivileged'));
    const request = new Request('http://placeholder/');
    Object.defineProperty(request, 'url', { value: 'app://tam/index.html' });
    const res = await s.protocolHandler()!(request);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('installs permission handlers on the default session: notifications for the app only', async () => {
    const s = await start();
    const ask = (permission: string, url: string) => {
      let granted: boolean | undefined;
      s.permission.request!({ getURL: () => url }, permission, (g: boolean) => (granted = g), { requestingUrl: url });
      return granted;
    };
    expect(ask('notifications', 'app://tam/index.html')).toBe(true);
    expect(ask('media', 'app://tam/index.html')).toBe(false);
    expect(ask('notifications', 'https://evil.example/')).toBe(false);
    expect(s.permission.check!(null, 'geolocation', 'app://tam')).toBe(false);
    expect(s.permission.check!(null, 'notifications', 'app://tam')).toBe(true);
  });

  it('hardens every webContents: navigation away is blocked, web links go to the OS browser', async () => {
    const s = await start();
    const wc = s.windows[0]!.webContents;
    expect(wc.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(wc.navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(wc.navigate('will-navigate', 'app://tam/index.html')).toBe(false);
    expect(wc.windowOpenHandler?.({ url: 'https://kb.example/a' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await new Promise((r) => setTimeout(r, 0));
    expect(s.shell.openExternal.mock.calls.map((c: unknown[]) => c[0])).toEqual(['https://evil.example/', 'https://kb.example/a']);
    // Any later webContents is hardened too.
    const other = new FakeWebContents();
    s.app.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler).not.toBeNull();
    expect(other.listenerCount('will-navigate')).toBe(1);
  });

  it('answers the bridge from the app window and refuses other senders', async () => {
    const s = await start({ TAM_SERVER_URL: 'http://127.0.0.1:4780/' });
    expect([...s.ipcHandlers.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
    const w = s.windows[0]!;
    const getInfo = s.ipcHandlers.get(INVOKE_CHANNELS.getAppInfo)!;
    await expect(Promise.resolve(getInfo(mainFrameOf(w)))).resolves.toEqual({
      version: '0.1.0',
      platform: 'linux',
      locale: 'ja',
      runtime: 'electron',
      defaultServerUrl: 'http://127.0.0.1:4780',
    });
    await expect(Promise.resolve().then(() => getInfo({ sender: { id: 999 }, senderFrame: { url: 'app://tam/', parent: null } }))).rejects.toThrow(
      /refused/,
    );
  });

  it('openExternal over IPC: http(s) to the OS browser, other schemes refused as values', async () => {
    const s = await start();
    const open = s.ipcHandlers.get(INVOKE_CHANNELS.openExternal)!;
    const frame = mainFrameOf(s.windows[0]!);
    await expect(open(frame, 'https://example.com/kb')).resolves.toEqual({ ok: true });
    await expect(open(frame, 'file:///etc/passwd')).resolves.toMatchObject({ ok: false, error: { code: 'invalid-url' } });
    expect(s.shell.openExternal).toHaveBeenCalledTimes(1);
    expect(s.shell.openExternal).toHaveBeenCalledWith('https://example.com/kb');
  });

  it('forwards powerMonitor resume to the window as power-resume', async () => {
    const s = await start();
    s.powerMonitor.emit('resume');
    expect(s.windows[0]!.webContents.sent).toContainEqual({ channel: EVENT_CHANNEL, payload: { type: 'power-resume' } });
  });

  it('never sends events to a window that left the app origin', async () => {
    const s = await start();
    s.windows[0]!.webContents.url = 'https://evil.example/';
    s.powerMonitor.emit('resume');
    expect(s.windows[0]!.webContents.sent).toEqual([]);
  });

  it('a second start focuses the existing window', async () => {
    const s = await start();
    const w = s.windows[0]!;
    w.minimized = true;
    s.app.emit('second-instance');
    expect(w.minimized).toBe(false);
    expect(w.focused).toBe(1);
  });

  it('loads a localhost dev server when TAM_DEV_URL says so, and trusts only its origin', async () => {
    const s = await start({ TAM_DEV_URL: 'http://localhost:5173' });
    const w = s.windows[0]!;
    expect(w.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    const getInfo = s.ipcHandlers.get(INVOKE_CHANNELS.getAppInfo)!;
    await expect(Promise.resolve(getInfo(mainFrameOf(w)))).resolves.toMatchObject({ runtime: 'electron' });
    expect(w.webContents.navigate('will-navigate', 'app://tam/index.html')).toBe(true);
  });

  it('ignores a remote TAM_DEV_URL and loads the built app', async () => {
    const s = await start({ TAM_DEV_URL: 'http://evil.example:5173' });
    expect(s.windows[0]!.loadURL).toHaveBeenCalledWith('app://tam/index.html');
    expect(s.log).toHaveBeenCalledWith(expect.stringMatching(/Ignoring TAM_DEV_URL/));
  });

  it('uses TAM_USER_DATA_DIR as profile before taking the instance lock', async () => {
    const s = await start({ TAM_USER_DATA_DIR: path.join(dir, 'e2e-profile') });
    expect(s.app.setPath).toHaveBeenCalledWith('userData', path.join(dir, 'e2e-profile'));
    expect(s.order.indexOf('setPath:userData')).toBeLessThan(s.order.indexOf('requestSingleInstanceLock'));
  });

  it('quits when the last window closes (except on macOS)', async () => {
    const s = await start();
    s.app.emit('window-all-closed');
    expect(s.app.quit).toHaveBeenCalled();
  });
});
