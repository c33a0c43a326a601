// The preload: a short façade over three IPC channels. No npm packages, no main code; types only from shared.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { RawBridge } from '../shared/bridge/contract';

// Duplicated from the contract on purpose: the preload may import only types from src/shared.
const IPC_INVOKE = 'bench:invoke';
const IPC_EVENT = 'bench:event';
const IPC_SUBSCRIBE = 'bench:subscribe';

const listeners = new Map<string, Set<(payload: unknown) => void>>();
ipcRenderer.on(IPC_EVENT, (_event: IpcRendererEvent, name: string, payload: unknown) => {
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

/** Tells the main process which events this page listens to (all of them, each time the list changes). */
const subscribe = () => ipcRenderer.send(IPC_SUBSCRIBE, [...listeners.keys()]);
// A page that loads listens to nothing yet: what an earlier page of this window subscribed to stops.
subscribe();

const bridge: RawBridge = {
  transport: 'electron',
  invoke: (name, request) => ipcRenderer.invoke(IPC_INVOKE, String(name), request),
  on(name, listener) {
    let set = listeners.get(name);
    if (!set) {
      listeners.set(name, (set = new Set()));
      subscribe();
    }
    set.add(listener);
    return () => {
      if (!set.delete(listener) || set.size > 0 || listeners.get(name) !== set) return;
      listeners.delete(name);
      subscribe();
    };
  },
};

contextBridge.exposeInMainWorld('bench', bridge);
