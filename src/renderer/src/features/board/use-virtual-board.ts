import { useEffect, useSyncExternalStore } from 'react';
import { VIRTUAL_BOARD_ID } from '../../../../shared/bridge/contracts/links';
import { api } from '../../bridge';
import { useLinks } from '../connection/links-context';
import { VirtualBoardStore, type VirtualBoardSnapshot } from './virtual-board-store';

/**
 * The virtual board the Memory page's what-if drives: the one shown when it is virtual, else the first one
 * (`virtual`). The Board page drives only the focused board.
 */
export function useDrivenVirtualBoard(): { id: string; name: string } {
  const { profiles, state } = useLinks();
  const shown = state?.board;
  if (shown?.virtual) return { id: shown.id, name: shown.name };
  const first = profiles?.profiles.find((p) => p.id === VIRTUAL_BOARD_ID);
  return { id: VIRTUAL_BOARD_ID, name: first?.name ?? 'Virtual board' };
}

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
