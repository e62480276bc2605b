// Electron hardening, beyond the unit tests beside main/: the unit tests assert chosen
// examples; these assert the whole space with fast-check, against the same fakes.
//   - the window's webPreferences: exactly a reviewed set of keys, each with its safe value;
//     the packaged binary's Electron fuses (electron-builder.yml);
//   - IPC: for every channel, arbitrary argument lists run the service only when the contract's
//     schema accepts them, and arbitrary senders are refused unless they are the app window's
//     main frame showing the app's origin;
//   - navigation, window.open, permissions: arbitrary URLs and permission names never reach
//     anything but the app (and the OS browser, for checked links);
//   - the app:// protocol: arbitrary paths never serve a file outside the bundle;
//   - the preload: arbitrary payloads on the event channel never reach the page unless they
//     are contract events, and never with the IPC event object.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  EVENT_CHANNEL,
  INVOKE_CHANNELS,
  INVOKE_METHODS,
  isDesktopEvent,
  type InvokeMethod,
} from '../../shared/bridge/channels';
import { BRIDGE_CONTRACT } from '../../shared/bridge/contract';
import { createIpcDesktopApi } from '../../shared/bridge/ipc-client';
import { checkExternalUrl } from '../../shared/bridge/rules';
import { registerIpcHandlers, type BridgeServices, type InvokeEventLike } from '../../main/ipc/handlers';
import { createRendererHandler } from '../../main/protocol/serve-renderer';
import {
  hardenWebContents,
  type HardenableWebContents,
  type NavigationEventLike,
} from '../../main/security/navigation';
import { appOrigin } from '../../main/security/origin';
import {
  ALLOWED_PERMISSIONS,
  installPermissionHandlers,
  type PermissionSessionLike,
} from '../../main/security/permissions';
import { mainWindowOptions } from '../../main/security/window-options';
import { RUN_SEED } from './support/scale';
import { recordFigures } from './support/figures';

const RUNS = 300;
const fcOptions = { numRuns: RUNS, seed: RUN_SEED };
const { isAppUrl } = appOrigin();
const tried: Record<string, number> = {};
const count = (what: string) => {
  tried[what] = (tried[what] ?? 0) + 1;
};

afterAll(() => {
  const total = Object.values(tried).reduce((a, b) => a + b, 0);
  console.log(
    `electron hardening: ${total} generated inputs (${Object.entries(tried)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
  );
  recordFigures('electron', { total, tried });
});

/** URLs an attacker (or a bug) could put in front of the app. */
const urls = fc.oneof(
  fc.webUrl({ withFragments: true, withQueryParameters: true }),
  fc.constantFrom(
    'app://tam/index.html',
    'app://tam/#/customers',
    'app://tam',
    'app://TAM/index.html',
    'app://tam.evil.example/',
    'app://evil/index.html',
    'app://x@tam/index.html',
    'app://tam:80/index.html',
    'app://tam%2F@evil/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    'mailto:it@example.com?subject=x',
    'smb://host/share',
    'ms-msdt:/id PCWDiagnostic',
    'https://user:pass@example.com/',
    'http://127.0.0.1:4780/',
    'https://example.com/\u202Egpj.exe',
    '',
    'not a url',
  ),
  fc.string({ maxLength: 60 }),
);

describe('window', () => {
  it('webPreferences: exactly the reviewed keys, each with its safe value', () => {
    const prefs =
      mainWindowOptions({ preloadPath: '/app/preload.cjs', devTools: false }).webPreferences ?? {};
    expect(prefs).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      devTools: false,
    });
  });
});

describe('packaged binary', () => {
  it('electron-builder.yml ships asar only and locks the Electron fuses down', () => {
    const yml = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');
    const value = (key: string) => new RegExp(`^\\s*${key}:\\s*(\\S+)`, 'm').exec(yml)?.[1];
    expect(value('asar')).toBe('true');
    const fuses = {
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      enableCookieEncryption: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    };
    expect(yml).toMatch(/^electronFuses:/m);
    for (const [fuse, expected] of Object.entries(fuses)) expect(value(fuse), fuse).toBe(expected);
  });
});

describe('IPC', () => {
  function setup() {
    const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
    const services = Object.fromEntries(
      INVOKE_METHODS.map((m) => [m, vi.fn(async () => undefined)]),
    ) as unknown as BridgeServices & Record<InvokeMethod, ReturnType<typeof vi.fn>>;
    const APP_ID = 7;
    registerIpcHandlers(
      {
        handle: (channel, listener) => void handlers.set(channel, listener),
        removeHandler: (channel) => void handlers.delete(channel),
      },
      services,
      { appWebContentsId: () => APP_ID, isAppUrl },
    );
    const fromApp: InvokeEventLike = {
      sender: { id: APP_ID },
      senderFrame: { url: 'app://tam/index.html', parent: null },
    };
    return { handlers, services, APP_ID, fromApp };
  }

  it.each(INVOKE_METHODS)('%s: a service runs only with arguments the contract accepts', async (method) => {
    const s = setup();
    const handler = s.handlers.get(INVOKE_CHANNELS[method])!;
    expect(handler).toBeDefined();
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.anything(),
            fc.jsonValue(),
            fc.record({
              method: fc.constantFrom('GET', 'POST', 'PUT'),
              path: fc.string(),
              body: fc.anything(),
            }),
          ),
          { maxLength: 3 },
        ),
        async (args) => {
          count('ipc arguments');
          s.services[method].mockClear();
          const valid = BRIDGE_CONTRACT[method].args.safeParse(args).success;
          let threw = false;
          try {
            await handler(s.fromApp, ...args);
          } catch {
            threw = true;
          }
          if (!valid) {
            expect(threw).toBe(true);
            expect(s.services[method]).not.toHaveBeenCalled();
          } else {
            expect(s.services[method]).toHaveBeenCalledTimes(1);
          }
        },
      ),
      fcOptions,
    );
  });

  it('refuses every sender but the main frame of the app window showing the app', async () => {
    const s = setup();
    const handler = s.handlers.get(INVOKE_CHANNELS.getAppInfo)!;
    const frames = fc.record({
      id: fc.oneof(fc.constant(s.APP_ID), fc.integer({ min: -1, max: 100 })),
      frame: fc.option(
        fc.record({
          url: urls,
          parent: fc.oneof(
            fc.constant(null),
            fc.constant({ url: 'app://tam/index.html', parent: null }),
            fc.constant({}),
          ),
        }),
        { nil: null },
      ),
    });
    await fc.assert(
      fc.asyncProperty(frames, async ({ id, frame }) => {
        count('ipc sender');
        s.services.getAppInfo.mockClear();
        const legit = id === s.APP_ID && frame !== null && frame.parent === null && isAppUrl(frame.url);
        let threw = false;
        try {
          await handler({ sender: { id }, senderFrame: frame });
        } catch (err) {
          threw = true;
          expect(String(err)).toMatch(/refused|invalid|outside the contract/);
        }
        if (!legit) {
          expect(threw).toBe(true);
          expect(s.services.getAppInfo).not.toHaveBeenCalled();
        } else expect(s.services.getAppInfo).toHaveBeenCalled();
      }),
      fcOptions,
    );
  });

  it('isAppUrl accepts only app://tam, parsed, without credentials or port', () => {
    fc.assert(
      fc.property(urls, (url) => {
        count('app origin');
        if (!isAppUrl(url)) return;
        const u = new URL(url);
        expect(u.protocol).toBe('app:');
        expect(u.host).toBe('tam');
        expect(u.username + u.password).toBe('');
      }),
      fcOptions,
    );
  });
});

describe('navigation, new windows and permissions', () => {
  it('arbitrary URLs: only the app navigates; only checked links reach the OS browser; window.open never opens a window', () => {
    const handlers = new Map<string, (arg: never) => void>();
    let windowOpen: ((d: { url: string }) => { action: 'deny' }) | null = null;
    const contents: HardenableWebContents = {
      on: ((event: string, listener: (arg: never) => void) =>
        void handlers.set(event, listener)) as HardenableWebContents['on'],
      setWindowOpenHandler: (h) => {
        windowOpen = h;
      },
    };
    const openExternal = vi.fn();
    hardenWebContents(contents, { isAppUrl, openExternal });
    fc.assert(
      fc.property(
        urls,
        fc.constantFrom('will-navigate', 'will-frame-navigate', 'will-redirect', 'window-open'),
        fc.boolean(),
        (url, event, isMainFrame) => {
          count('navigation');
          openExternal.mockClear();
          if (event === 'window-open') {
            expect(windowOpen!({ url })).toEqual({ action: 'deny' });
          } else {
            const preventDefault = vi.fn();
            handlers.get(event)!({ url, isMainFrame, preventDefault } satisfies NavigationEventLike as never);
            const leftToWillNavigate = event === 'will-frame-navigate' && isMainFrame;
            if (!isAppUrl(url) && !leftToWillNavigate) expect(preventDefault).toHaveBeenCalled();
            if (isAppUrl(url)) expect(preventDefault).not.toHaveBeenCalled();
          }
          for (const [opened] of openExternal.mock.calls as [string][]) {
            const checked = checkExternalUrl(url);
            expect(checked.ok && checked.value === opened).toBe(true);
            expect(['will-navigate', 'window-open']).toContain(event);
            expect(/^(https?|mailto):/.test(opened)).toBe(true);
          }
        },
      ),
      fcOptions,
    );
  });

  it('arbitrary permission requests: granted only from the app, and only the reviewed ones', () => {
    expect([...ALLOWED_PERMISSIONS].sort()).toEqual(['notifications', 'persistent-storage']);
    let request: Parameters<PermissionSessionLike['setPermissionRequestHandler']>[0] | null = null;
    let check: Parameters<PermissionSessionLike['setPermissionCheckHandler']>[0] | null = null;
    installPermissionHandlers(
      { setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: (h) => (check = h) },
      isAppUrl,
    );
    const permissions = fc.oneof(
      fc.constantFrom(
        'notifications',
        'persistent-storage',
        'media',
        'geolocation',
        'clipboard-read',
        'clipboard-sanitized-write',
        'display-capture',
        'hid',
        'serial',
        'usb',
        'midiSysex',
        'openExternal',
        'fileSystem',
        'pointerLock',
        'fullscreen',
        'idle-detection',
        'storage-access',
        'window-management',
        '__proto__',
        'constructor',
      ),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(permissions, urls, (permission, url) => {
        count('permission');
        let granted: boolean | undefined;
        request!({ getURL: () => url }, permission, (g) => (granted = g), { requestingUrl: url });
        const expected = ALLOWED_PERMISSIONS.has(permission) && isAppUrl(url);
        expect(granted).toBe(expected);
        expect(check!({ getURL: () => url }, permission, url)).toBe(expected);
      }),
      fcOptions,
    );
  });
});

describe('app:// protocol', () => {
  let base: string;
  let handler: (request: Request) => Promise<Response>;
  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'tam-harden-'));
    const root = path.join(base, 'renderer');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), 'INDEX');
    await writeFile(path.join(root, 'assets', 'app.js'), 'APP');
    await writeFile(path.join(base, 'secret.txt'), 'SECRET');
    await mkdir(path.join(base, 'renderer-evil'));
    await writeFile(path.join(base, 'renderer-evil', 'x.js'), 'SECRET');
    await symlink(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.js'));
    handler = createRendererHandler({ rootDir: root });
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('arbitrary paths never serve a file outside the bundle, and foreign initiators get nothing', async () => {
    const segment = fc.oneof(
      fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2E%2E',
        '%252e%252e',
        '..%2f',
        '..%5c',
        '%00',
        'index.html',
        'assets',
        'app.js',
        'link.js',
        'secret.txt',
        'renderer-evil',
        'x.js',
        '',
        '%c0%ae',
        '\\..',
      ),
      fc.string({ maxLength: 12 }).map(encodeURIComponent),
    );
    const paths = fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => `/${parts.join('/')}`);
    await fc.assert(
      fc.asyncProperty(
        paths,
        fc.constantFrom(undefined, 'app://tam', 'https://evil.example', null),
        fc.constantFrom('GET', 'HEAD', 'POST'),
        async (p, initiator, method) => {
          count('protocol path');
          const request = new Request(`http://tam${p}`, { method });
          Object.defineProperty(request, 'url', { value: `app://tam${p}` });
          if (initiator !== undefined)
            Object.defineProperty(request, 'initiatorOrigin', { value: initiator });
          let res: Response;
          try {
            res = await handler(request);
          } catch (err) {
            throw new Error(`the handler threw for ${p}: ${String(err)}`);
          }
          const body = method === 'HEAD' ? '' : await res.text();
          expect(body, p).not.toContain('SECRET');
          expect(res.headers.get('content-security-policy'), p).toMatch(/default-src 'self'/);
          // Refused before anything is read: a foreign initiator (403) or a method that is not GET/HEAD (405).
          if (initiator !== undefined && initiator !== 'app://tam')
            expect([403, 405], p).toContain(res.status);
          if (method === 'POST') expect(res.status).toBe(405);
          if (res.status === 200 && method === 'GET') expect(['INDEX', 'APP']).toContain(body);
        },
      ),
      fcOptions,
    );
  });
});

describe('preload', () => {
  it('arbitrary payloads on the event channel reach the page only as contract events, never with the IPC event', () => {
    let onEvent: ((event: unknown, ...args: unknown[]) => void) | null = null;
    const ipc = {
      invoke: vi.fn(async () => undefined),
      on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
        expect(channel).toBe(EVENT_CHANNEL);
        onEvent = listener;
      },
      removeListener: () => undefined,
    };
    const api = createIpcDesktopApi(ipc);
    const received: unknown[][] = [];
    api.onEvent((...args: unknown[]) => received.push(args));
    const ipcEvent = { sender: { send: () => undefined }, ports: [] };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record(
            { type: fc.constantFrom('power-resume', 'sync-poke', 'session-expired', '__proto__', 'x') },
            { requiredKeys: [] },
          ),
        ),
        (payload) => {
          count('preload event');
          received.length = 0;
          onEvent!(ipcEvent, payload);
          if (!isDesktopEvent(payload)) expect(received).toEqual([]);
          else {
            expect(received).toEqual([[{ type: (payload as { type: string }).type }]]);
            expect(received[0]![0]).not.toBe(payload);
          }
          expect(JSON.stringify(received)).not.toContain('sender');
        },
      ),
      fcOptions,
    );
  });
});
