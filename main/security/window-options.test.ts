import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './window-options';

describe('mainWindowOptions', () => {
  const options = mainWindowOptions({ preloadPath: '/app/out/main/preload.cjs', devTools: false });
  const prefs = options.webPreferences ?? {};

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
  ] as const)('sets %s to %s explicitly', (key, value) => {
    expect(prefs[key]).toBe(value);
  });

  it('uses the given preload and enables no Blink features', () => {
    expect(prefs.preload).toBe('/app/out/main/preload.cjs');
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.partition).toBeUndefined();
  });

  it('allows DevTools only when asked (development)', () => {
    expect(prefs.devTools).toBe(false);
    expect(mainWindowOptions({ preloadPath: '/p', devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('starts hidden, to be shown when ready', () => {
    expect(options.show).toBe(false);
  });
});
