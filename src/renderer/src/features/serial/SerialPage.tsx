import { Alert, Box, Typography } from '@mui/material';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ShownBoard, useShownBoard } from '../connection/ShownBoard';
import { FirmwareEventList } from './FirmwareEventList';
import { LogToFile } from './LogToFile';
import { matchLabel, searchMatches } from './search-matches';
import { SendBar } from './SendBar';
import { SerialConnectBar } from './SerialConnectBar';
import { formatTime, lineHex } from './serial-scrollback';
import { SerialStore, type BoardSerialView } from './serial-store';
import { TerminalToolbar, type DisplayToggles } from './TerminalToolbar';
import { TerminalView } from './TerminalView';
import { newSerialStore } from './use-serial-store';

/** Board `boardId`'s console from the store, loaded when the page shows it. */
function useSerialBoard(store: SerialStore, boardId: string | undefined): BoardSerialView {
  useEffect(() => {
    if (boardId !== undefined) store.show(boardId);
  }, [store, boardId]);
  return useSyncExternalStore(store.subscribe, () => store.board(boardId));
}

/**
 * The focused board's USART3 console: a device (ST-LINK virtual COM port, or a typed path) or a virtual board's
 * UART. Each board has its own console; this page shows only the focused board's.
 */
export function SerialPage() {
  const [store] = useState(newSerialStore);
  const boardId = useShownBoard()?.id;
  const board = useSerialBoard(store, boardId);
  const view = board.scroll;
  const state = board.state;
  const [toggles, setToggles] = useState<DisplayToggles>({ hex: false, wrap: false, timestamps: true });
  const [query, setQuery] = useState('');
  const [match, setMatch] = useState(-1);
  const [selectedSeq, setSelectedSeq] = useState<number | undefined>();
  const [copyError, setCopyError] = useState<string | undefined>();

  // Another board's lines are another scrollback: a chosen line or match does not carry over.
  useEffect(() => {
    setMatch(-1);
    setSelectedSeq(undefined);
    setCopyError(undefined);
  }, [boardId]);

  const matches = useMemo(
    () => searchMatches(view.lines, query, toggles.hex),
    [query, view.lines, toggles.hex],
  );

  const step = (d: 1 | -1) => {
    if (matches.length === 0) return;
    setSelectedSeq(undefined);
    setMatch((m) => (m < 0 ? (d === 1 ? 0 : matches.length - 1) : (m + d + matches.length) % matches.length));
  };
  const activeSeq =
    selectedSeq ?? (query && match >= 0 ? matches[Math.min(match, matches.length - 1)] : undefined);

  const onQuery = useCallback((q: string) => {
    setQuery(q);
    setMatch(-1);
    setSelectedSeq(undefined);
  }, []);

  const copyAll = async () => {
    if (boardId === undefined) return;
    const text = store
      .all(boardId)
      .map((l) =>
        l.mark
          ? `— ${l.text} at ${formatTime(l.t)} —`
          : `${toggles.timestamps ? `${formatTime(l.t)}  ` : ''}${toggles.hex ? lineHex(l) : l.text}`,
      )
      .join('\n');
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      setCopyError('The browser refused clipboard access; select the lines and copy them instead.');
    }
  };

  const stats = state?.stats;
  const received = useMemo(() => view.lines.reduce((n, l) => (l.mark ? n : n + 1), 0), [view.lines]);
  const canSend = state?.input.kind === 'device' && state.input.link.kind === 'open';
  const counts = `${received.toLocaleString()} lines · ${view.dropped.toLocaleString()} dropped${
    stats?.overlongLines ? ` · ${stats.overlongLines} overlong` : ''
  }${stats?.garbageLines ? ` · ${stats.garbageLines} with bad bytes` : ''}`;
  const idle = view.lines.length === 0 && (state?.input.kind ?? 'none') === 'none';
  const error = board.error ?? copyError;
  const dismiss = () => {
    setCopyError(undefined);
    if (boardId !== undefined) store.setError(boardId, undefined);
  };

  return (
    <Box
      sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}
      data-testid="serial-page"
      data-board={boardId ?? ''}
      data-loaded={state ? 'yes' : 'no'}
    >
      <Box sx={{ px: 1.5, pt: 1 }}>
        <ShownBoard page="Serial" dense />
      </Box>
      <SerialConnectBar store={store} boardId={boardId} state={state} />
      {error && (
        <Alert severity="error" onClose={dismiss} sx={{ borderRadius: 0 }} data-testid="serial-error">
          {error}
        </Alert>
      )}
      <TerminalToolbar
        toggles={toggles}
        onToggles={setToggles}
        query={query}
        onQuery={onQuery}
        matchLabel={matchLabel(matches.length, match)}
        onPrev={() => step(-1)}
        onNext={() => step(1)}
        paused={view.paused}
        onPause={() => boardId !== undefined && store.setPaused(boardId, !view.paused)}
        onClear={() => boardId !== undefined && void store.clear(boardId)}
        onCopy={() => void copyAll()}
        logControl={<LogToFile store={store} boardId={boardId} logging={state?.logging ?? null} />}
        counts={counts}
      />
      {view.paused && (
        <Box
          sx={{ px: 1.5, py: 0.5, bgcolor: 'rgba(255,179,0,0.12)', color: 'warning.main' }}
          data-testid="serial-paused"
        >
          <Typography variant="caption">
            Display paused — {view.newWhilePaused.toLocaleString()} new lines received (still recording).
            Resume to see them.
          </Typography>
        </Box>
      )}
      <Box sx={{ flex: 1, display: 'flex', minHeight: 0 }}>
        {idle ? (
          <Box sx={{ flex: 1 }}>
            <EmptyState title={boardId === undefined ? 'No board selected' : 'No serial port open'}>
              {boardId === undefined
                ? 'Select a board above to see its serial console.'
                : "Pick this board's ST-LINK virtual COM port above (115200 8N1; listed with vendor 0483), or type a device path such as /dev/ttyACM0 or a pseudo-terminal, then Connect. A virtual board's console shows its UART on its own."}
            </EmptyState>
          </Box>
        ) : (
          <TerminalView lines={view.lines} options={{ ...toggles, query, activeSeq }} />
        )}
        <FirmwareEventList events={view.events} onSelect={setSelectedSeq} />
      </Box>
      <SendBar store={store} boardId={boardId} canSend={canSend} />
    </Box>
  );
}
