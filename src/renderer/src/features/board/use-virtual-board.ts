import { useEffect, useSyncExternalStore } from 'react';
import { api } from '../../bridge';
import { VirtualBoardStore, type VirtualBoardSnapshot } from './virtual-board-store';

/** The app's one store of the virtual boards the Board page shows (it outlives the page, so a board keeps its log). */
export const virtualBoards = new VirtualBoardStore(api);

/** Virtual board `boardId` as the Board page shows it; asks the core for it when the page comes to show it. */
export function useVirtualBoard(boardId: string): VirtualBoardSnapshot {
  const snapshot = useSyncExternalStore(virtualBoards.subscribe, () => virtualBoards.snapshot(boardId));
  useEffect(() => {
    void virtualBoards.load(boardId);
  }, [boardId]);
  return snapshot;
}
