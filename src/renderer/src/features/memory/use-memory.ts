import { useEffect, useState } from 'react';
import type { MemoryModel, PoolFeedState, PoolSample } from '../../../../shared/bridge/contracts/memory';
import { api } from '../../bridge';
import { useBridgeEvent } from '../../bridge/hooks';

const HISTORY = 240;

/** What the Memory page knows: the static model, the live pool state and a bounded history for sparklines. */
export interface MemoryView {
  readonly model?: MemoryModel;
  readonly error?: string;
  readonly pools?: PoolFeedState;
  readonly history: readonly PoolSample[];
}

/** Loads memory:model once and follows memory:pools. */
export function useMemory(): MemoryView {
  const [model, setModel] = useState<MemoryModel>();
  const [error, setError] = useState<string>();
  const [pools, setPools] = useState<PoolFeedState>();
  const [history, setHistory] = useState<readonly PoolSample[]>([]);

  useEffect(() => {
    let cancelled = false;
    void api.invoke('memory:model', {}).then((r) => {
      if (cancelled) return;
      if (r.ok) {
        setModel(r.value);
        setPools((p) => p ?? r.value.pools);
        setHistory((h) => (h.length ? h : r.value.history));
      } else setError(r.error.message);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  useBridgeEvent('memory:pools', (state) => {
    setPools(state);
    if (state.kind === 'none') return setHistory([]);
    if (state.kind !== 'live') return;
    const inUse: Record<string, number> = {};
    for (const p of state.status.packetPools) inUse[p.name] = p.total - p.free;
    setHistory((h) => [...h.slice(-(HISTORY - 1)), { t: state.at, inUse }]);
  });

  return { model, error, pools, history };
}
