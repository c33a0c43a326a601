import { useFocusRequest, useNavigation } from '../../app/navigation';
import { Alert, Box, Snackbar } from '@mui/material';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../bridge';
import { useBridgeEvent } from '../../bridge/hooks';
import { EmptyState } from '../../components/EmptyState';
import { ShownBoard } from '../connection/ShownBoard';
import { BenchProbe, benchRequested, benchWindowMs } from './bench-probe';
import { exportChartsPng } from './png-export';
import { RecordingControls } from './RecordingControls';
import { SeriesPanel } from './SeriesPanel';
import { TelemetryCharts, type ChartLayout } from './TelemetryCharts';
import { TelemetryToolbar } from './TelemetryToolbar';
import { TelemetryStore } from './telemetry-store';
import type { ViewRange } from './use-chart-clock';

/** Rows of history asked from the core when the page opens (decimated there). */
const HISTORY_POINTS = 100_000;

/** Live charts of every numeric telemetry field, with recording and exports. */
export function TelemetryPage() {
  const [store] = useState(() => new TelemetryStore());
  const [probe] = useState(() => (benchRequested() ? new BenchProbe(() => store.samplesIn) : undefined));
  const [hasData, setHasData] = useState(false);
  const [windowMs, setWindowMs] = useState(() => benchWindowMs() ?? 60_000);
  const [zoom, setZoom] = useState<{ fromT: number; toT: number } | undefined>();
  const [paused, setPaused] = useState(false);
  const [pausedAt, setPausedAt] = useState(0);
  const [layout, setLayout] = useState<ChartLayout>('stacked');
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | undefined>();
  const charts = useRef<HTMLDivElement>(null);

  useEffect(() => () => probe?.dispose(), [probe]);
  useBridgeEvent('telemetry:batch', (batch) => store.apply(batch));
  useEffect(() => {
    const load = () =>
      void api.invoke('telemetry:history', { maxPoints: HISTORY_POINTS }).then((r) => {
        if (r.ok && r.value.t.length) store.loadHistory(r.value);
      });
    // Another board shown: the core kept its history while the app runs, so ask for it again.
    let board = store.boardId;
    const off = store.subscribe(() => {
      setHasData(store.length > 0);
      if (store.boardId === board) return;
      const switched = board !== null;
      board = store.boardId;
      if (switched) load();
    });
    load();
    return off;
  }, [store]);

  const togglePause = useCallback(() => {
    setPaused((p) => {
      if (!p) setPausedAt(store.samplesIn);
      return !p;
    });
  }, [store]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.code !== 'Space' || e.repeat || target?.closest('input, textarea, button, [role="button"]'))
        return;
      e.preventDefault();
      togglePause();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [togglePause]);

  const range: ViewRange = useMemo(
    () => (zoom ? { kind: 'fixed', fromT: zoom.fromT, toT: zoom.toT } : { kind: 'live', windowMs }),
    [zoom, windowMs],
  );
  const onZoom = useCallback((fromT: number, toT: number) => setZoom({ fromT, toT }), []);
  const { goTo } = useNavigation();
  // A frame's telemetry fields link back here: show 30 s around its time.
  useFocusRequest('telemetry', (t) => setZoom({ fromT: t - 15_000, toT: t + 15_000 }));
  const onPick = useCallback((t: number) => goTo('frames', t), [goTo]);
  const onToggle = useCallback(
    (name: string) =>
      setHidden((h) => {
        const next = new Set(h);
        if (!next.delete(name)) next.add(name);
        return next;
      }),
    [],
  );
  const exportRange = useCallback(() => {
    if (!store.length) return undefined;
    if (zoom) return { fromT: zoom.fromT, toT: zoom.toT + 1 };
    return { fromT: store.lastT - windowMs, toT: store.lastT + 1 };
  }, [store, zoom, windowMs]);
  const onPng = useCallback(() => {
    if (!charts.current) return;
    const name = `telemetry-${new Date().toISOString().replace(/[:.]/g, '-')}.png`;
    exportChartsPng(charts.current, name).then(
      () => setMessage({ severity: 'success', text: `Downloaded ${name}.` }),
      (err: Error) => setMessage({ severity: 'error', text: err.message }),
    );
  }, []);

  return (
    <Box sx={{ height: '100%', display: 'flex', flexDirection: 'column', minHeight: 0 }}>
      <Box
        sx={{
          px: 2,
          py: 1,
          display: 'flex',
          flexDirection: 'column',
          gap: 1,
          borderBottom: 1,
          borderColor: 'divider',
        }}
      >
        <ShownBoard page="Telemetry" dense />
        <TelemetryToolbar
          store={store}
          windowMs={windowMs}
          onWindow={(ms) => {
            setWindowMs(ms);
            setZoom(undefined);
          }}
          paused={paused}
          pausedAtSamples={pausedAt}
          onPause={togglePause}
          layout={layout}
          onLayout={setLayout}
          zoomed={zoom !== undefined}
          onResetZoom={() => setZoom(undefined)}
        />
        <RecordingControls exportRange={exportRange} onPng={onPng} onMessage={setMessage} />
      </Box>
      {hasData ? (
        <Box sx={{ flex: 1, minHeight: 0, display: 'flex' }}>
          <Box ref={charts} sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', p: 1 }}>
            <TelemetryCharts
              store={store}
              range={range}
              paused={paused}
              layout={layout}
              hidden={hidden}
              onZoom={onZoom}
              onPick={onPick}
              probe={probe}
            />
          </Box>
          <SeriesPanel store={store} hidden={hidden} onToggle={onToggle} />
        </Box>
      ) : (
        <EmptyState title="No telemetry yet">
          Charts appear here as soon as the selected board sends telemetry. Start the virtual board or connect
          a real one. You can start a recording now; it captures every message once the board is linked.
        </EmptyState>
      )}
      <Snackbar
        open={message !== undefined}
        autoHideDuration={6000}
        onClose={() => setMessage(undefined)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
      >
        {message ? (
          <Alert
            severity={message.severity}
            onClose={() => setMessage(undefined)}
            variant="filled"
            sx={{ maxWidth: 700 }}
          >
            {message.text}
          </Alert>
        ) : undefined}
      </Snackbar>
    </Box>
  );
}
