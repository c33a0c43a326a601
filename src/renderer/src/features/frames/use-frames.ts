import { useEffect, useState, useSyncExternalStore } from 'react';
import type { FramesBatch } from '../../../../shared/frames/types';
import { api } from '../../bridge';
import { FramesStore, MAX_ROWS, type FramesView } from './frames-store';

/** The page's store: backfilled from the core on mount, then fed by `frames:batch` events. */
export function useFramesStore(): { store: FramesStore; view: FramesView; loadError: string | undefined } {
  const [store] = useState(() => new FramesStore());
  const [loadError, setLoadError] = useState<string | undefined>();
  useEffect(() => {
    let loaded = false;
    const early: FramesBatch[] = [];
    const off = api.on('frames:batch', (b) => (loaded ? store.apply(b) : early.push(b)));
    void api.invoke('frames:list', { from: 0, count: MAX_ROWS }).then((r) => {
      if (!r.ok) setLoadError(r.error.message);
      else {
        // The core holds at most as many rows as the page (MAX_ROWS), so one window is the whole capture.
        store.apply({ rows: r.value.rows, notes: [], cleared: false, stats: r.value.stats });
      }
      loaded = true;
      for (const b of early) store.apply(b);
    });
    return off;
  }, [store]);
  const view = useSyncExternalStore(store.subscribe, store.getView);
  return { store, view, loadError };
}
