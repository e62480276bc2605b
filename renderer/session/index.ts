// The window's session manager, over the one bridge.
import { getBridge } from '../bridge';
import { registerOfflineShell } from './offline-shell';
import { SessionManager } from './session';

export { useSession, type SessionPhase, type SessionState, type SignInOutcome } from './session';
export type { Identity } from './identity';

let manager: SessionManager | null = null;
let started: Promise<void> | null = null;

export function getSessionManager(): SessionManager {
  manager ??= new SessionManager({ bridge: getBridge() });
  return manager;
}

/** Opens the remembered session and its replica (once per window). */
export function startSession(): Promise<void> {
  if (!started) {
    void registerOfflineShell();
    started = getSessionManager().start();
  }
  return started;
}

/** The server address to offer on the sign-in screen: the bridge's default, else this page's origin. */
export async function defaultServerUrl(): Promise<string> {
  try {
    const info = await getBridge().getAppInfo();
    if (info.defaultServerUrl) return info.defaultServerUrl;
  } catch {
    // Fall through to the page's origin.
  }
  return typeof location !== 'undefined' && /^https?:$/.test(location.protocol) ? location.origin : '';
}
