import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/bridge/contract';
import { fail } from '../../shared/result';
import type { Bench } from '../core/bench';

/**
 * The Electron transport of the contract: one invoke channel into the dispatcher (from the app's own window only)
 * and one event channel out. This is the only file that touches ipcMain or webContents.send.
 */
export function connectIpc(
  ipcMain: IpcMain,
  bench: Bench,
  getWindowContents: () => WebContents | undefined,
): () => void {
  ipcMain.handle(IPC_INVOKE, (event: IpcMainInvokeEvent, name: unknown, request: unknown) => {
    const own = getWindowContents();
    if (!own || event.sender.id !== own.id) {
      return fail('TRANSPORT', 'Request refused: it did not come from the app window.');
    }
    return bench.dispatch(name, request, { transport: 'electron' });
  });
  const off = bench.hub.onAny((name, payload) => {
    const contents = getWindowContents();
    if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT, name, payload);
  });
  return () => {
    off();
    ipcMain.removeHandler(IPC_INVOKE);
  };
}
