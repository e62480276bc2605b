// Entry of the Electron main process (bundled to out/main/main.cjs). Everything lives in
// app.ts; this file only hands it the real Electron modules, the log file, the updater and
// the bundle's paths.
import {
  app,
  BrowserWindow,
  crashReporter,
  dialog,
  ipcMain,
  Menu,
  Notification,
  net,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import log from 'electron-log/main';
import { autoUpdater } from 'electron-updater';
import path from 'node:path';
import { startDesktopApp } from './app';
import { configureLogging } from './logging';
import type { AutoUpdaterLike } from './updates/updater';

const appLog = configureLogging(log, { level: app.isPackaged ? 'info' : 'debug', console: !app.isPackaged });
// Uncaught errors of the main process go to the log file, not to a dialog.
log.errorHandler.startCatching({ showDialog: false });
autoUpdater.logger = log;

startDesktopApp(
  {
    app,
    BrowserWindow,
    crashReporter,
    dialog,
    ipcMain,
    Menu,
    Notification,
    net,
    powerMonitor,
    protocol,
    safeStorage,
    screen,
    session,
    shell,
  },
  {
    env: process.env,
    argv: process.argv,
    // CommonJS bundle: __dirname is out/main.
    preloadPath: path.join(__dirname, 'preload.cjs'),
    rendererDir: path.join(app.getAppPath(), 'out', 'renderer'),
    appLog,
    autoUpdater: autoUpdater satisfies AutoUpdaterLike,
    // Packaged: resources/notification.png (extraResources in electron-builder.yml).
    notificationIcon: app.isPackaged
      ? path.join(process.resourcesPath, 'notification.png')
      : path.join(app.getAppPath(), 'assets', 'notification.png'),
    versions: {
      electron: process.versions.electron,
      chrome: process.versions.chrome,
      node: process.versions.node,
    },
  },
);
