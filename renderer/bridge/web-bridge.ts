// The web implementation of the bridge contract, for when the page runs in a plain browser
// (browser mode, Chromium end-to-end tests). Same contract, same validation, same session
// logic (shared/bridge/session-core) as the desktop; what differs is where things live:
//   - the bearer token only in this page's memory (never localStorage: any script on the
//     origin could read it there); after a reload the user signs in again,
//   - the remembered identity (server address and user, no token) in localStorage, so an
//     offline start still opens the right replica,
//   - links via window.open (noopener), notifications via the Web Notification API,
//   - "power-resume" approximated by the page becoming visible after a long hidden period.
import {
  parseBridgeArgs,
  parseBridgeResult,
  type BridgeArgs,
  type BridgeResult,
} from '../../shared/bridge/contract';
import type { DesktopApi, DesktopEvent, DesktopEventListener } from '../../shared/bridge/desktop-api';
import { bridgeError, ErrorCodes } from '../../shared/bridge/errors';
import type { FetchLike } from '../../shared/bridge/api-calls';
import { checkExternalUrl, normalizeServerUrl } from '../../shared/bridge/rules';
import type { InvokeMethod } from '../../shared/bridge/channels';
import type { BackoffOptions } from '../../shared/bridge/event-stream';
import {
  createSessionCore,
  StoredIdentitySchema,
  type SessionStore,
  type StoredIdentity,
} from '../../shared/bridge/session-core';
import { createWebEventStreamOpener } from './web-events';

/** localStorage key of the remembered identity. */
export const IDENTITY_STORAGE_KEY = 'tam.session.v1';

/** The part of the Web Notification API used (injectable: not every test DOM has one). */
export interface NotificationApi {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options?: NotificationOptions): unknown;
}

export interface WebBridgeOptions {
  fetch?: typeof fetch;
  storage?: Storage;
  window?: Pick<Window, 'open' | 'addEventListener' | 'removeEventListener'>;
  document?: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
  notifications?: NotificationApi | null;
  version?: string;
  defaultServerUrl?: string;
  now?: () => number;
  /** A page hidden at least this long and shown again counts as a wake-up (default 5 min). */
  resumeAfterHiddenMs?: number;
  requestTimeoutMs?: number;
  eventBackoff?: Partial<BackoffOptions>;
}

export type WebBridge = DesktopApi & {
  /** Stops the event stream and page listeners (tests, hot reload). */
  dispose(): void;
};

/** Identity in localStorage, token in memory. */
export function createWebSessionStore(storage: Storage | undefined): SessionStore {
  const tokens = new Map<string, string>();
  const key = (id: StoredIdentity) => JSON.stringify([id.origin, id.user.id]);
  const write = (id: StoredIdentity | null) => {
    try {
      if (id) storage?.setItem(IDENTITY_STORAGE_KEY, JSON.stringify(id));
      else storage?.removeItem(IDENTITY_STORAGE_KEY);
    } catch {
      // Storage full or disabled (private mode): the session lasts until the page closes.
    }
  };
  return {
    async loadIdentity() {
      try {
        const raw = storage?.getItem(IDENTITY_STORAGE_KEY);
        if (!raw) return null;
        const parsed = StoredIdentitySchema.safeParse(JSON.parse(raw));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    async loadToken(id) {
      return tokens.get(key(id)) ?? null;
    },
    async save(id, token) {
      tokens.set(key(id), token);
      write(id);
    },
    async dropToken(id) {
      tokens.delete(key(id));
    },
    async clear(id) {
      tokens.delete(key(id));
      write(null);
    },
  };
}

function fetchWithTimeout(fetchFn: typeof fetch, timeoutMs: number): FetchLike {
  return async (url, init) => {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    );
    try {
      const res = await fetchFn(url, { ...init, signal: controller.signal, cache: 'no-store' });
      // Read the body inside the timeout too (bytes: a download stays binary); callers then read it from memory.
      const bytes = await res.arrayBuffer();
      return {
        status: res.status,
        headers: res.headers,
        text: async () => new TextDecoder().decode(bytes),
        arrayBuffer: async () => bytes,
      };
    } catch (err) {
      throw controller.signal.aborted && controller.signal.reason instanceof Error
        ? controller.signal.reason
        : err;
    } finally {
      clearTimeout(timer);
    }
  };
}

function pdfUnavailable() {
  return {
    ok: false as const,
    error: bridgeError(
      ErrorCodes.pdfUnavailable,
      'PDF files are made by the desktop app. In the browser, print the report view and choose "Save as PDF".',
    ),
  };
}

function defaultNotifications(): NotificationApi | null {
  return typeof Notification === 'undefined' ? null : Notification;
}

export function createWebBridge(options: WebBridgeOptions = {}): WebBridge {
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const storage = options.storage ?? (typeof localStorage === 'undefined' ? undefined : localStorage);
  const win = options.window ?? window;
  const doc = options.document ?? document;
  const notifications = options.notifications === undefined ? defaultNotifications() : options.notifications;
  const now = options.now ?? Date.now;
  const resumeAfterHiddenMs = options.resumeAfterHiddenMs ?? 5 * 60_000;

  const listeners = new Set<{ listener: DesktopEventListener }>();
  const emit = (event: DesktopEvent): void => {
    for (const { listener } of [...listeners]) {
      try {
        listener({ ...event });
      } catch (err) {
        // One failing listener must not starve the others.
        console.error('tamDesktop.onEvent listener failed', err);
      }
    }
  };

  const core = createSessionCore({
    fetch: fetchWithTimeout(fetchFn, options.requestTimeoutMs ?? 30_000),
    store: createWebSessionStore(storage),
    openEventStream: createWebEventStreamOpener(fetchFn),
    schedule: (fn, ms) => {
      const timer = setTimeout(fn, ms);
      return () => clearTimeout(timer);
    },
    emit,
    now,
    ...(options.eventBackoff ? { eventBackoff: options.eventBackoff } : {}),
  });
  void core.start();

  // Laptops sleep with the tab hidden; coming back after a long absence is our best signal.
  let hiddenSince: number | null = doc.visibilityState === 'hidden' ? now() : null;
  const onVisibility = (): void => {
    if (doc.visibilityState === 'hidden') {
      hiddenSince = now();
      return;
    }
    const wasHiddenFor = hiddenSince === null ? 0 : now() - hiddenSince;
    hiddenSince = null;
    if (wasHiddenFor >= resumeAfterHiddenMs) {
      emit({ type: 'power-resume' });
      core.reconnectEvents();
    }
  };
  const onOnline = (): void => core.reconnectEvents();
  doc.addEventListener('visibilitychange', onVisibility);
  win.addEventListener('online', onOnline);

  const defaultServer = options.defaultServerUrl ? normalizeServerUrl(options.defaultServerUrl) : null;

  /** Same argument and result checks as the desktop's IPC handlers. */
  const call = async <M extends InvokeMethod>(
    method: M,
    args: readonly unknown[],
    run: (...parsed: BridgeArgs<M>) => Promise<BridgeResult<M>> | BridgeResult<M>,
  ): Promise<BridgeResult<M>> => {
    const parsed = parseBridgeArgs(method, args);
    return parseBridgeResult(method, await run(...parsed));
  };

  // Rest parameters: extra arguments from untyped callers reach the validation (and are
  // refused there), exactly as over IPC.
  const bridge: WebBridge = {
    getAppInfo: (...args: Parameters<DesktopApi['getAppInfo']>) =>
      call('getAppInfo', args, () => ({
        version: options.version ?? '0.0.0',
        platform: navigator.platform || 'web',
        locale: navigator.language || 'en',
        runtime: 'web' as const,
        ...(defaultServer?.ok ? { defaultServerUrl: defaultServer.value.serverUrl } : {}),
      })),

    openExternal: (...args: Parameters<DesktopApi['openExternal']>) =>
      call('openExternal', args, (url) => {
        const checked = checkExternalUrl(url);
        if (!checked.ok) return checked;
        // noopener: the opened page gets no handle on this one (and open() returns null).
        win.open(checked.value, '_blank', 'noopener,noreferrer');
        return { ok: true as const };
      }),

    notify: (...args: Parameters<DesktopApi['notify']>) =>
      call('notify', args, async ({ title, body, tag }) => {
        if (!notifications) {
          return {
            ok: false as const,
            error: bridgeError(
              ErrorCodes.notificationsUnavailable,
              'This browser cannot show notifications. Alerts stay visible in the app.',
            ),
          };
        }
        // Asked on first use, not at start-up: a prompt out of context gets denied.
        let permission = notifications.permission;
        if (permission === 'default') permission = await notifications.requestPermission();
        if (permission !== 'granted') {
          return {
            ok: false as const,
            error: bridgeError(
              ErrorCodes.permissionDenied,
              "Notifications are blocked for this site. Allow them in the browser's site settings to get SLA alerts.",
            ),
          };
        }
        new notifications(title, { body, ...(tag ? { tag } : {}) });
        return { ok: true as const };
      }),

    signIn: (...args: Parameters<DesktopApi['signIn']>) =>
      call('signIn', args, (signInArgs) => core.signIn(signInArgs)),
    getSession: (...args: Parameters<DesktopApi['getSession']>) =>
      call('getSession', args, () => core.getSession()),
    signOut: (...args: Parameters<DesktopApi['signOut']>) => call('signOut', args, () => core.signOut()),
    apiRequest: (...args: Parameters<DesktopApi['apiRequest']>) =>
      call('apiRequest', args, (request) => core.apiRequest(request)),

    // A browser has no PDF engine a page can drive: reports are printed from their
    // report-only view (window.print, "Save as PDF") instead. Same validation as the desktop.
    savePdf: (...args: Parameters<DesktopApi['savePdf']>) => call('savePdf', args, () => pdfUnavailable()),
    renderPdf: (...args: Parameters<DesktopApi['renderPdf']>) =>
      call('renderPdf', args, () => pdfUnavailable()),

    // A browser tab has no menus, badge or updater to inform: validated, then nothing to do.
    reportStatus: (...args: Parameters<DesktopApi['reportStatus']>) =>
      call('reportStatus', args, () => undefined),
    // No log file in a browser: the console is where a web user's support looks.
    log: (...args: Parameters<DesktopApi['log']>) =>
      call('log', args, ({ level, message }) => {
        console[level](`[tam] ${message}`);
      }),

    // No OS keyring a page can reach: the renderer keeps a non-extractable key in the
    // browser's own storage (renderer/replica/encryption/keys.ts).
    getReplicaKey: (...args: Parameters<DesktopApi['getReplicaKey']>) =>
      call('getReplicaKey', args, () => ({
        ok: false as const,
        error: bridgeError(
          ErrorCodes.keyringUnavailable,
          'A browser has no OS keyring for the offline data: its key is kept in this browser profile.',
        ),
      })),

    onEvent(listener) {
      if (typeof listener !== 'function') throw new TypeError('tamDesktop.onEvent needs a function');
      const subscription = { listener };
      listeners.add(subscription);
      return () => {
        listeners.delete(subscription);
      };
    },

    dispose() {
      core.dispose();
      listeners.clear();
      doc.removeEventListener('visibilitychange', onVisibility);
      win.removeEventListener('online', onOnline);
    },
  };
  return bridge;
}
