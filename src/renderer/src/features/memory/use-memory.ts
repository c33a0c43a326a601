import { useEffect, useSyncExternalStore } from 'react';
import { api } from '../../bridge';
import { MemoryStore, type BoardMemory } from './memory-store';

// One store for the app's life, so a board's what-if and import outlive a visit to another page.
let shared: MemoryStore | undefined;
function memoryStore(): MemoryStore {
  return (shared ??= new MemoryStore(api));
}

/** Board `boardId`'s memory data, loaded afresh each time the page shows that board, and the store to act on it. */
export function useBoardMemory(boardId: string): { data: BoardMemory; store: MemoryStore } {
  const store = memoryStore();
  const data = useSyncExternalStore(store.subscribe, () => store.get(boardId));
  useEffect(() => void store.load(boardId), [store, boardId]);
  return { data, store };
}
