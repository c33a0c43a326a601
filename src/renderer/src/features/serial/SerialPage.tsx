import { Alert, Box, Typography } from '@mui/material';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { SerialConsoleState } from '../../../../shared/bridge/contracts/serial';
import { api } from '../../bridge';
import { useBridgeEvent } from '../../bridge/hooks';
import { EmptyState } from '../../components/EmptyState';
import { FirmwareEventList } from './FirmwareEventList';
import { LogToFile } from './LogToFile';
import { SendBar } from './SendBar';
import { SerialConnectBar } from './SerialConnectBar';
import { formatTime, lineHex, MAX_SCROLLBACK, SerialStore } from './serial-store';
import { TerminalToolbar, type DisplayToggles } from './TerminalToolbar';
import { TerminalView } from './TerminalView';

/** The board's USART3 console: a device (ST-LINK virtual COM port, or a typed path) or the virtual board's log. */
export function SerialPage() {
  const [store] = useState(() => new SerialStore());
  const view = useSyncExternalStore(store.subscribe, store.snapshot);
  const [state, setState] = useState<SerialConsoleState | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [toggles, setToggles] = useState<DisplayToggles>({ hex: false, wrap: false, timestamps: true });
  const [query, setQuery] = useState('');
  const [match, setMatch] = useState(-1);
  const [selectedSeq, setSelectedSeq] = useState<number | undefined>();

  useEffect(() => {
    let cancelled = false;
    void api.invoke('serial:history', { limit: MAX_SCROLLBACK }).then((r) => {
      if (cancelled) return;
      if (r.ok) {
        store.load(r.value.lines, r.value.events, r.value.state.stats.dropped);
        setState(r.value.state);
      } else setError(r.error.message);
    });
    return () => {
      cancelled = true;
    };
  }, [store]);

  // A batch that overflowed left a hole: fetch the core's scrollback (it kept those lines) once things calm down.
  const resync = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(resync.current), []);
  useBridgeEvent('serial:lines', (b) => {
    store.append(b);
    if (b.dropped === 0 || resync.current !== undefined) return;
    resync.current = window.setTimeout(() => {
      void api.invoke('serial:history', { limit: MAX_SCROLLBACK }).then((r) => {
        resync.current = undefined;
        if (r.ok && !store.snapshot().paused)
          store.load(r.value.lines, r.value.events, r.value.state.stats.dropped);
      });
    }, 300);
  });
  useBridgeEvent('serial:event', (e) => store.addEvent(e));
  useBridgeEvent('serial:state', setState);

  const matches = useMemo(() => {
    if (!query) return [];
    const q = query.toLowerCase();
    const out: number[] = [];
    for (const l of view.lines)
      if ((toggles.hex ? lineHex(l) : l.text).toLowerCase().includes(q)) out.push(l.seq);
    return out;
  }, [query, view.lines, toggles.hex]);

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

  const clear = async () => {
    const r = await api.invoke('serial:clear', {});
    if (r.ok) store.clear();
    else setError(r.error.message);
  };
  const copyAll = async () => {
    const text = store
      .all()
      .map((l) => `${toggles.timestamps ? `${formatTime(l.t)}  ` : ''}${toggles.hex ? lineHex(l) : l.text}`)
      .join('\n');
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      setError('The browser refused clipboard access; select the lines and copy them instead.');
    }
  };

  const stats = state?.stats;
  const canSend = state?.input.kind === 'device' && state.input.link.kind === 'open';
  const counts = `${view.lines.length.toLocaleString()} lines · ${view.dropped.toLocaleString()} dropped${
    stats?.overlongLines ? ` · ${stats.overlongLines} overlong` : ''
  }${stats?.garbageLines ? ` · ${stats.garbageLines} with bad bytes` : ''}`;
  const idle = view.lines.length === 0 && (state?.input.kind ?? 'none') === 'none';

  return (
    <Box
      sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}
      data-testid="serial-page"
      data-loaded={state ? 'yes' : 'no'}
    >
      <SerialConnectBar state={state} onError={setError} />
      {error && (
        <Alert
          severity="error"
          onClose={() => setError(undefined)}
          sx={{ borderRadius: 0 }}
          data-testid="serial-error"
        >
          {error}
        </Alert>
      )}
      <TerminalToolbar
        toggles={toggles}
        onToggles={setToggles}
        query={query}
        onQuery={onQuery}
        matchLabel={
          matches.length
            ? `${match >= 0 ? Math.min(match, matches.length - 1) + 1 : '–'} / ${matches.length}`
            : 'no match'
        }
        onPrev={() => step(-1)}
        onNext={() => step(1)}
        paused={view.paused}
        onPause={() => store.setPaused(!view.paused)}
        onClear={() => void clear()}
        onCopy={() => void copyAll()}
        logControl={<LogToFile logging={state?.logging ?? null} onError={setError} />}
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
            <EmptyState title="No serial port open">
              Pick the board's ST-LINK virtual COM port above (115200 8N1; listed with vendor 0483), or type a
              device path such as /dev/ttyACM0 or a pseudo-terminal, then Connect. Selecting the virtual board
              shows its serial log here.
            </EmptyState>
          </Box>
        ) : (
          <TerminalView lines={view.lines} options={{ ...toggles, query, activeSeq }} />
        )}
        <FirmwareEventList events={view.events} onSelect={setSelectedSeq} />
      </Box>
      <SendBar canSend={canSend} onError={setError} />
    </Box>
  );
}
