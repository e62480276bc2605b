// Wires the main-process services to Electron. Electron's modules are passed in (main.ts
// passes the real ones), so this wiring, and every option it hands to Electron, is
// unit-tested with fakes under plain Node.
import type * as Electron from 'electron';
import path from 'node:path';
import { EVENT_CHANNEL } from '../shared/bridge/channels';
import { bridgeError, ErrorCodes } from '../shared/bridge/errors';
import { checkExternalUrl } from '../shared/bridge/rules';
import type { DesktopEvent } from '../shared/bridge/schemas';
import { createSessionCore, type SessionCore } from '../shared/bridge/session-core';
import { createApiFetch } from './api/api-client';
import { TokenStore } from './auth/token-store';
import { readMainConfig, type MainConfig } from './config';
import { registerIpcHandlers, type BridgeServices } from './ipc/handlers';
import { createNotifier } from './notify/notifier';
import { createPdfService, PDF_PARTITION } from './reports/pdf-service';
import { APP_SCHEME_PRIVILEGES, createRendererHandler } from './protocol/serve-renderer';
import { hardenWebContents } from './security/navigation';
import { APP_SCHEME, appOrigin } from './security/origin';
import { installPermissionHandlers } from './security/permissions';
import { mainWindowOptions } from './security/window-options';
import { createEventStreamOpener } from './sync/events-connection';

export type ElectronModules = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'ipcMain' | 'protocol' | 'session' | 'shell' | 'safeStorage' | 'powerMonitor' | 'Notification' | 'net' | 'dialog'
>;

export interface StartOptions {
  env: Readonly<Record<string, string | undefined>>;
  argv: readonly string[];
  /** out/main/preload.cjs */
  preloadPath: string;
  /** out/renderer */
  rendererDir: string;
  platform?: NodeJS.Platform;
  log?(message: string): void;
}

export interface DesktopApp {
  config: MainConfig;
  /** Resolves once the window is created (never, if another instance holds the lock). */
  ready: Promise<void>;
}

/** Windows ties notifications to this id; it matches appId in electron-builder.yml. */
export const APP_USER_MODEL_ID = 'com.tamworkstation.desktop';

export function startDesktopApp(electron: ElectronModules, options: StartOptions): DesktopApp {
  const { app, BrowserWindow, ipcMain, protocol, session, shell, safeStorage, powerMonitor, Notification, net, dialog } = electron;
  const log = options.log ?? ((message: string) => console.log(`[tam] ${message}`));
  const platform = options.platform ?? process.platform;
  const config = readMainConfig(options.env, options.argv);
  for (const warning of config.warnings) log(warning);

  // Before anything reads userData: the profile directory, and with it the instance lock.
  if (config.userDataDir) app.setPath('userData', path.resolve(config.userDataDir));

  // A second start focuses the running window instead of opening a second replica writer.
  if (!app.requestSingleInstanceLock()) {
    log('TAM Workstation is already running; focusing its window.');
    app.quit();
    return { config, ready: new Promise<void>(() => {}) };
  }

  // Both must happen before 'ready'.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  const origin = appOrigin(config.devUrl);
  let win: Electron.BrowserWindow | null = null;
  let core: SessionCore | null = null;

  const openExternal = (url: string): void => {
    shell.openExternal(url).catch((err: unknown) => log(`could not open ${url}: ${String(err)}`));
  };

  const focusWindow = (): void => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };

  const sendEvent = (event: DesktopEvent): void => {
    if (!win || win.isDestroyed()) return;
    const contents = win.webContents;
    // Only ever to the app's own page.
    if (!origin.isAppUrl(contents.getURL())) return;
    contents.send(EVENT_CHANNEL, event);
  };

  app.on('second-instance', focusWindow);

  // Every webContents (the window, and anything that might ever be created) is hardened.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { isAppUrl: origin.isAppUrl, openExternal, log });
  });

  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });

  app.on('before-quit', () => core?.dispose());

  const createWindow = (): Electron.BrowserWindow => {
    const window = new BrowserWindow(mainWindowOptions({ preloadPath: options.preloadPath, devTools: !app.isPackaged }));
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      if (win === window) win = null;
    });
    void window.loadURL(origin.entryUrl).catch((err: unknown) => log(`could not load ${origin.entryUrl}: ${String(err)}`));
    return window;
  };

  const ready = app.whenReady().then(async () => {
    installPermissionHandlers(session.defaultSession, origin.isAppUrl);
    protocol.handle(APP_SCHEME, createRendererHandler({ rootDir: options.rendererDir, log }));

    const store = new TokenStore({
      filePath: path.join(app.getPath('userData'), 'session.json'),
      safeStorage,
      platform,
      log,
    });
    // net.fetch: Chromium's network stack, so the system proxy and certificates apply.
    const netFetch = (input: string, init?: RequestInit) => net.fetch(input, init);
    core = createSessionCore({
      fetch: createApiFetch({ fetch: netFetch }),
      store,
      openEventStream: createEventStreamOpener({ fetch: netFetch }),
      schedule: (fn, ms) => {
        const timer = setTimeout(fn, ms);
        return () => clearTimeout(timer);
      },
      emit: sendEvent,
      now: Date.now,
      log,
    });
    const session_ = core;
    const notifier = createNotifier(Notification, focusWindow);
    // Report PDFs: a hidden print window per document (see main/reports/pdf-service.ts).
    const pdf = createPdfService({
      createWindow: (windowOptions) => new BrowserWindow(windowOptions),
      session: () => session.fromPartition(PDF_PARTITION),
      showSaveDialog: (dialogOptions) => (win && !win.isDestroyed() ? dialog.showSaveDialog(win, dialogOptions) : dialog.showSaveDialog(dialogOptions)),
      defaultDir: () => app.getPath('documents'),
      locale: () => app.getLocale(),
      log,
    });

    const services: BridgeServices = {
      getAppInfo: () => ({
        version: app.getVersion(),
        platform,
        locale: app.getLocale(),
        runtime: 'electron',
        ...(config.defaultServerUrl ? { defaultServerUrl: config.defaultServerUrl } : {}),
      }),
      openExternal: async (url) => {
        const checked = checkExternalUrl(url);
        if (!checked.ok) return checked;
        try {
          await shell.openExternal(checked.value);
          return { ok: true };
        } catch (err) {
          return {
            ok: false,
            error: bridgeError(ErrorCodes.openFailed, `No browser could open ${checked.value} (${String(err)}). Copy the link instead.`),
          };
        }
      },
      notify: (args) => notifier.notify(args),
      signIn: (args) => session_.signIn(args),
      getSession: () => session_.getSession(),
      signOut: () => session_.signOut(),
      apiRequest: (request) => session_.apiRequest(request),
      savePdf: (args) => pdf.savePdf(args),
      renderPdf: (args) => pdf.renderPdf(args),
    };
    registerIpcHandlers(
      ipcMain,
      services,
      { appWebContentsId: () => (win && !win.isDestroyed() ? win.webContents.id : undefined), isAppUrl: origin.isAppUrl },
      log,
    );

    powerMonitor.on('resume', () => {
      sendEvent({ type: 'power-resume' });
      session_.reconnectEvents();
    });

    win = createWindow();
    app.on('activate', () => {
      if (!win) win = createWindow();
    });
    await session_.start();
  });

  return { config, ready };
}
