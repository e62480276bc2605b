import { afterEach, describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../shared/bridge/desktop-api';
import { DESKTOP_API_MEMBERS } from '../../shared/bridge/channels';
import { getBridge, isDesktop, resetBridgeForTests } from './index';

function setDesktop(api: DesktopApi | undefined) {
  Object.defineProperty(window, 'tamDesktop', { value: api, configurable: true });
}

afterEach(() => {
  setDesktop(undefined);
  resetBridgeForTests();
});

describe('getBridge', () => {
  it('uses window.tamDesktop when the desktop preload exposed it', () => {
    const desktop = { getAppInfo: async () => ({ runtime: 'electron' }) } as unknown as DesktopApi;
    setDesktop(desktop);
    expect(getBridge()).toBe(desktop);
    expect(isDesktop()).toBe(true);
  });

  it('falls back to the web implementation of the same contract, once', async () => {
    const bridge = getBridge();
    expect(isDesktop()).toBe(false);
    expect(getBridge()).toBe(bridge);
    for (const member of DESKTOP_API_MEMBERS) expect(typeof bridge[member], member).toBe('function');
    const info = await bridge.getAppInfo();
    expect(info.runtime).toBe('web');
    // happy-dom serves the page from http://localhost:3000: browser mode offers that origin.
    expect(info.defaultServerUrl).toBe('http://localhost:3000');
  });
});
