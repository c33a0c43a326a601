// Composition root of the Electron app: each concern is one setup call.
import { app, BrowserWindow, dialog, ipcMain, Notification, screen, shell } from 'electron';
import electronLog from 'electron-log/main';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { notifyAlarms } from './app/alarm-notifications';
import { closeBeforeQuit } from './app/close-before-quit';
import { electronDialogs } from './app/dialogs';
import { boardHttpOrigins, createExternalOpener } from './app/external-links';
import { createMainLog } from './app/main-log';
import { rendererSource } from './app/renderer-source';
import { guardWebContents, hardenSession, windowOptions } from './app/window-security';
import { withWindowState } from './app/window-state';
import { createBench } from './core/bench';
import { connectIpc } from './ipc/ipc-adapter';

const here = dirname(fileURLToPath(import.meta.url));

let mainWindow: BrowserWindow | undefined;

async function start(): Promise<void> {
  await app.whenReady();
  const log = createMainLog(app, electronLog);
  const bench = await createBench({
    configDir: app.getPath('userData'),
    log,
    identity: { name: app.getName(), version: app.getVersion(), platform: process.platform },
    hostDialogs: electronDialogs(dialog, () => mainWindow, shell),
  });
  hardenSession((await import('electron')).session.defaultSession);
  connectIpc(ipcMain, bench, () => mainWindow?.webContents);
  const openExternal = createExternalOpener({
    allowedOrigins: () => boardHttpOrigins(bench),
    open: (url) => shell.openExternal(url),
    log,
  });
  const createWindow = () => openWindow((url) => void openExternal(url), log);
  mainWindow = createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  app.on('window-all-closed', () => app.quit());
  closeBeforeQuit(app, () => bench.close(), log);
  // A notification for each alarm raised, while the setting is on; a click brings the window forward.
  notifyAlarms(bench.alarms.service, {
    Notification,
    enabled: () => bench.alarms.notificationsOn(),
    onClick: () => {
      if (!mainWindow || mainWindow.isDestroyed()) return;
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
    },
    log,
  });
}

function openWindow(openExternal: (url: string) => void, log: (m: string) => void): BrowserWindow {
  const options = windowOptions(join(here, '../preload/index.cjs'));
  const file = join(app.getPath('userData'), 'window-state.json');
  const min = { width: options.minWidth ?? 0, height: options.minHeight ?? 0 };
  const win = withWindowState({ file, screen, min, log }, (b) => new BrowserWindow({ ...options, ...b }));
  const source = rendererSource(app.isPackaged, process.env, join(here, '../renderer/index.html'));
  const appUrl = source.kind === 'url' ? source.url : pathToFileURL(source.path).href;
  guardWebContents(win.webContents, { appUrl, openExternal });
  win.once('ready-to-show', () => win.show());
  if (source.kind === 'url') void win.loadURL(source.url);
  else void win.loadFile(source.path);
  return win;
}

if (!app.requestSingleInstanceLock()) app.quit();
else void start();
