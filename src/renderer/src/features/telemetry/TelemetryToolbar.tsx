import ZoomOutIcon from '@mui/icons-material/ZoomOutMap';
import { Box, Button, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { mono, signal } from '../../ui/theme';
import { PauseButton } from '../../components/PauseButton';
import type { ChartLayout } from './TelemetryCharts';
import { WINDOWS } from './format';
import { reachWords } from './reach-words';
import type { TelemetryStore } from './telemetry-store';

interface Props {
  readonly store: TelemetryStore;
  readonly windowMs: number;
  readonly onWindow: (ms: number) => void;
  readonly paused: boolean;
  readonly pausedAtSamples: number;
  readonly onPause: () => void;
  readonly layout: ChartLayout;
  readonly onLayout: (l: ChartLayout) => void;
  readonly zoomed: boolean;
  readonly onResetZoom: () => void;
}

/** Reads `read()` every `ms` and re-renders only when what it gives changed (strings compare by value). */
function usePolled<T>(read: () => T, ms: number): T {
  const [value, setValue] = useState(read);
  useEffect(() => {
    setValue(read());
    const t = window.setInterval(() => setValue(read()), ms);
    return () => window.clearInterval(t);
  }, [read, ms]);
  return value;
}

/** The honest counters, polled on their own so the toolbar's buttons do not re-render with them. */
function LiveCounts({ store, windowMs }: { store: TelemetryStore; windowMs: number }) {
  const read = useCallback(() => {
    const c = store.counts;
    const heldMs = store.length ? store.lastT - store.firstT : 0;
    // With the run recorded, a window longer than memory reaches into the session file: nothing is short then.
    const short =
      store.length > 0 &&
      windowMs > heldMs * 1.05 &&
      store.evicted > 0 &&
      store.older.reach?.recorded !== true;
    // Tenths of a sample a second over the last 10 s: the board's own rate, on the core's clock.
    const rate = Math.round(store.rate() * 10);
    return JSON.stringify([c.received, c.invalid, c.dropped, short ? Math.round(heldMs / 60_000) : -1, rate]);
  }, [store, windowMs]);
  const [received, invalid, dropped, heldMin, rate10] = JSON.parse(usePolled(read, 250)) as number[];
  const rate = rate10! / 10;
  return (
    <Typography
      variant="caption"
      color="text.secondary"
      sx={{ fontFamily: mono }}
      data-testid="telemetry-counts"
    >
      <Box component="span" data-testid="telemetry-rate" data-rate={rate}>
        {rate.toFixed(1)} samples/s
      </Box>{' '}
      · {received!.toLocaleString('en-US')} received · {invalid!.toLocaleString('en-US')} invalid ·{' '}
      <Box component="span" sx={{ color: dropped ? signal.error : undefined }}>
        {dropped!.toLocaleString('en-US')} dropped
      </Box>
      {heldMin! >= 0 && ` · history holds the last ${heldMin} min`}
    </Typography>
  );
}

/** How far back the history goes, and from where, polled on its own. */
function HistoryReach({ store }: { store: TelemetryStore }) {
  const read = useCallback(() => reachWords(store.older.reach, store.coreNow()) ?? '', [store]);
  const words = usePolled(read, 1000);
  if (!words) return null;
  return (
    <Typography
      variant="caption"
      color="text.secondary"
      sx={{ fontFamily: mono }}
      data-testid="telemetry-history-reach"
    >
      {words}
    </Typography>
  );
}

/** "paused — N new samples", polled on its own. */
function PausedCount({ store, pausedAt }: { store: TelemetryStore; pausedAt: number }) {
  const read = useCallback(() => store.samplesIn - pausedAt, [store, pausedAt]);
  const n = usePolled(read, 250);
  return (
    <Typography variant="body2" sx={{ color: signal.warn }} data-testid="telemetry-paused">
      paused — {n.toLocaleString('en-US')} new samples
    </Typography>
  );
}

/** Window, live/pause, layout, zoom reset, and the honest counters. */
export function TelemetryToolbar(p: Props) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={p.windowMs}
        onChange={(_e, v: number | null) => v !== null && p.onWindow(v)}
        aria-label="Time window"
      >
        {WINDOWS.map((w) => (
          <ToggleButton key={w.ms} value={w.ms} sx={{ px: 1.25, py: 0.25 }}>
            {w.label}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <PauseButton
        paused={p.paused}
        onClick={p.onPause}
        testId="telemetry-pause"
        resumeLabel="Resume live"
        title="Space"
      />
      <ToggleButtonGroup
        size="small"
        exclusive
        value={p.layout}
        onChange={(_e, v: ChartLayout | null) => v && p.onLayout(v)}
        aria-label="Layout"
      >
        <ToggleButton value="stacked" sx={{ px: 1.25, py: 0.25 }}>
          Stacked
        </ToggleButton>
        <ToggleButton value="overlay" sx={{ px: 1.25, py: 0.25 }}>
          Overlaid
        </ToggleButton>
      </ToggleButtonGroup>
      {p.zoomed && (
        <Button size="small" startIcon={<ZoomOutIcon />} onClick={p.onResetZoom}>
          Reset zoom
        </Button>
      )}
      {p.paused && <PausedCount store={p.store} pausedAt={p.pausedAtSamples} />}
      <Box sx={{ flex: 1 }} />
      <HistoryReach store={p.store} />
      <LiveCounts store={p.store} windowMs={p.windowMs} />
    </Box>
  );
}
