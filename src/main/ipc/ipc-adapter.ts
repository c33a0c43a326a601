import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  IPC_EVENT,
  IPC_INVOKE,
  IPC_SUBSCRIBE,
  isEventName,
  type EventName,
} from '../../shared/bridge/contract';
import { fail } from '../../shared/result';
import type { Bench } from '../core/bench';

/** More names than the contract has events is not a page's subscription list. */
const MAX_SUBSCRIPTIONS = 256;

/**
 * The Electron transport of the contract: one invoke channel into the dispatcher, one event channel out, and the
 * page's subscriptions, all from the app's own window only. An event is sent only while the page listens to it
 * (as the browser-mode socket does), so high-rate batches cross IPC only for a page that shows them. This is the
 * only file that touches ipcMain or webContents.send.
 */
export function connectIpc(
  ipcMain: IpcMain,
  bench: Bench,
  getWindowContents: () => WebContents | undefined,
): () => void {
  const fromOwnWindow = (sender: { id: number }) => {
    const own = getWindowContents();
    return own !== undefined && sender.id === own.id;
  };
  ipcMain.handle(IPC_INVOKE, (event: IpcMainInvokeEvent, name: unknown, request: unknown) => {
    if (!fromOwnWindow(event.sender)) {
      return fail('TRANSPORT', 'Request refused: it did not come from the app window.');
    }
    return bench.dispatch(name, request, { transport: 'electron' });
  });

  const subscriptions = new Map<EventName, () => void>();
  const forward = (name: EventName) =>
    bench.hub.on(name, (payload) => {
      const contents = getWindowContents();
      if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT, name, payload);
    });
  // The page sends the whole list each time it changes (and an empty one when it loads, so a reload starts clean).
  const onSubscribe = (event: IpcMainEvent, names: unknown) => {
    if (!fromOwnWindow(event.sender)) return;
    if (!Array.isArray(names) || names.length > MAX_SUBSCRIPTIONS) return;
    const wanted = new Set(names.filter(isEventName));
    for (const [name, off] of subscriptions)
      if (!wanted.has(name)) {
        off();
        subscriptions.delete(name);
      }
    for (const name of wanted) if (!subscriptions.has(name)) subscriptions.set(name, forward(name));
  };
  ipcMain.on(IPC_SUBSCRIBE, onSubscribe);

  return () => {
    ipcMain.removeListener(IPC_SUBSCRIBE, onSubscribe);
    for (const off of subscriptions.values()) off();
    subscriptions.clear();
    ipcMain.removeHandler(IPC_INVOKE);
  };
}
