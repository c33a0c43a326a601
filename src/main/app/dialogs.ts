// The desktop app's native dialogs, which are the only way a host path reaches the core in Electron: the core asks
// for them through host:choose-* and keeps what the user picked as the folders it may write into.
import type { BaseWindow, Dialog, Shell } from 'electron';
import type { HostDialogs } from '../core/files/host-folders';

/**
 * Native open and save dialogs on the app's window (or free-standing when it is gone), and the file manager
 * (`shell`) that shows an alarm capture's folder.
 */
export function electronDialogs(
  dialog: Dialog,
  getWindow: () => BaseWindow | undefined,
  shell?: Pick<Shell, 'showItemInFolder'>,
): HostDialogs {
  const open = (options: Electron.OpenDialogOptions) => {
    const win = getWindow();
    return win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options);
  };
  return {
    async chooseFolder(title, defaultPath) {
      const r = await open({ title, defaultPath, properties: ['openDirectory', 'createDirectory'] });
      return r.canceled ? undefined : r.filePaths[0];
    },
    async chooseSaveFile(title, defaultPath, extensions) {
      const options: Electron.SaveDialogOptions = {
        title,
        defaultPath,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
        ...(extensions.length
          ? { filters: [{ name: extensions.join(', '), extensions: [...extensions] }] }
          : {}),
      };
      const win = getWindow();
      const r = await (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options));
      return r.canceled || !r.filePath ? undefined : r.filePath;
    },
    async chooseOpen(title, kind) {
      const r = await open({
        title,
        properties: kind === 'folder' ? ['openDirectory'] : ['openFile', 'multiSelections'],
      });
      return r.canceled ? [] : r.filePaths;
    },
    ...(shell ? { showItemInFolder: (path: string) => shell.showItemInFolder(path) } : {}),
  };
}
