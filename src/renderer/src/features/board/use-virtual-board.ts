import { useCallback, useEffect, useState } from 'react';
import type { RequestOf } from '../../../../shared/bridge/contract';
import type { UartLineView, VirtualBoardStatus } from '../../../../shared/bridge/contracts/board';
import type { Result } from '../../../../shared/result';
import { api } from '../../bridge';
import { useBridgeEvent } from '../../bridge/hooks';
import { KEEP_LINES, mergeUart, type LogLine } from './board-rules';

/** The virtual board as the Board page sees it: status, a local "starting" phase, UART lines and diagnostics. */
export function useVirtualBoard() {
  const [status, setStatus] = useState<VirtualBoardStatus>();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string>();
  const [uart, setUart] = useState<UartLineView[]>([]);
  const [logs, setLogs] = useState<LogLine[]>([]);

  const loadTail = useCallback(async () => {
    const r = await api.invoke('vboard:uart-tail', { max: KEEP_LINES });
    if (r.ok) setUart((kept) => mergeUart(kept, r.value));
  }, []);

  useEffect(() => {
    let live = true;
    void api.invoke('vboard:status', {}).then((r) => {
      if (!live) return;
      if (r.ok) {
        setStatus((s) => s ?? r.value);
        if (r.value.kind === 'running') void loadTail();
      } else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [loadTail]);

  useBridgeEvent('vboard:status', setStatus);
  useBridgeEvent('vboard:uart', (p) => setUart((kept) => mergeUart(kept, p.lines)));
  useBridgeEvent('vboard:log', (p) => setLogs((kept) => [...kept, ...p.lines].slice(-KEEP_LINES)));

  const start = useCallback(
    async (req: RequestOf<'vboard:start'>) => {
      setError(undefined);
      setStarting(true);
      setUart([]); // a new board numbers its lines from 1 again
      setLogs([]);
      const r = await api.invoke('vboard:start', req);
      setStarting(false);
      if (!r.ok) return setError(r.error.message);
      setStatus(r.value);
      await loadTail(); // the boot log was printed before the events were subscribed
    },
    [loadTail],
  );

  /** Runs a command that answers with the new status; its error is shown inline. */
  const run = useCallback(async (call: () => Promise<Result<VirtualBoardStatus>>) => {
    setError(undefined);
    const r = await call();
    if (r.ok) setStatus(r.value);
    else setError(r.error.message);
    return r.ok;
  }, []);

  return { status, starting, error, setError, uart, logs, start, run, clearLogs: () => setLogs([]) };
}

export type VirtualBoard = ReturnType<typeof useVirtualBoard>;
