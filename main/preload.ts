// Preload of the app window (bundled to out/main/preload.cjs, runs sandboxed). Exposes the
// bridge contract, exactly, as window.tamDesktop; ipcRenderer itself never reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import { createIpcDesktopApi } from '../shared/bridge/ipc-client';

contextBridge.exposeInMainWorld('tamDesktop', createIpcDesktopApi(ipcRenderer));
