// The renderer's one way to the desktop: getBridge() returns window.tamDesktop (exposed by
// the Electron preload) when the page runs in the desktop app, and the web implementation
// of the same contract otherwise (browser mode, Chromium end-to-end tests).
import type { DesktopApi } from '../../shared/bridge/desktop-api';
import { createWebBridge } from './web-bridge';

export type {
  ActionResult,
  ApiRequest,
  ApiResponse,
  AppInfo,
  DesktopApi,
  DesktopEvent,
  DesktopEventListener,
  NotifyArgs,
  Session,
  SessionUser,
  SignInArgs,
  SignInResult,
} from '../../shared/bridge/desktop-api';
export type { BridgeError } from '../../shared/bridge/errors';
export { BridgeContractError, ErrorCodes } from '../../shared/bridge/errors';

declare global {
  interface Window {
    /** Present only inside the desktop app (main/preload.ts). */
    readonly tamDesktop?: DesktopApi;
  }
}

let bridge: DesktopApi | null = null;

/** Where the web build finds its server when the build says nothing: the page's own origin. */
function webDefaultServerUrl(): string | undefined {
  const configured = import.meta.env.VITE_TAM_SERVER_URL as string | undefined;
  if (configured) return configured;
  // Browser mode: the central API serves the app, so it is on the same origin.
  return location.protocol === 'http:' || location.protocol === 'https:' ? location.origin : undefined;
}

export function getBridge(): DesktopApi {
  bridge ??=
    window.tamDesktop ??
    createWebBridge({
      version: (import.meta.env.VITE_APP_VERSION as string | undefined) ?? '0.0.0',
      defaultServerUrl: webDefaultServerUrl(),
    });
  return bridge;
}

/** True inside the desktop app. */
export function isDesktop(): boolean {
  return window.tamDesktop !== undefined;
}

/** Tests only: forget the chosen implementation. */
export function resetBridgeForTests(): void {
  const current = bridge as (DesktopApi & { dispose?: () => void }) | null;
  current?.dispose?.();
  bridge = null;
}
