import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  Capacity,
  FilesState,
  RemoteListing,
  TransfersSnapshot,
} from '../../../../shared/bridge/contracts/files';
import { api } from '../../bridge';
import { useBridgeEvent } from '../../bridge/hooks';

/** Session state (attached while the page is open, so the core keeps the FTP session alive). */
export function useFilesState(): FilesState | undefined {
  const [state, setState] = useState<FilesState>();
  useEffect(() => {
    let live = true;
    void api.invoke('files:attach', {}).then((r) => live && r.ok && setState(r.value));
    return () => {
      live = false;
      void api.invoke('files:detach', {});
    };
  }, []);
  useBridgeEvent('files:state', setState);
  return state;
}

/** The listing of one folder; re-lists when the FTP session is new (a listing of an old session is stale). */
export function useListing(path: string, generation: number | undefined, enabled: boolean) {
  const [listing, setListing] = useState<RemoteListing>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const refresh = useCallback(async () => {
    if (!enabled) return;
    const mine = ++seq.current;
    setLoading(true);
    const r = await api.invoke('files:list', { path });
    if (mine !== seq.current) return;
    setLoading(false);
    if (r.ok) {
      setListing(r.value);
      setError(undefined);
    } else setError(r.error.message);
  }, [path, enabled]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    if (listing && generation !== undefined && generation > listing.generation) void refresh();
    // Only a new session makes the listing stale.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [generation]);
  const current = listing && listing.path === path ? listing : undefined;
  return { listing: current, error, loading, refresh };
}

/** The transfer queue as the core last sent it. */
export function useTransfers(): TransfersSnapshot | undefined {
  const [t, setT] = useState<TransfersSnapshot>();
  useEffect(() => {
    let live = true;
    void api.invoke('files:transfers', {}).then((r) => live && r.ok && setT((cur) => cur ?? r.value));
    return () => {
      live = false;
    };
  }, []);
  useBridgeEvent('files:transfers', setT);
  return t;
}

/** Capacity of the eMMC as far as the app knows it; refreshed when asked. */
export function useCapacity(enabled: boolean, key: unknown): Capacity | undefined {
  const [c, setC] = useState<Capacity>();
  useEffect(() => {
    if (!enabled) return;
    void api.invoke('files:capacity', {}).then((r) => r.ok && setC(r.value));
  }, [enabled, key]);
  return c;
}
