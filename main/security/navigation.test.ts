import { describe, expect, it, vi } from 'vitest';
import {
  decideNavigation,
  hardenWebContents,
  type HardenableWebContents,
  type NavigationEventLike,
} from './navigation';
import { appOrigin } from './origin';

const { isAppUrl } = appOrigin();

function fakeContents() {
  const handlers = new Map<string, (arg: never) => void>();
  let windowOpen: ((d: { url: string }) => { action: 'deny' }) | null = null;
  const contents: HardenableWebContents = {
    on: ((event: string, listener: (arg: never) => void) => {
      handlers.set(event, listener);
    }) as HardenableWebContents['on'],
    setWindowOpenHandler: (h) => {
      windowOpen = h;
    },
  };
  const fire = (event: string, url: string, isMainFrame = true) => {
    const preventDefault = vi.fn();
    const details: NavigationEventLike = { url, isMainFrame, preventDefault };
    handlers.get(event)?.(details as never);
    return preventDefault.mock.calls.length > 0;
  };
  return { contents, handlers, fire, open: (url: string) => windowOpen?.({ url }) };
}

function harden() {
  const f = fakeContents();
  const openExternal = vi.fn();
  hardenWebContents(f.contents, { isAppUrl, openExternal });
  return { ...f, openExternal };
}

describe('decideNavigation', () => {
  it('allows in-app navigation and sends web links clicked by the user to the browser', () => {
    expect(decideNavigation('app://tam/index.html#/x', 'navigate', isAppUrl)).toEqual({ allow: true });
    expect(decideNavigation('https://example.com/a', 'navigate', isAppUrl)).toEqual({
      allow: false,
      openExternally: 'https://example.com/a',
    });
  });

  it('never allows window.open, not even of an app URL', () => {
    expect(decideNavigation('app://tam/index.html', 'window-open', isAppUrl)).toEqual({ allow: false });
  });

  it('never opens redirects or subframe navigations externally', () => {
    expect(decideNavigation('https://example.com', 'redirect', isAppUrl)).toEqual({ allow: false });
    expect(decideNavigation('https://example.com', 'frame-navigate', isAppUrl)).toEqual({ allow: false });
  });
});

describe('hardenWebContents', () => {
  it('registers will-navigate, will-frame-navigate, will-redirect, will-attach-webview and a window-open handler', () => {
    const h = harden();
    expect([...h.handlers.keys()].sort()).toEqual([
      'will-attach-webview',
      'will-frame-navigate',
      'will-navigate',
      'will-redirect',
    ]);
    expect(h.open('https://example.com')).toEqual({ action: 'deny' });
  });

  it('will-navigate: keeps app URLs, blocks others, opens only http(s) externally', () => {
    const h = harden();
    expect(h.fire('will-navigate', 'app://tam/index.html')).toBe(false);
    expect(h.fire('will-navigate', 'https://docs.example.com/kb/1')).toBe(true);
    expect(h.openExternal).toHaveBeenCalledWith('https://docs.example.com/kb/1');
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://evil/x',
      'smb://host/share',
      'data:text/html,hi',
    ]) {
      h.openExternal.mockClear();
      expect(h.fire('will-navigate', url), url).toBe(true);
      expect(h.openExternal, url).not.toHaveBeenCalled();
    }
  });

  it('will-redirect: blocks any redirect away from the app without opening it', () => {
    const h = harden();
    expect(h.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(h.openExternal).not.toHaveBeenCalled();
    expect(h.fire('will-redirect', 'app://tam/index.html')).toBe(false);
  });

  it('will-frame-navigate: blocks foreign subframes, leaves the main frame to will-navigate', () => {
    const h = harden();
    expect(h.fire('will-frame-navigate', 'https://evil.example/', false)).toBe(true);
    expect(h.fire('will-frame-navigate', 'https://example.com/', true)).toBe(false);
    expect(h.openExternal).not.toHaveBeenCalled();
  });

  it('window.open: always denied; http(s) goes to the browser, app URLs and other schemes nowhere', () => {
    const h = harden();
    expect(h.open('https://example.com/report')).toEqual({ action: 'deny' });
    expect(h.openExternal).toHaveBeenCalledWith('https://example.com/report');
    h.openExternal.mockClear();
    expect(h.open('app://tam/index.html')).toEqual({ action: 'deny' });
    expect(h.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(h.openExternal).not.toHaveBeenCalled();
  });

  it('refuses every <webview>', () => {
    const h = harden();
    const event = { preventDefault: vi.fn() };
    h.handlers.get('will-attach-webview')?.(event as never);
    expect(event.preventDefault).toHaveBeenCalled();
  });
});
