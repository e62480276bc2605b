// IPC channel names of the bridge. Kept free of zod so the preload bundle stays tiny and
// never needs to evaluate schema code in the page's isolated world.
import type { DesktopApi, DesktopEvent } from './desktop-api';

/** Request/response methods (ipcRenderer.invoke → ipcMain.handle), one channel each. */
export const INVOKE_CHANNELS = {
  getAppInfo: 'tam:app:get-info',
  openExternal: 'tam:shell:open-external',
  notify: 'tam:notify',
  signIn: 'tam:auth:sign-in',
  getSession: 'tam:auth:get-session',
  signOut: 'tam:auth:sign-out',
  apiRequest: 'tam:api:request',
  savePdf: 'tam:report:save-pdf',
  renderPdf: 'tam:report:render-pdf',
} as const satisfies Record<Exclude<keyof DesktopApi, 'onEvent'>, `tam:${string}`>;

export type InvokeMethod = keyof typeof INVOKE_CHANNELS;

export const INVOKE_METHODS = Object.keys(INVOKE_CHANNELS) as InvokeMethod[];

/** Every member of DesktopApi, in one list: what window.tamDesktop must expose, exactly. */
export const DESKTOP_API_MEMBERS: readonly (keyof DesktopApi)[] = [...INVOKE_METHODS, 'onEvent'];

/** Main → renderer pushes (webContents.send → ipcRenderer.on), one channel for all. */
export const EVENT_CHANNEL = 'tam:event';

export const DESKTOP_EVENT_TYPES = ['power-resume', 'sync-poke', 'session-expired'] as const satisfies readonly DesktopEvent['type'][];

/** Hand-written twin of DesktopEventSchema (tested against it), for the zod-free preload. */
export function isDesktopEvent(value: unknown): value is DesktopEvent {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  const type = (value as { type?: unknown }).type;
  return keys.length === 1 && typeof type === 'string' && (DESKTOP_EVENT_TYPES as readonly string[]).includes(type);
}
