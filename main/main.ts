// Entry of the Electron main process (bundled to out/main/main.cjs). Everything lives in
// app.ts; this file only hands it the real Electron modules and the bundle's paths.
import { app, BrowserWindow, dialog, ipcMain, Notification, net, powerMonitor, protocol, safeStorage, session, shell } from 'electron';
import path from 'node:path';
import { startDesktopApp } from './app';

startDesktopApp(
  { app, BrowserWindow, dialog, ipcMain, Notification, net, powerMonitor, protocol, safeStorage, session, shell },
  {
    env: process.env,
    argv: process.argv,
    // CommonJS bundle: __dirname is out/main.
    preloadPath: path.join(__dirname, 'preload.cjs'),
    rendererDir: path.join(app.getAppPath(), 'out', 'renderer'),
  },
);
