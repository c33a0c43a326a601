// Composition root of the Electron app: each concern is one setup call.
import { app, BrowserWindow, dialog, ipcMain, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronDialogs } from './app/dialogs';
import { guardWebContents, hardenSession, windowOptions } from './app/window-security';
import { createBench } from './core/bench';
import { connectIpc } from './ipc/ipc-adapter';

const here = dirname(fileURLToPath(import.meta.url));

let mainWindow: BrowserWindow | undefined;

async function start(): Promise<void> {
  await app.whenReady();
  const bench = await createBench({
    configDir: app.getPath('userData'),
    identity: { name: app.getName(), version: app.getVersion(), platform: process.platform },
    hostDialogs: electronDialogs(dialog, () => mainWindow),
  });
  hardenSession((await import('electron')).session.defaultSession);
  connectIpc(ipcMain, bench, () => mainWindow?.webContents);
  mainWindow = createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => void bench.close());
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(windowOptions(join(here, '../preload/index.cjs')));
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  const appUrl = devUrl ?? `file://${join(here, '../renderer/index.html')}`;
  guardWebContents(win.webContents, { appUrl, openExternal: (url) => void shell.openExternal(url) });
  win.once('ready-to-show', () => win.show());
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(join(here, '../renderer/index.html'));
  return win;
}

if (!app.requestSingleInstanceLock()) app.quit();
else void start();
