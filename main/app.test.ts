// The wiring in app.ts against fake Electron modules: the order of start-up steps and the
// exact options and handlers handed to Electron.
import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, INVOKE_CHANNELS } from '../shared/bridge/channels';
import { startDesktopApp, type ElectronModules, type StartOptions } from './app';
import { CONTENT_SECURITY_POLICY } from './security/csp';

type Listener = (...args: unknown[]) => unknown;

class FakeWebContents extends EventEmitter {
  static nextId = 1;
  id = FakeWebContents.nextId++;
  url = '';
  sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  crashedByUs = 0;
  replaced: string[] = [];
  session = { addWordToSpellCheckerDictionary: vi.fn() };
  forcefullyCrashRenderer() {
    this.crashedByUs++;
  }
  replaceMisspelling(word: string) {
    this.replaced.push(word);
  }
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

function fakeElectron(options: { lock?: boolean; userData: string; packaged?: boolean }) {
  const order: string[] = [];
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));

  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.packaged ?? true,
    commandLine: { removeSwitch: vi.fn((name: string) => order.push(`removeSwitch:${name}`)) },
    isDefaultProtocolClient: vi.fn(() => false),
    setAsDefaultProtocolClient: vi.fn(),
    exit: vi.fn(),
    setBadgeCount: vi.fn(),
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
    maximized = false;
    maximize = () => {
      this.maximized = true;
    };
    isMaximized = () => this.maximized;
    isFullScreen = () => false;
    getNormalBounds = () => ({ x: 10, y: 20, width: 1200, height: 800 });
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
    decryptStringAsync: async (b: Buffer) => ({
      result: Buffer.from(b.map((x) => x ^ 1)).toString(),
      shouldReEncrypt: false,
    }),
    getSelectedStorageBackend: () => 'gnome_libsecret',
  };
  class Notification extends EventEmitter {
    static isSupported = () => true;
    show() {}
    close() {}
  }
  const net = { fetch: (u: string, i?: RequestInit) => fetch(u, i) };
  const menus: Array<{ template: MenuItem[]; popup: ReturnType<typeof vi.fn> }> = [];
  const Menu = {
    setApplicationMenu: vi.fn(),
    buildFromTemplate: vi.fn((template: MenuItem[]) => {
      const menu = { template, popup: vi.fn() };
      menus.push(menu);
      return menu;
    }),
  };
  const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
  const screen = {
    getAllDisplays: () => [display],
    getPrimaryDisplay: () => display,
    getDisplayMatching: () => display,
  };
  const crashReporter = { start: vi.fn(() => order.push('crashReporter.start')) };
  const dialogAnswers: number[] = [];
  const dialog = {
    showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: dialogAnswers.shift() ?? 1 })),
    showSaveDialog: vi.fn(),
  };

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    protocol,
    session,
    shell,
    safeStorage,
    powerMonitor,
    Notification,
    net,
    Menu,
    screen,
    crashReporter,
    dialog,
  };
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
    Menu,
    menus,
    crashReporter,
    dialog,
    dialogAnswers,
    Notification,
  };
}

interface MenuItem {
  id?: string;
  label?: string;
  role?: string;
  click?: () => void;
  submenu?: MenuItem[];
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

async function start(
  env: Record<string, string> = {},
  lock = true,
  more: {
    packaged?: boolean;
    argv?: string[];
    platform?: NodeJS.Platform;
    extra?: Partial<StartOptions>;
  } = {},
) {
  const f = fakeElectron({ lock, userData: path.join(dir, 'userData'), packaged: more.packaged ?? true });
  const log = vi.fn();
  const desktop = startDesktopApp(f.electron, {
    env,
    argv: more.argv ?? ['electron', '.'],
    preloadPath: '/app/out/main/preload.cjs',
    rendererDir,
    platform: more.platform ?? 'linux',
    log,
    ...more.extra,
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
    expect(s.beforeReady).toEqual([
      'requestSingleInstanceLock',
      'crashReporter.start',
      'enableSandbox',
      'registerSchemesAsPrivileged',
    ]);
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
    expect(s.order.indexOf('protocol.handle:app')).toBeGreaterThan(
      s.order.indexOf('registerSchemesAsPrivileged'),
    );
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
      s.permission.request!({ getURL: () => url }, permission, (g: boolean) => (granted = g), {
        requestingUrl: url,
      });
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
    expect(s.shell.openExternal.mock.calls.map((c: unknown[]) => c[0])).toEqual([
      'https://evil.example/',
      'https://kb.example/a',
    ]);
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
    await expect(
      Promise.resolve().then(() =>
        getInfo({ sender: { id: 999 }, senderFrame: { url: 'app://tam/', parent: null } }),
      ),
    ).rejects.toThrow(/refused/);
  });

  it('openExternal over IPC: http(s) to the OS browser, other schemes refused as values', async () => {
    const s = await start();
    const open = s.ipcHandlers.get(INVOKE_CHANNELS.openExternal)!;
    const frame = mainFrameOf(s.windows[0]!);
    await expect(open(frame, 'https://example.com/kb')).resolves.toEqual({ ok: true });
    await expect(open(frame, 'file:///etc/passwd')).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-url' },
    });
    expect(s.shell.openExternal).toHaveBeenCalledTimes(1);
    expect(s.shell.openExternal).toHaveBeenCalledWith('https://example.com/kb');
  });

  it('forwards powerMonitor resume to the window as power-resume', async () => {
    const s = await start();
    s.powerMonitor.emit('resume');
    expect(s.windows[0]!.webContents.sent).toContainEqual({
      channel: EVENT_CHANNEL,
      payload: { type: 'power-resume' },
    });
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
    s.app.emit('second-instance', {}, ['tam-workstation'], '/home/tam');
    expect(w.minimized).toBe(false);
    expect(w.focused).toBe(1);
  });

  it('loads a localhost dev server when TAM_DEV_URL says so, and trusts only its origin', async () => {
    const s = await start({ TAM_DEV_URL: 'http://localhost:5173' }, true, { packaged: false });
    const w = s.windows[0]!;
    expect(w.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    const getInfo = s.ipcHandlers.get(INVOKE_CHANNELS.getAppInfo)!;
    await expect(Promise.resolve(getInfo(mainFrameOf(w)))).resolves.toMatchObject({ runtime: 'electron' });
    expect(w.webContents.navigate('will-navigate', 'app://tam/index.html')).toBe(true);
  });

  it('ignores a remote TAM_DEV_URL and loads the built app', async () => {
    const s = await start({ TAM_DEV_URL: 'http://evil.example:5173' }, true, { packaged: false });
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

const INCIDENT = '2b7e1516-28ae-4d2a-abf7-158809cf4f3c';
const CUSTOMER = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

/** The page's first reportStatus: it listens from now on. */
async function pageReady(s: Awaited<ReturnType<typeof start>>, status: Record<string, unknown> = {}) {
  const w = s.windows[0]!;
  await s.ipcHandlers.get(INVOKE_CHANNELS.reportStatus)!(mainFrameOf(w), status);
}
const sentEvents = (s: Awaited<ReturnType<typeof start>>) =>
  s.windows[0]!.webContents.sent.filter((m) => m.channel === EVENT_CHANNEL).map((m) => m.payload);

describe('packaged-build safety', () => {
  it('ignores TAM_DEV_URL and --dev-url when packaged, and removes remote debugging switches', async () => {
    const s = await start({ TAM_DEV_URL: 'http://localhost:5173' }, true, {
      packaged: true,
      argv: ['tam', '--dev-url=http://127.0.0.1:5173', '--remote-debugging-port=9222'],
    });
    expect(s.windows[0]!.loadURL).toHaveBeenCalledWith('app://tam/index.html');
    expect(s.windows[0]!.options.webPreferences).toMatchObject({ devTools: false });
    expect(s.app.commandLine.removeSwitch).toHaveBeenCalledWith('remote-debugging-port');
    expect(s.log).toHaveBeenCalledWith(expect.stringMatching(/installed build/));
  });

  it('--version prints the version and exits without a window', async () => {
    const print = vi.fn();
    const f = fakeElectron({ userData: path.join(dir, 'userData') });
    startDesktopApp(f.electron, {
      env: {},
      argv: ['tam', '--version'],
      preloadPath: 'p',
      rendererDir,
      platform: 'linux',
      log: vi.fn(),
      print,
    });
    f.resolveReady();
    await new Promise((r) => setTimeout(r, 10));
    expect(print).toHaveBeenCalledWith('0.1.0\n');
    expect(f.app.exit).toHaveBeenCalledWith(0);
    expect(f.windows).toHaveLength(0);
    expect(f.app.requestSingleInstanceLock).not.toHaveBeenCalled();
  });

  it('keeps crash reports on this computer unless an upload address is configured', async () => {
    const s = await start();
    expect(s.crashReporter.start).toHaveBeenCalledWith(expect.objectContaining({ uploadToServer: false }));
    const t = await start({ TAM_CRASH_UPLOAD_URL: 'https://crash.example.com/submit' });
    expect(t.crashReporter.start).toHaveBeenCalledWith(
      expect.objectContaining({ uploadToServer: true, submitURL: 'https://crash.example.com/submit' }),
    );
  });

  it('registers as the tam-workstation:// handler in installed builds only', async () => {
    const s = await start();
    expect(s.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('tam-workstation');
    const d = await start({}, true, { packaged: false });
    expect(d.app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
  });
});

describe('menus', () => {
  const appMenu = (s: Awaited<ReturnType<typeof start>>) =>
    s.Menu.setApplicationMenu.mock.calls.at(-1)![0] as { template: MenuItem[] };
  const item = (s: Awaited<ReturnType<typeof start>>, menu: string, id: string) =>
    appMenu(s)
      .template.find((m) => m.id === menu)!
      .submenu!.find((i) => i.id === id)!;

  it('installs the application menu in the system language, and follows the app language', async () => {
    const s = await start();
    expect(appMenu(s).template.map((m) => m.label)).toEqual([
      'ファイル',
      '編集',
      '表示',
      'ウインドウ',
      'ヘルプ',
    ]);
    await pageReady(s, { language: 'en' });
    expect(appMenu(s).template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('Help > Keyboard shortcuts asks the page to show the shortcuts', async () => {
    const s = await start();
    await pageReady(s);
    item(s, 'help', 'shortcuts').click!();
    expect(sentEvents(s)).toContainEqual({ type: 'menu-command', command: 'shortcuts' });
  });

  it('Help > About shows versions and the licences of bundled data', async () => {
    const s = await start({}, true, {
      extra: { versions: { electron: '45.5.0', chrome: '140.0', node: '22.1' } },
    });
    item(s, 'help', 'about').click!();
    const options = s.dialog.showMessageBox.mock.calls[0]!.at(-1) as { detail: string };
    expect(options.detail).toContain('Electron 45.5.0');
    expect(options.detail).toContain('CC BY-SA 3.0');
    expect(options.detail).toContain('SIL Open Font License');
  });

  it('Help > Open logs folder opens the log folder', async () => {
    const appLog = {
      info: vi.fn(),
      warn: vi.fn(),
      error: vi.fn(),
      fromWindow: vi.fn(),
      folder: () => '/home/tam/.config/TAM Workstation/logs',
    };
    const s = await start({}, true, { extra: { appLog } });
    (s.shell as unknown as { openPath: unknown }).openPath = vi.fn(async () => '');
    item(s, 'help', 'open-logs').click!();
    expect((s.shell as unknown as { openPath: ReturnType<typeof vi.fn> }).openPath).toHaveBeenCalledWith(
      '/home/tam/.config/TAM Workstation/logs',
    );
  });

  it('pops a context menu in text fields', async () => {
    const s = await start();
    const wc = s.windows[0]!.webContents;
    wc.emit(
      'context-menu',
      {},
      {
        isEditable: true,
        selectionText: '',
        misspelledWord: '',
        dictionarySuggestions: [],
        editFlags: { canCut: true, canCopy: true, canPaste: true, canSelectAll: true },
      },
    );
    const popped = s.menus.at(-1)!;
    expect(popped.template.map((i) => i.role).filter(Boolean)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
    expect(popped.popup).toHaveBeenCalled();
  });
});

describe('deep links and notifications', () => {
  it('opens the incident of a link given to a second start, once the page listens', async () => {
    const s = await start();
    s.app.emit('second-instance', {}, ['tam', `tam-workstation://incident/${INCIDENT}`], '/');
    expect(sentEvents(s)).toEqual([]);
    await pageReady(s);
    expect(sentEvents(s)).toEqual([{ type: 'open', target: { kind: 'incident', id: INCIDENT } }]);
    s.app.emit('second-instance', {}, ['tam', `tam-workstation://customer/${CUSTOMER}`], '/');
    expect(sentEvents(s)).toContainEqual({ type: 'open', target: { kind: 'customer', id: CUSTOMER } });
  });

  it('opens a link given on the first start', async () => {
    const s = await start({}, true, { argv: ['tam', `tam-workstation://customer/${CUSTOMER}`] });
    await pageReady(s);
    expect(sentEvents(s)).toEqual([{ type: 'open', target: { kind: 'customer', id: CUSTOMER } }]);
  });

  it('takes macOS open-url links, and ignores hostile ones', async () => {
    const s = await start({}, true, { platform: 'darwin' });
    await pageReady(s);
    const preventDefault = vi.fn();
    s.app.emit('open-url', { preventDefault }, `tam-workstation://incident/${INCIDENT}`);
    s.app.emit('open-url', { preventDefault }, `tam-workstation://incident/${INCIDENT}?token=x`);
    s.app.emit('open-url', { preventDefault }, 'tam-workstation://settings/reset');
    expect(preventDefault).toHaveBeenCalledTimes(3);
    expect(sentEvents(s)).toEqual([{ type: 'open', target: { kind: 'incident', id: INCIDENT } }]);
  });

  it("a notification's click opens its incident", async () => {
    const s = await start();
    await pageReady(s);
    const shown: Array<EventEmitter> = [];
    const proto = s.Notification.prototype as unknown as { show: () => void };
    proto.show = function (this: EventEmitter) {
      shown.push(this);
    };
    const notify = s.ipcHandlers.get(INVOKE_CHANNELS.notify)!;
    await notify(mainFrameOf(s.windows[0]!), {
      title: 'SLA breached',
      body: 'INC-7',
      tag: 'sla:1',
      open: { kind: 'incident', id: INCIDENT },
    });
    shown[0]!.emit('click');
    expect(sentEvents(s)).toEqual([{ type: 'open', target: { kind: 'incident', id: INCIDENT } }]);
  });

  it('shows the breached + at-risk count on the dock/taskbar badge', async () => {
    const s = await start();
    await pageReady(s, { badgeCount: 4 });
    expect(s.app.setBadgeCount).toHaveBeenCalledWith(4);
  });
});

describe('crash recovery and logs', () => {
  it('offers a reload when the renderer process is gone, and reloads the app page', async () => {
    const s = await start();
    const w = s.windows[0]!;
    s.dialogAnswers.push(0);
    w.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    await new Promise((r) => setTimeout(r, 0));
    expect(s.dialog.showMessageBox).toHaveBeenCalledOnce();
    expect(w.loadURL).toHaveBeenCalledTimes(2);
    expect(w.loadURL).toHaveBeenLastCalledWith('app://tam/index.html');
    w.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(s.dialog.showMessageBox).toHaveBeenCalledOnce();
  });

  it('offers a reload when the window is unresponsive', async () => {
    const s = await start();
    const w = s.windows[0]!;
    s.dialogAnswers.push(0);
    w.emit('unresponsive');
    await new Promise((r) => setTimeout(r, 0));
    expect(w.webContents.crashedByUs).toBe(1);
    expect(w.loadURL).toHaveBeenCalledTimes(2);
  });

  it('hands the window no replica key while nobody is signed in, and never writes a key file then', async () => {
    const s = await start();
    await expect(
      s.ipcHandlers.get(INVOKE_CHANNELS.getReplicaKey)!(mainFrameOf(s.windows[0]!)),
    ).resolves.toMatchObject({ ok: false, error: { code: 'not-signed-in' } });
    await expect(readFile(path.join(dir, 'userData', 'replica-keys.json'), 'utf8')).rejects.toThrow();
  });

  it("writes the page's log lines to the log file", async () => {
    const appLog = {
      info: vi.fn(),
      warn: vi.fn(),
      error: vi.fn(),
      fromWindow: vi.fn(),
      folder: () => '/logs',
    };
    const s = await start({}, true, { extra: { appLog } });
    await s.ipcHandlers.get(INVOKE_CHANNELS.log)!(mainFrameOf(s.windows[0]!), {
      level: 'error',
      message: 'render error in today',
    });
    expect(appLog.fromWindow).toHaveBeenCalledWith('error', 'render error in today');
  });
});

describe('updates', () => {
  class FakeUpdater extends EventEmitter {
    autoDownload = false;
    autoInstallOnAppQuit = false;
    feeds: string[] = [];
    installs = 0;
    setFeedURL(o: { url: string }) {
      this.feeds.push(o.url);
    }
    async checkForUpdates() {
      return null;
    }
    quitAndInstall() {
      this.installs++;
    }
  }

  it('checks the central server at start and offers a restart that mentions unsent changes', async () => {
    const autoUpdater = new FakeUpdater();
    const s = await start({ TAM_SERVER_URL: 'https://tam.example.com' }, true, { extra: { autoUpdater } });
    await new Promise((r) => setTimeout(r, 10));
    expect(autoUpdater.feeds).toEqual(['https://tam.example.com/updates/']);
    await pageReady(s, { unsentChanges: 2 });
    s.dialogAnswers.push(1);
    autoUpdater.emit('update-downloaded', { version: '0.2.0' });
    await new Promise((r) => setTimeout(r, 0));
    const options = s.dialog.showMessageBox.mock.calls[0]!.at(-1) as {
      message: string;
      detail: string;
      buttons: string[];
      defaultId: number;
    };
    expect(options.message).toContain('0.2.0');
    expect(options.detail).toContain('2');
    expect(options.defaultId).toBe(1);
    expect(autoUpdater.installs).toBe(0);
  });

  it('has no updater in development builds', async () => {
    const autoUpdater = new FakeUpdater();
    await start({ TAM_SERVER_URL: 'https://tam.example.com' }, true, {
      packaged: false,
      extra: { autoUpdater },
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(autoUpdater.feeds).toEqual([]);
  });
});
