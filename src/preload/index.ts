// The preload: a short façade over two IPC channels. No npm packages, no main code; types only from shared.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { RawBridge } from '../shared/bridge/contract';

// Duplicated from the contract on purpose: the preload may import only types from src/shared.
const IPC_INVOKE = 'bench:invoke';
const IPC_EVENT = 'bench:event';

const listeners = new Map<string, Set<(payload: unknown) => void>>();
ipcRenderer.on(IPC_EVENT, (_event: IpcRendererEvent, name: string, payload: unknown) => {
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const bridge: RawBridge = {
  transport: 'electron',
  invoke: (name, request) => ipcRenderer.invoke(IPC_INVOKE, String(name), request),
  on(name, listener) {
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('bench', bridge);
