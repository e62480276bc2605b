// Wires the main-process services to Electron. Electron's modules are passed in (main.ts
// passes the real ones), so this wiring, and every option it hands to Electron, is
// unit-tested with fakes under plain Node.
import type * as Electron from 'electron';
import path from 'node:path';
import { EVENT_CHANNEL } from '../shared/bridge/channels';
import {
  DEEP_LINK_SCHEME,
  findDeepLink,
  parseDeepLink,
  type DeepLinkTarget,
} from '../shared/bridge/deep-link';
import { bridgeError, ErrorCodes } from '../shared/bridge/errors';
import { checkExternalUrl } from '../shared/bridge/rules';
import type { DesktopEvent } from '../shared/bridge/schemas';
import { createSessionCore, type SessionCore } from '../shared/bridge/session-core';
import { aboutDialog } from './about';
import { createApiFetch } from './api/api-client';
import { ReplicaKeyStore } from './auth/replica-key-store';
import { TokenStore } from './auth/token-store';
import { readMainConfig, type MainConfig } from './config';
import { registerIpcHandlers, type BridgeServices } from './ipc/handlers';
import { SHELL_STRINGS, shellLanguage, type ShellLanguage } from './menu/strings';
import { applicationMenuTemplate, contextMenuTemplate } from './menu/template';
import { createNotifier } from './notify/notifier';
import { createPdfService, PDF_PARTITION } from './reports/pdf-service';
import { APP_SCHEME_PRIVILEGES, createRendererHandler } from './protocol/serve-renderer';
import { hardenWebContents } from './security/navigation';
import { APP_SCHEME, appOrigin } from './security/origin';
import { installPermissionHandlers } from './security/permissions';
import { mainWindowOptions } from './security/window-options';
import { createEventStreamOpener } from './sync/events-connection';
import { createUpdateController, type AutoUpdaterLike, type UpdateController } from './updates/updater';
import {
  chooseWindowPlacement,
  loadWindowState,
  recordWindowState,
  saveWindowState,
  type WindowState,
} from './window/window-state';

export type ElectronModules = Pick<
  typeof Electron,
  | 'app'
  | 'BrowserWindow'
  | 'ipcMain'
  | 'protocol'
  | 'session'
  | 'shell'
  | 'safeStorage'
  | 'powerMonitor'
  | 'Notification'
  | 'net'
  | 'dialog'
  | 'Menu'
  | 'screen'
  | 'crashReporter'
>;

/** The app's log (main/logging.ts over electron-log in main.ts). */
export interface StartLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
  fromWindow(level: 'info' | 'warn' | 'error', message: string): void;
  folder(): string;
}

export interface StartOptions {
  env: Readonly<Record<string, string | undefined>>;
  argv: readonly string[];
  /** out/main/preload.cjs */
  preloadPath: string;
  /** out/renderer */
  rendererDir: string;
  platform?: NodeJS.Platform;
  log?(message: string): void;
  /** The log file (Help > Open logs folder, the window's log lines); console otherwise. */
  appLog?: StartLog;
  /** electron-updater's autoUpdater (installed builds only). */
  autoUpdater?: AutoUpdaterLike;
  /** Runtime versions for the About dialog (process.versions). */
  versions?: { electron?: string; chrome?: string; node?: string };
  /** The app icon shown with notifications (assets/notification.png). */
  notificationIcon?: string;
  /** --version prints here (process.stdout). */
  print?(text: string): void;
}

export interface DesktopApp {
  config: MainConfig;
  /** Resolves once the window is created (never, if another instance holds the lock). */
  ready: Promise<void>;
}

/** Windows ties notifications to this id; it matches appId in electron-builder.yml. */
export const APP_USER_MODEL_ID = 'com.tamworkstation.desktop';

export function startDesktopApp(electron: ElectronModules, options: StartOptions): DesktopApp {
  const {
    app,
    BrowserWindow,
    ipcMain,
    protocol,
    session,
    shell,
    safeStorage,
    powerMonitor,
    Notification,
    net,
    dialog,
    Menu,
    screen,
    crashReporter,
  } = electron;
  const appLog = options.appLog;
  const log =
    options.log ??
    (appLog
      ? (message: string) => appLog.info(message)
      : (message: string) => console.log(`[tam] ${message}`));
  const platform = options.platform ?? process.platform;
  const config = readMainConfig(options.env, options.argv, { isPackaged: app.isPackaged });

  if (config.printVersion) {
    (options.print ?? ((text: string) => process.stdout.write(text)))(`${app.getVersion()}\n`);
    app.exit(0);
    return { config, ready: new Promise<void>(() => {}) };
  }
  for (const warning of config.warnings) log(warning);
  // Installed builds: nobody attaches a debugger to the window holding the user's token.
  for (const name of config.refusedSwitches) app.commandLine.removeSwitch(name);

  // Before anything reads userData: the profile directory, and with it the instance lock.
  if (config.userDataDir) app.setPath('userData', path.resolve(config.userDataDir));

  // A second start focuses the running window instead of opening a second replica writer
  // (its command line, with any deep link, reaches the first one as 'second-instance').
  if (!app.requestSingleInstanceLock()) {
    log('TAM Workstation is already running; focusing its window.');
    app.quit();
    return { config, ready: new Promise<void>(() => {}) };
  }

  // Minidumps stay in the profile's Crashpad folder unless an upload address is configured.
  crashReporter.start({
    uploadToServer: config.crashUploadUrl !== undefined,
    submitURL: config.crashUploadUrl ?? '',
    compress: true,
    ignoreSystemCrashHandler: true,
  });

  // Both must happen before 'ready'.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  // tam-workstation:// links open this app (Linux registers through the .desktop file the
  // package installs; development builds are not registered).
  if (app.isPackaged && !app.isDefaultProtocolClient(DEEP_LINK_SCHEME))
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);

  const origin = appOrigin(config.devUrl);
  let win: Electron.BrowserWindow | null = null;
  let core: SessionCore | null = null;
  let updates: UpdateController | null = null;
  let language: ShellLanguage = shellLanguage(app.getLocale());
  let unsentChanges = 0;
  /** The window's page has subscribed (its first reportStatus); until then links wait. */
  let windowListening = false;
  let pendingOpen: DeepLinkTarget | null = findDeepLink(options.argv);
  let windowState: WindowState | null = null;
  const windowStateFile = (): string => path.join(app.getPath('userData'), 'window-state.json');

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

  /** Shows a view (deep link, notification click), now or once the page listens. */
  const openTarget = (target: DeepLinkTarget): void => {
    focusWindow();
    if (win && windowListening) sendEvent({ type: 'open', target });
    else pendingOpen = target;
  };

  app.on('second-instance', (_event, argv) => {
    focusWindow();
    const target = Array.isArray(argv) ? findDeepLink(argv) : null;
    if (target) openTarget(target);
  });

  // macOS hands links over here (also the one that started the app).
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const target = parseDeepLink(url);
    if (target) openTarget(target);
    else log('ignored a tam-workstation link that names no incident or customer');
  });

  // Every webContents (the window, and anything that might ever be created) is hardened.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { isAppUrl: origin.isAppUrl, openExternal, log });
  });

  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });

  app.on('before-quit', () => {
    core?.dispose();
    updates?.stop();
  });

  const showAbout = (): void => {
    const about = aboutDialog(language, {
      version: app.getVersion(),
      electron: options.versions?.electron ?? '',
      chrome: options.versions?.chrome ?? '',
      node: options.versions?.node ?? '',
    });
    const shown =
      win && !win.isDestroyed()
        ? dialog.showMessageBox(win, { type: 'info', ...about })
        : dialog.showMessageBox({ type: 'info', ...about });
    void shown.catch(() => undefined);
  };

  const installMenu = (): void => {
    const template = applicationMenuTemplate({
      platform,
      language,
      isPackaged: app.isPackaged,
      actions: {
        about: showAbout,
        openLogsFolder: () => {
          const folder = appLog?.folder();
          if (!folder) return;
          void shell.openPath(folder).then((problem) => {
            if (problem) log(`could not open the logs folder: ${problem}`);
          });
        },
        showShortcuts: () => {
          focusWindow();
          sendEvent({ type: 'menu-command', command: 'shortcuts' });
        },
        checkForUpdates: () => void updates?.checkNow(),
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  /** A crashed or frozen page: the replica and the outbox are on disk, so a reload is safe. */
  const offerReload = (window: Electron.BrowserWindow, kind: 'crashed' | 'unresponsive'): void => {
    const s = SHELL_STRINGS[language];
    const buttons = kind === 'crashed' ? [s.reloadWindow, s.quitApp] : [s.reloadWindow, s.wait];
    void dialog
      .showMessageBox(window, {
        type: 'warning',
        title: kind === 'crashed' ? s.crashedTitle : s.unresponsiveTitle,
        message: kind === 'crashed' ? s.crashed : s.unresponsive,
        buttons,
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      })
      .then(({ response }) => {
        if (window.isDestroyed()) return;
        if (response === 0) {
          windowListening = false;
          if (kind === 'unresponsive') window.webContents.forcefullyCrashRenderer();
          void window
            .loadURL(origin.entryUrl)
            .catch((err: unknown) => log(`could not reload ${origin.entryUrl}: ${String(err)}`));
        } else if (kind === 'crashed') {
          app.quit();
        }
      })
      .catch(() => undefined);
  };

  const rememberPlacement = (window: Electron.BrowserWindow): void => {
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    const bounds = window.getNormalBounds();
    windowState = recordWindowState(
      windowState ?? { version: 1, lastDisplay: null, byDisplay: {} },
      screen.getDisplayMatching(bounds),
      bounds,
      window.isMaximized(),
    );
    void saveWindowState(windowStateFile(), windowState).catch((err: unknown) =>
      log(`could not save the window position: ${String(err)}`),
    );
  };

  const createWindow = (): Electron.BrowserWindow => {
    const placement = windowState
      ? chooseWindowPlacement(windowState, screen.getAllDisplays(), screen.getPrimaryDisplay())
      : null;
    const window = new BrowserWindow(
      mainWindowOptions({
        preloadPath: options.preloadPath,
        devTools: !app.isPackaged,
        bounds: placement?.bounds,
      }),
    );
    window.once('ready-to-show', () => {
      if (placement?.maximized) window.maximize();
      window.show();
    });
    window.on('closed', () => {
      if (win === window) win = null;
      windowListening = false;
    });
    let saveTimer: ReturnType<typeof setTimeout> | null = null;
    const saveSoon = (): void => {
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = setTimeout(() => rememberPlacement(window), 500);
    };
    window.on('resize', saveSoon);
    window.on('move', saveSoon);
    window.on('maximize', saveSoon);
    window.on('unmaximize', saveSoon);
    window.on('close', () => {
      if (saveTimer) clearTimeout(saveTimer);
      rememberPlacement(window);
    });
    window.on('unresponsive', () => {
      log('the window stopped responding');
      offerReload(window, 'unresponsive');
    });
    const contents = window.webContents;
    contents.on('did-start-loading', () => {
      windowListening = false;
    });
    contents.on('render-process-gone', (_event, details) => {
      windowListening = false;
      log(`the window's renderer process ended (${details.reason}, exit code ${details.exitCode})`);
      if (details.reason !== 'clean-exit') offerReload(window, 'crashed');
    });
    contents.on('context-menu', (_event, params) => {
      const template = contextMenuTemplate(params, language, {
        replaceMisspelling: (word) => contents.replaceMisspelling(word),
        addToDictionary: (word) => contents.session.addWordToSpellCheckerDictionary(word),
      });
      if (template) Menu.buildFromTemplate(template).popup({ window });
    });
    void window
      .loadURL(origin.entryUrl)
      .catch((err: unknown) => log(`could not load ${origin.entryUrl}: ${String(err)}`));
    return window;
  };

  const ready = app.whenReady().then(async () => {
    installPermissionHandlers(session.defaultSession, origin.isAppUrl);
    protocol.handle(APP_SCHEME, createRendererHandler({ rootDir: options.rendererDir, log }));
    installMenu();

    const store = new TokenStore({
      filePath: path.join(app.getPath('userData'), 'session.json'),
      safeStorage,
      platform,
      log,
    });
    // The offline data's key per user, under the same OS keyring as the tokens.
    const replicaKeys = new ReplicaKeyStore({
      filePath: path.join(app.getPath('userData'), 'replica-keys.json'),
      safeStorage,
      canUseKeyring: () => store.canPersistTokens(),
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
    const notifier = createNotifier(
      Notification,
      (target) => {
        if (target) openTarget(target);
        else focusWindow();
      },
      options.notificationIcon,
    );
    // Report PDFs: a hidden print window per document (see main/reports/pdf-service.ts).
    const pdf = createPdfService({
      createWindow: (windowOptions) => new BrowserWindow(windowOptions),
      session: () => session.fromPartition(PDF_PARTITION),
      showSaveDialog: (dialogOptions) =>
        win && !win.isDestroyed()
          ? dialog.showSaveDialog(win, dialogOptions)
          : dialog.showSaveDialog(dialogOptions),
      defaultDir: () => app.getPath('documents'),
      locale: () => app.getLocale(),
      log,
    });

    if (options.autoUpdater && app.isPackaged) {
      const s = (): (typeof SHELL_STRINGS)[ShellLanguage] => SHELL_STRINGS[language];
      const box = (boxOptions: Electron.MessageBoxOptions) =>
        win && !win.isDestroyed()
          ? dialog.showMessageBox(win, boxOptions)
          : dialog.showMessageBox(boxOptions);
      updates = createUpdateController({
        updater: options.autoUpdater,
        serverUrl: async () => (await session_.getSession())?.serverUrl ?? config.defaultServerUrl ?? null,
        unsentChanges: () => unsentChanges,
        currentVersion: app.getVersion(),
        prompts: {
          offerRestart: async ({ version, unsent }) => {
            const { response } = await box({
              type: 'info',
              title: s().updateReadyTitle,
              message: s().updateReady(version),
              ...(unsent > 0 ? { detail: s().updateUnsent(unsent) } : {}),
              buttons: [unsent > 0 ? s().restartAnyway : s().restartNow, s().later],
              // With unsent changes the safe answer is the default one.
              defaultId: unsent > 0 ? 1 : 0,
              cancelId: 1,
              noLink: true,
            });
            return response === 0 ? 'restart' : 'later';
          },
          upToDate: (version) =>
            void box({
              type: 'info',
              title: s().upToDateTitle,
              message: s().upToDate(version),
              buttons: [s().ok],
            }).catch(() => undefined),
          checkFailed: () =>
            void box({
              type: 'warning',
              title: s().updateFailedTitle,
              message: s().updateFailed,
              buttons: [s().ok],
            }).catch(() => undefined),
        },
        schedule: (fn, ms) => {
          const timer = setTimeout(fn, ms);
          return () => clearTimeout(timer);
        },
        log,
      });
    }

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
            error: bridgeError(
              ErrorCodes.openFailed,
              `No browser could open ${checked.value} (${String(err)}). Copy the link instead.`,
            ),
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
      reportStatus: (status) => {
        if (status.language && status.language !== language) {
          language = status.language;
          installMenu();
        }
        // macOS dock and Linux launchers; Windows shows no count on the taskbar button.
        if (status.badgeCount !== undefined) app.setBadgeCount(status.badgeCount);
        if (status.unsentChanges !== undefined) unsentChanges = status.unsentChanges;
        if (!windowListening) {
          windowListening = true;
          const target = pendingOpen;
          pendingOpen = null;
          if (target) sendEvent({ type: 'open', target });
        }
      },
      log: ({ level, message }) => {
        if (appLog) appLog.fromWindow(level, message);
        else log(`[window ${level}] ${message}`);
      },
      // The key of the identity this window opens (signed in, or remembered for offline work).
      getReplicaKey: async () => {
        const current = await session_.getSession();
        if (!current) {
          return {
            ok: false,
            error: bridgeError(
              ErrorCodes.notSignedIn,
              'Nobody is signed in on this computer. Sign in first.',
            ),
          };
        }
        let origin = current.serverUrl;
        try {
          origin = new URL(current.serverUrl).origin;
        } catch {
          // Kept as given: the same string names the same key next time.
        }
        return replicaKeys.keyFor(origin, current.user.id);
      },
    };
    registerIpcHandlers(
      ipcMain,
      services,
      {
        appWebContentsId: () => (win && !win.isDestroyed() ? win.webContents.id : undefined),
        isAppUrl: origin.isAppUrl,
      },
      log,
    );

    powerMonitor.on('resume', () => {
      sendEvent({ type: 'power-resume' });
      session_.reconnectEvents();
    });

    windowState = await loadWindowState(windowStateFile());
    win = createWindow();
    app.on('activate', () => {
      if (!win) win = createWindow();
    });
    await session_.start();
    updates?.start();
  });

  return { config, ready };
}
