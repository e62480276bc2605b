// The renderer end of the desktop bridge, built over Electron's ipcRenderer by the preload.
// Kept here (runtime-neutral, zod-free) so it can be unit-tested without Electron and so
// the preload itself is three lines.
import { copyDesktopEvent, EVENT_CHANNEL, INVOKE_CHANNELS, isDesktopEvent } from './channels';
import type { DesktopApi, DesktopEventListener } from './desktop-api';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createIpcDesktopApi(ipc: IpcRendererLike): DesktopApi {
  // A wrapper per subscription, so subscribing the same function twice gives two
  // independent subscriptions.
  const listeners = new Set<{ listener: DesktopEventListener }>();
  // One ipcRenderer listener for all subscribers; the IPC event object (which exposes
  // ipcRenderer through event.sender) is dropped here and never reaches the page.
  const onIpcEvent = (_event: unknown, payload: unknown): void => {
    if (!isDesktopEvent(payload)) return;
    for (const { listener } of [...listeners]) {
      try {
        listener(copyDesktopEvent(payload));
      } catch (err) {
        // One failing listener must not starve the others; surface it as unhandled.
        void Promise.reject(err);
      }
    }
  };

  const invoke = <T>(channel: string, ...args: unknown[]): Promise<T> =>
    ipc.invoke(channel, ...args) as Promise<T>;

  return {
    getAppInfo: () => invoke(INVOKE_CHANNELS.getAppInfo),
    openExternal: (url) => invoke(INVOKE_CHANNELS.openExternal, url),
    notify: (notification) => invoke(INVOKE_CHANNELS.notify, notification),
    signIn: (args) => invoke(INVOKE_CHANNELS.signIn, args),
    getSession: () => invoke(INVOKE_CHANNELS.getSession),
    signOut: () => invoke(INVOKE_CHANNELS.signOut),
    apiRequest: (request) => invoke(INVOKE_CHANNELS.apiRequest, request),
    savePdf: (args) => invoke(INVOKE_CHANNELS.savePdf, args),
    renderPdf: (args) => invoke(INVOKE_CHANNELS.renderPdf, args),
    reportStatus: (args) => invoke(INVOKE_CHANNELS.reportStatus, args),
    log: (args) => invoke(INVOKE_CHANNELS.log, args),
    getReplicaKey: () => invoke(INVOKE_CHANNELS.getReplicaKey),
    onEvent(listener) {
      if (typeof listener !== 'function') throw new TypeError('tamDesktop.onEvent needs a function');
      if (listeners.size === 0) ipc.on(EVENT_CHANNEL, onIpcEvent);
      const subscription = { listener };
      listeners.add(subscription);
      return () => {
        if (!listeners.delete(subscription)) return;
        if (listeners.size === 0) ipc.removeListener(EVENT_CHANNEL, onIpcEvent);
      };
    },
  };
}
