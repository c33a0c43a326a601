import { useFocusRequest, useNavigation } from '../../ui/navigation';
import { Alert, Box, Snackbar } from '@mui/material';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { fieldUnit, nameWithUnit } from '../../../../shared/telemetry/fields';
import { ShownBoard, useShownBoard } from '../connection/ShownBoard';
import { useBoardProfiles } from '../connection/links-context';
import { BenchProbe, benchRequested, benchWindowMs } from './bench-probe';
import { formatDate, formatRange, formatTime, seriesColor, utcOffset } from './format';
import { runs } from '../sessions/use-runs';
import { exportChartsPng } from './png-export';
import { RecordingControls } from './RecordingControls';
import { SeriesPanel } from './SeriesPanel';
import { TelemetryCharts, type ChartLayout, type ViewKind } from './TelemetryCharts';
import { TelemetryToolbar } from './TelemetryToolbar';
import { connectTelemetry, telemetryCommands } from './telemetry-feed';
import { TelemetryStore } from './telemetry-store';
import type { ViewRange } from './use-chart-clock';
import { useFieldUnits } from './use-field-units';

/** Live charts of every numeric telemetry field, with recording and exports. */
export function TelemetryPage() {
  const [store] = useState(() => new TelemetryStore());
  const [probe] = useState(() => (benchRequested() ? new BenchProbe(() => store.samplesIn) : undefined));
  /** The board whose samples the store holds (null while it holds none). */
  const [heldBoard, setHeldBoard] = useState<string | null>(null);
  const [windowMs, setWindowMs] = useState(() => benchWindowMs() ?? 60_000);
  const [zoom, setZoom] = useState<{ fromT: number; toT: number } | undefined>();
  const [paused, setPaused] = useState(false);
  const [pausedAt, setPausedAt] = useState(0);
  const [layout, setLayout] = useState<ChartLayout>('stacked');
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | undefined>();
  const charts = useRef<HTMLDivElement>(null);
  const { units, setUnit } = useFieldUnits();
  const boardProfiles = useBoardProfiles();

  useEffect(() => () => probe?.dispose(), [probe]);
  useEffect(() => {
    const off = store.subscribe(() => setHeldBoard(store.length > 0 ? store.boardId : null));
    const disconnect = connectTelemetry(store);
    return () => {
      off();
      disconnect();
    };
  }, [store]);
  // While a board is focused, the charts show the store only when it holds that board: never another board's
  // samples, not even for the moment between a focus move and the core's first batch of the new board. (With no
  // board focused, only a test feeding the pipeline by hand, the store's board is the pipeline's.)
  const shownId = useShownBoard()?.id;
  const ours = heldBoard !== null && (shownId === undefined || heldBoard === shownId);

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
  // Whole milliseconds, so the range an export states (ISO, to the ms) is exactly the range it holds.
  const onZoom = useCallback(
    (fromT: number, toT: number) => setZoom({ fromT: Math.floor(fromT), toT: Math.ceil(toT) }),
    [],
  );
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
  const viewKind: ViewKind = zoom ? 'zoomed' : paused ? 'paused' : 'live';
  // Exports copy the window drawn on screen (frozen while paused), never a window recomputed from the newest data.
  const exportRange = useCallback(() => {
    const v = store.lastView;
    if (!store.length || !v) return undefined;
    return { fromT: v.fromT, toT: v.toT, view: viewKind };
  }, [store, viewKind]);
  // The board whose samples the store holds (not merely the one selected now).
  const boardLabel = useCallback(() => {
    const id = store.boardId;
    const p = boardProfiles?.profiles.find((b) => b.id === id);
    if (p) return `${p.name} · ${p.host}${p.kind === 'virtual' ? ' · virtual' : ''}`;
    return id ?? 'no board';
  }, [store, boardProfiles]);
  const onPng = useCallback(() => {
    const v = store.lastView;
    if (!charts.current || !v) return;
    const now = Date.now();
    const name = `telemetry-${new Date(now).toISOString().replace(/[:.]/g, '-')}.png`;
    void telemetryCommands
      .appInfo()
      .then((info) =>
        exportChartsPng(charts.current!, name, {
          markers: (store.boardId !== null && runs.snapshot().liveMarkers.get(store.boardId)) || [],
          title: `Telemetry — ${boardLabel()}`,
          range:
            `${formatRange(v.fromT, v.toT)} · ${formatDate(v.fromT)}, local time (${utcOffset(v.fromT)}) · ` +
            `${viewKind === 'zoomed' ? 'zoomed in' : viewKind} · ${v.rawRows.toLocaleString('en-US')} rows`,
          legend: v.series
            .map((s, i) => ({ s, i }))
            .filter(({ s }) => !hidden.has(s))
            .map(({ s, i }) => ({ text: nameWithUnit(s, fieldUnit(s, units)), color: seriesColor(i) })),
          footer:
            `Exported ${formatDate(now)} ${formatTime(now).slice(0, 8)} (${utcOffset(now)}) by ` +
            (info.ok ? `${info.value.name} ${info.value.version}` : 'NUCLEO-MEM Bench'),
        }),
      )
      .then(
        (drawn) =>
          setMessage({
            severity: 'success',
            text: `Downloaded ${name} (${drawn.markers} ${drawn.markers === 1 ? 'marker' : 'markers'} drawn).`,
          }),
        (err: Error) => setMessage({ severity: 'error', text: err.message }),
      );
  }, [store, boardLabel, viewKind, hidden, units]);

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
      {ours ? (
        <Box sx={{ flex: 1, minHeight: 0, display: 'flex' }}>
          <Box ref={charts} sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', p: 1 }}>
            <TelemetryCharts
              store={store}
              range={range}
              paused={paused}
              layout={layout}
              hidden={hidden}
              units={units}
              onZoom={onZoom}
              onPick={onPick}
              probe={probe}
            />
          </Box>
          <SeriesPanel store={store} hidden={hidden} onToggle={onToggle} units={units} onUnit={setUnit} />
        </Box>
      ) : (
        <EmptyState title="No telemetry yet">
          Charts appear here as soon as the selected board sends telemetry. Start a virtual board on the Board
          page or connect a real one. You can start a recording now; it captures every message once the board
          is linked.
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
