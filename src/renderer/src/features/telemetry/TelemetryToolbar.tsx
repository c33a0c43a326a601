import PauseIcon from '@mui/icons-material/Pause';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import ZoomOutIcon from '@mui/icons-material/ZoomOutMap';
import { Box, Button, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { mono, signal } from '../../app/theme';
import type { ChartLayout } from './TelemetryCharts';
import { WINDOWS } from './format';
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

/** Window, live/pause, layout, zoom reset, and the honest counters. */
export function TelemetryToolbar(p: Props) {
  const [counts, setCounts] = useState(p.store.counts);
  const [samples, setSamples] = useState(p.store.samplesIn);
  const [held, setHeld] = useState({ length: 0, firstT: NaN, lastT: NaN });
  useEffect(() => {
    const update = () => {
      setCounts(p.store.counts);
      setSamples(p.store.samplesIn);
      setHeld({ length: p.store.length, firstT: p.store.firstT, lastT: p.store.lastT });
    };
    update();
    const t = window.setInterval(update, 250);
    return () => window.clearInterval(t);
  }, [p.store]);
  const heldMs = held.length ? held.lastT - held.firstT : 0;
  const short = held.length > 0 && p.windowMs > heldMs * 1.05 && p.store.evicted > 0;

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
      <Button
        size="small"
        variant={p.paused ? 'contained' : 'outlined'}
        color={p.paused ? 'warning' : 'primary'}
        startIcon={p.paused ? <PlayArrowIcon /> : <PauseIcon />}
        onClick={p.onPause}
        data-testid="telemetry-pause"
        title="Space"
      >
        {p.paused ? 'Resume live' : 'Pause'}
      </Button>
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
      {p.paused && (
        <Typography variant="body2" sx={{ color: signal.warn }} data-testid="telemetry-paused">
          paused — {(samples - p.pausedAtSamples).toLocaleString('en-US')} new samples
        </Typography>
      )}
      <Box sx={{ flex: 1 }} />
      <Typography
        variant="caption"
        color="text.secondary"
        sx={{ fontFamily: mono }}
        data-testid="telemetry-counts"
      >
        {counts.received.toLocaleString('en-US')} received · {counts.invalid.toLocaleString('en-US')} invalid
        ·{' '}
        <Box component="span" sx={{ color: counts.dropped ? signal.error : undefined }}>
          {counts.dropped.toLocaleString('en-US')} dropped
        </Box>
        {short && ` · history holds the last ${Math.round(heldMs / 60_000)} min`}
      </Typography>
    </Box>
  );
}
