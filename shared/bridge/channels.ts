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
  reportStatus: 'tam:app:report-status',
  log: 'tam:app:log',
  getReplicaKey: 'tam:replica:get-key',
} as const satisfies Record<Exclude<keyof DesktopApi, 'onEvent'>, `tam:${string}`>;

export type InvokeMethod = keyof typeof INVOKE_CHANNELS;

export const INVOKE_METHODS = Object.keys(INVOKE_CHANNELS) as InvokeMethod[];

/** Every member of DesktopApi, in one list: what window.tamDesktop must expose, exactly. */
export const DESKTOP_API_MEMBERS: readonly (keyof DesktopApi)[] = [...INVOKE_METHODS, 'onEvent'];

/** Main → renderer pushes (webContents.send → ipcRenderer.on), one channel for all. */
export const EVENT_CHANNEL = 'tam:event';

/** Events that carry nothing but their type. */
export const DESKTOP_EVENT_TYPES = [
  'power-resume',
  'sync-poke',
  'session-expired',
  'session-revoked',
] as const satisfies readonly DesktopEvent['type'][];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function exactKeys(value: object, keys: readonly string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((k) => own.includes(k));
}

/** Hand-written twin of DesktopEventSchema (tested against it), for the zod-free preload. */
export function isDesktopEvent(value: unknown): value is DesktopEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.type !== 'string') return false;
  if ((DESKTOP_EVENT_TYPES as readonly string[]).includes(v.type)) return exactKeys(v, ['type']);
  if (v.type === 'menu-command') return exactKeys(v, ['type', 'command']) && v.command === 'shortcuts';
  if (v.type === 'open') {
    const t = v.target as Record<string, unknown> | null;
    return (
      exactKeys(v, ['type', 'target']) &&
      typeof t === 'object' &&
      t !== null &&
      !Array.isArray(t) &&
      exactKeys(t, ['kind', 'id']) &&
      (t.kind === 'incident' || t.kind === 'customer') &&
      typeof t.id === 'string' &&
      UUID.test(t.id)
    );
  }
  return false;
}

/** A clean copy of a checked event (nothing of the IPC payload object itself reaches the page). */
export function copyDesktopEvent(event: DesktopEvent): DesktopEvent {
  switch (event.type) {
    case 'menu-command':
      return { type: event.type, command: event.command };
    case 'open':
      return { type: event.type, target: { kind: event.target.kind, id: event.target.id } };
    default:
      return { type: event.type };
  }
}
