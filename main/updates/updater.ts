// Updates from the central server: electron-updater's generic provider pointed at
// {server}/updates/ (the API started with --updates-dir serves latest*.yml and the release
// files there). Checks at start and every 6 hours, downloads in the background, and offers
// "restart to update" once per downloaded version; when the outbox holds unsent changes the
// offer says how many and lets the user wait. Everything Electron is injected, so the flow is
// unit-tested with fakes.

/** The part of electron-updater's AppUpdater used here. */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'update-not-available', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export type RestartChoice = 'restart' | 'later';

export interface UpdatePrompts {
  /** "Version X is ready; restart?" — with the unsent-changes warning when unsent > 0. */
  offerRestart(args: { version: string; unsent: number }): Promise<RestartChoice>;
  /** After a check the user asked for: nothing newer. */
  upToDate(currentVersion: string): void;
  /** After a check the user asked for: it failed. */
  checkFailed(): void;
}

export interface UpdateControllerOptions {
  updater: AutoUpdaterLike;
  /** The server to ask: the signed-in server, else the default one; null when none is known. */
  serverUrl(): Promise<string | null> | string | null;
  /** Changes made here the server has not confirmed (reported by the window). */
  unsentChanges(): number;
  prompts: UpdatePrompts;
  currentVersion: string;
  schedule(fn: () => void, ms: number): () => void;
  intervalMs?: number;
  log(message: string): void;
}

export interface UpdateController {
  /** First check now, then every interval. */
  start(): void;
  /** "Check for updates…" from the menu: says the outcome even when there is nothing new. */
  checkNow(): Promise<void>;
  /** The downloaded version waiting for a restart, if any. */
  readonly downloaded: string | null;
  stop(): void;
}

export const UPDATE_INTERVAL_MS = 6 * 60 * 60 * 1000;

export function updatesFeedUrl(serverUrl: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/updates/`;
}

export function createUpdateController(options: UpdateControllerOptions): UpdateController {
  const { updater, prompts, log } = options;
  const interval = options.intervalMs ?? UPDATE_INTERVAL_MS;
  let cancel: (() => void) | null = null;
  let stopped = false;
  let downloaded: string | null = null;
  let offered: string | null = null;
  let manual = false;
  let checking: Promise<void> | null = null;

  updater.autoDownload = true;
  // A version declined with "later" is installed when the app quits (the replica and the
  // outbox live in the profile, which an update keeps).
  updater.autoInstallOnAppQuit = true;

  const offer = async (version: string): Promise<void> => {
    if (offered === version || stopped) return;
    offered = version;
    const unsent = options.unsentChanges();
    const choice = await prompts.offerRestart({ version, unsent });
    log(
      `update ${version}: ${choice === 'restart' ? 'restarting to install' : 'installs when the app quits'}${unsent > 0 ? ` (${unsent} unsent changes)` : ''}`,
    );
    if (choice === 'restart' && !stopped) updater.quitAndInstall();
  };

  updater.on('update-downloaded', (info) => {
    downloaded = info.version;
    log(`update ${info.version} downloaded`);
    void offer(info.version);
  });
  updater.on('update-not-available', () => {
    if (manual) prompts.upToDate(options.currentVersion);
  });
  updater.on('error', (error) => {
    log(`update check failed: ${error.message.split('\n')[0]}`);
  });

  const check = (userAsked: boolean): Promise<void> => {
    if (checking) return checking;
    checking = (async () => {
      const server = await options.serverUrl();
      if (!server) {
        log('update check skipped: no server known yet (sign in first)');
        if (userAsked) prompts.checkFailed();
        return;
      }
      manual = userAsked;
      try {
        updater.setFeedURL({ provider: 'generic', url: updatesFeedUrl(server) });
        await updater.checkForUpdates();
        // Already downloaded earlier and declined: a manual check offers it again.
        if (userAsked && downloaded) {
          offered = null;
          await offer(downloaded);
        }
      } catch (err) {
        log(`update check failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
        if (userAsked) prompts.checkFailed();
      } finally {
        manual = false;
      }
    })().finally(() => {
      checking = null;
    });
    return checking;
  };

  const loop = (): void => {
    if (stopped) return;
    void check(false);
    cancel = options.schedule(loop, interval);
  };

  return {
    start() {
      if (cancel || stopped) return;
      loop();
    },
    checkNow: () => check(true),
    get downloaded() {
      return downloaded;
    },
    stop() {
      stopped = true;
      cancel?.();
      cancel = null;
    },
  };
}
