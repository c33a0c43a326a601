import { Box, Checkbox, Typography } from '@mui/material';
import { memo, useEffect, useState } from 'react';
import { fieldUnit, type FieldUnits } from '../../../../shared/telemetry/fields';
import { mono } from '../../ui/theme';
import { formatSample, formatValue, seriesColor } from './format';
import type { ChartView, SeriesStats, TelemetryStore } from './telemetry-store';
import { UnitField } from './UnitField';

interface Props {
  readonly store: TelemetryStore;
  readonly hidden: ReadonlySet<string>;
  readonly onToggle: (name: string) => void;
  readonly units: FieldUnits;
  readonly onUnit: (field: string, unit: string) => Promise<string | undefined>;
}

/**
 * Show/hide per series, with min/max/mean over the window last drawn (exact). Read twice a second, and at once
 * when the first view is drawn or the window's span changes (a zoom, another window size).
 */
export const SeriesPanel = memo(function SeriesPanel({ store, hidden, onToggle, units, onUnit }: Props) {
  const [rows, setRows] = useState<Array<{ name: string; latest: number; stats: SeriesStats | undefined }>>(
    [],
  );
  useEffect(() => {
    let shown: ChartView | undefined;
    let shownAt = -Infinity;
    const update = () => {
      const view = store.lastView;
      const now = performance.now();
      const span = (v: ChartView | undefined) => (v ? v.toT - v.fromT : NaN);
      const fresh = view !== undefined && (shown === undefined || span(view) !== span(shown));
      if (!fresh && now - shownAt < 500) return;
      shown = view;
      shownAt = now;
      const stats = view?.stats ?? [];
      // The newest value the window on screen holds: while paused it stays with the view, as the figures do.
      setRows(
        store.series.map((name, i) => ({
          name,
          latest: view ? store.lastValue(i, view.fromT, view.toT) : NaN,
          stats: stats[i],
        })),
      );
    };
    update();
    const timer = window.setInterval(update, 100);
    return () => window.clearInterval(timer);
  }, [store]);

  return (
    <Box
      component="aside"
      aria-label="Series"
      sx={{ width: 250, flexShrink: 0, borderLeft: 1, borderColor: 'divider', overflowY: 'auto', p: 1 }}
    >
      <Typography variant="overline" color="text.secondary">
        Series · visible window
      </Typography>
      {rows.map(({ name, latest, stats }, i) => {
        const unit = fieldUnit(name, units);
        const u = unit ? ` ${unit}` : '';
        return (
          <Box key={name} sx={{ mb: 1 }} data-testid={`series-${name}`}>
            <Box sx={{ display: 'flex', alignItems: 'center' }}>
              <Checkbox
                size="small"
                checked={!hidden.has(name)}
                onChange={() => onToggle(name)}
                slotProps={{ input: { 'aria-label': `Show ${name}` } }}
                sx={{ p: 0.5, color: seriesColor(i), '&.Mui-checked': { color: seriesColor(i) } }}
              />
              <Typography
                variant="body2"
                sx={{ fontWeight: 600, flex: 1, overflow: 'hidden', textOverflow: 'ellipsis' }}
              >
                {name}
              </Typography>
              <Typography variant="body2" sx={{ fontFamily: mono }} data-testid={`series-${name}-latest`}>
                {Number.isFinite(latest) ? `${formatSample(name, latest)}${u}` : '—'}
              </Typography>
            </Box>
            <Typography
              variant="caption"
              color="text.secondary"
              component="div"
              sx={{ fontFamily: mono, pl: 4 }}
            >
              {stats
                ? `min ${formatSample(name, stats.min)} · max ${formatSample(name, stats.max)}${u}`
                : 'no values in window'}
              {stats && <br />}
              {stats && `mean ${formatValue(stats.mean)}${u} · n ${stats.count.toLocaleString('en-US')}`}
            </Typography>
            <UnitField name={name} unit={unit} onSave={onUnit} />
          </Box>
        );
      })}
    </Box>
  );
});
