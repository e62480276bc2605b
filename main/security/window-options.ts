// The options of the app window. Every security-relevant webPreference is spelled out even
// where it equals Electron's default, so a default changing upstream cannot loosen it and
// the test can assert what we pass.
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  preloadPath: string;
  /** DevTools only in development builds. */
  devTools: boolean;
  /** Where the window was last on this display (main/window/window-state.ts); default size otherwise. */
  bounds?: { x: number; y: number; width: number; height: number } | undefined;
}

export function mainWindowOptions({
  preloadPath,
  devTools,
  bounds,
}: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    ...(bounds ? { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height } : {}),
    minWidth: 960,
    minHeight: 600,
    title: 'TAM Workstation',
    // Shown on 'ready-to-show', so the window never flashes white before the shell paints.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      devTools,
    },
  };
}
