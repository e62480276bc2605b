// Navigation and new windows: the app window only ever shows the app. A link to the web
// opens in the user's browser (after URL parsing, http(s) only); everything else is refused.
import { checkExternalUrl } from '../../shared/bridge/rules';

export type NavigationKind = 'navigate' | 'frame-navigate' | 'redirect' | 'window-open';

export interface NavigationDecision {
  allow: boolean;
  /** Set when the URL should go to the OS browser instead. */
  openExternally?: string;
}

export function decideNavigation(
  url: string,
  kind: NavigationKind,
  isAppUrl: (url: string) => boolean,
): NavigationDecision {
  // window.open never creates an Electron window, not even for our own origin.
  if (kind !== 'window-open' && isAppUrl(url)) return { allow: true };
  // A user clicking a web link (plain or target=_blank) means "show me this page": use
  // the browser. Server redirects and subframes never get that.
  if (kind === 'navigate' || kind === 'window-open') {
    const external = checkExternalUrl(url);
    if (external.ok) return { allow: false, openExternally: external.value };
  }
  return { allow: false };
}

export interface NavigationEventLike {
  url: string;
  isMainFrame: boolean;
  preventDefault(): void;
}

/** The webContents surface hardened here (Electron's WebContents satisfies it). */
export interface HardenableWebContents {
  on(event: 'will-navigate', listener: (details: NavigationEventLike) => void): unknown;
  on(event: 'will-frame-navigate', listener: (details: NavigationEventLike) => void): unknown;
  on(event: 'will-redirect', listener: (details: NavigationEventLike) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface HardenOptions {
  isAppUrl(url: string): boolean;
  /** shell.openExternal; only ever called with a parsed http(s) URL. */
  openExternal(url: string): void;
  log?(message: string): void;
}

export function hardenWebContents(contents: HardenableWebContents, options: HardenOptions): void {
  const { isAppUrl, openExternal, log } = options;

  const guard = (kind: NavigationKind) => (details: NavigationEventLike) => {
    // will-navigate covers the main frame; will-frame-navigate the subframes.
    if (kind === 'frame-navigate' && details.isMainFrame) return;
    const decision = decideNavigation(details.url, kind, isAppUrl);
    if (decision.allow) return;
    details.preventDefault();
    if (decision.openExternally) openExternal(decision.openExternally);
    else log?.(`blocked ${kind} to ${details.url}`);
  };

  contents.on('will-navigate', guard('navigate'));
  contents.on('will-frame-navigate', guard('frame-navigate'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log?.('blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideNavigation(url, 'window-open', isAppUrl);
    if (decision.openExternally) openExternal(decision.openExternally);
    else log?.(`blocked window.open of ${url}`);
    return { action: 'deny' };
  });
}
