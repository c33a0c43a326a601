import { useCallback, useEffect, useState } from 'react';
import type { RequestOf } from '../../../../shared/bridge/contract';
import type { UartLineView, VirtualBoardStatus } from '../../../../shared/bridge/contracts/board';
import { VIRTUAL_BOARD_ID } from '../../../../shared/bridge/contracts/links';
import type { Result } from '../../../../shared/result';
import { api } from '../../bridge';
import { useBridgeEvent } from '../../bridge/hooks';
import { useLinks } from '../connection/links-context';
import { KEEP_LINES, mergeUart, type LogLine } from './board-rules';

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

/**
 * Virtual board `boardId` as the Board page sees it: status, a local "starting" phase, UART lines and
 * diagnostics. Events of the other virtual boards are left out; moving to another board starts over.
 */
export function useVirtualBoard(boardId: string) {
  const [status, setStatus] = useState<VirtualBoardStatus>();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string>();
  const [uart, setUart] = useState<UartLineView[]>([]);
  const [logs, setLogs] = useState<LogLine[]>([]);

  const loadTail = useCallback(async () => {
    const r = await api.invoke('vboard:uart-tail', { boardId, max: KEEP_LINES });
    if (r.ok) setUart((kept) => mergeUart(kept, r.value));
  }, [boardId]);

  useEffect(() => {
    let live = true;
    setStatus(undefined);
    setUart([]);
    setLogs([]);
    setError(undefined);
    void api.invoke('vboard:status', { boardId }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setStatus((s) => s ?? r.value);
        if (r.value.kind === 'running') void loadTail();
      } else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [loadTail, boardId]);

  useBridgeEvent('vboard:status', (s) => {
    if (s.boardId === boardId) setStatus(s);
  });
  useBridgeEvent('vboard:uart', (p) => {
    if (p.boardId === boardId) setUart((kept) => mergeUart(kept, p.lines));
  });
  useBridgeEvent('vboard:log', (p) => {
    if (p.boardId === boardId) setLogs((kept) => [...kept, ...p.lines].slice(-KEEP_LINES));
  });

  const start = useCallback(
    async (req: Omit<RequestOf<'vboard:start'>, 'boardId'>) => {
      setError(undefined);
      setStarting(true);
      setUart([]); // a new board numbers its lines from 1 again
      setLogs([]);
      const r = await api.invoke('vboard:start', { ...req, boardId });
      setStarting(false);
      if (!r.ok) return setError(r.error.message);
      setStatus(r.value);
      await loadTail(); // the boot log was printed before the events were subscribed
    },
    [loadTail, boardId],
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
