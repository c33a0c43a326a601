import { useEffect, useState, useSyncExternalStore } from 'react';
import { api } from '../../bridge';
import { BoardFrames } from './board-frames';
import type { FramesStore, FramesView } from './frames-store';

/** The page's frame logs, and the one of board `boardId` (the shown board) with its view. */
export function useBoardFrames(boardId: string | undefined): {
  frames: BoardFrames;
  store: FramesStore;
  view: FramesView;
} {
  const [frames] = useState(() => new BoardFrames(api));
  useEffect(() => frames.start(), [frames]);
  const store = frames.forBoard(boardId);
  const view = useSyncExternalStore(store.subscribe, store.getView);
  return { frames, store, view };
}
