import { Box, Typography } from '@mui/material';
import { memo, useCallback, useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import { useBoxSize } from '../../ui/use-box-size';
import { fieldUnit, firmwareField, type FieldUnits } from '../../../../shared/telemetry/fields';
import { mono } from '../../ui/theme';
import type { BenchProbe } from './bench-probe';
import { HoverTip, type DrawnSeries } from './chart-layers';
import { axisDomain, axisLead, type TimeDomain } from './axis-scroll';
import { AXIS_W, ChartFrame, RIGHT_PAD } from './ChartFrame';
import { formatRange, seriesColor } from './format';
import { LiveView, silenceNote } from './live-view';
import { beforeRunWords } from './reach-words';
import type { TelemetryStore } from './telemetry-store';
import { useChartClock, type ViewRange } from './use-chart-clock';
import { forSeries } from '../alarms/alarm-views';
import { useChartAlarms } from '../alarms/use-alarms';
import { sameAxis, valueAxis, type ValueAxis } from './value-axis';

/** How the series are drawn. */
export type ChartLayout = 'stacked' | 'overlay';

interface Props {
  readonly store: TelemetryStore;
  readonly range: ViewRange;
  readonly paused: boolean;
  readonly layout: ChartLayout;
  readonly hidden: ReadonlySet<string>;
  /** Units the user gave to fields the firmware does not define. */
  readonly units: FieldUnits;
  readonly onZoom: (fromT: number, toT: number) => void;
  /** A double-click on a chart asks for the frame that carried the sample at that time. */
  readonly onPick?: (t: number) => void;
  readonly probe?: BenchProbe;
}

const EMPTY_AXIS = valueAxis(0, 1);

/** How the window on screen was chosen (said above the charts and in every export). */
export type ViewKind = 'live' | 'paused' | 'zoomed';

/**
 * The chart area: one chart per series (stacked, shared time axis) or all in one, redrawn on the clock. recharts
 * draws axes, grid, marks and the zoom selection; the series are one path each (chart-layers.tsx), decimated to
 * min/max per pixel column, so a redraw never hands recharts thousands of points (ChartFrame.tsx).
 */
export const TelemetryCharts = memo(function TelemetryCharts({
  store,
  range,
  paused,
  layout,
  hidden,
  units,
  onZoom,
  onPick,
  probe,
}: Props) {
  const [box, size] = useBoxSize();
  // Overlaid, each series is drawn against its own axis in its colour: never one series' scale for all.
  const visible = store.series.filter((n) => !hidden.has(n)).length;
  const axesOf = layout === 'overlay' ? Math.max(1, visible) : 1;
  const leftW = layout === 'overlay' ? Math.ceil(axesOf / 2) * AXIS_W : AXIS_W;
  const rightW = layout === 'overlay' ? Math.floor(axesOf / 2) * AXIS_W : 0;
  const chartW = Math.max(200, size.width - 8);
  const plotW = Math.max(1, chartW - leftW - rightW - RIGHT_PAD);
  // One bucket per pixel column: each keeps its min and max, so no spike is lost and nothing finer is drawn.
  const buckets = Math.max(50, Math.round(plotW));
  const { view, elapsed } = useChartClock(store, range, paused, buckets);
  // Only the shown board's alarms: the store's data is that board's (its id comes with every batch).
  const alarmsOfBoard = useChartAlarms(store.boardId ?? undefined);
  const [sel, setSel] = useState<{ a: number; b: number } | undefined>();
  const [hoverF, setHoverF] = useState<number | undefined>();
  const axes = useRef(new Map<string, ValueAxis>());
  const [live] = useState(() => new LiveView());
  // The time domain the axes are drawn with: a live view scrolls over it (axis-scroll.ts), so recharts re-renders
  // every eighth of the span while the series layers redraw on every tick.
  const drawnRange = useRef<TimeDomain | undefined>(undefined);

  const shown = view ? view.series.map((name, i) => ({ name, i })).filter((s) => !hidden.has(s.name)) : [];
  const charts = layout === 'overlay' ? [shown] : shown.map((s) => [s]);
  const chartHeight = Math.max(110, Math.floor((size.height - 8) / Math.max(1, charts.length)) - 4);
  const span = view ? view.toT - view.fromT : 1;
  const liveRange = range.kind === 'live';
  if (view) drawnRange.current = axisDomain(drawnRange.current, view, liveRange);
  const axisFrom = drawnRange.current?.fromT ?? 0;
  const axisTo = drawnRange.current?.toT ?? 1;
  const unitOf = useCallback((name: string) => fieldUnit(name, units), [units]);
  const kind: ViewKind = range.kind === 'fixed' ? 'zoomed' : paused ? 'paused' : 'live';
  // The value axis of each series, kept as the same object while its domain holds (so it is not re-derived).
  const axisOf = (s: { name: string; i: number }): ValueAxis => {
    const st = view?.stats[s.i];
    if (!st) return axes.current.get(s.name) ?? EMPTY_AXIS;
    // Whole ticks for a field that is whole on the wire, or whose every value so far was whole (whole °C).
    const whole = firmwareField(s.name)?.type === 'integer' || store.wholeValued(s.name);
    const next = valueAxis(st.min, st.max, whole);
    const prev = axes.current.get(s.name);
    if (prev && sameAxis(prev, next)) return prev;
    axes.current.set(s.name, next);
    return next;
  };
  const drawn = (group: ReadonlyArray<{ name: string; i: number }>) =>
    group.map((g): DrawnSeries => ({ ...g, color: seriesColor(g.i), axis: axisOf(g) }));
  // A live window keeps moving while nothing arrives: say so rather than plainly "live".
  const silence = view && kind === 'live' && store.length ? view.toT - store.lastT : NaN;
  const stale = silenceNote(silence, store.recentPeriod());
  const beforeRun = view ? beforeRunWords(view.fromT, view.toT, store.older.reach) : undefined;
  const hoverT = view && hoverF !== undefined ? view.fromT + hoverF * span : undefined;
  const sample = view && hoverT !== undefined ? store.sampleAt(hoverT, view.fromT, view.toT) : undefined;

  useLayoutEffect(() => {
    if (!view) return;
    live.set(view, sample);
    // The series layers re-render synchronously on this update; a microtask runs after React has flushed them.
    if (probe)
      queueMicrotask(() => probe.redraw(elapsed(), view.newestT, (a, b) => store.timesBetween(a, b)));
  }, [view, sample?.t, live, probe, elapsed, store]); // eslint-disable-line react-hooks/exhaustive-deps

  // The pointer's place over the plot area, as a fraction of its width, from the chart's own SVG.
  const fractionAt = (e: MouseEvent<HTMLElement>): number | undefined => {
    const svg = e.currentTarget.querySelector('svg.recharts-surface');
    if (!svg) return undefined;
    const r = svg.getBoundingClientRect();
    const plot = r.width - leftW - rightW - RIGHT_PAD;
    if (plot <= 0) return undefined;
    return Math.min(1, Math.max(0, (e.clientX - r.left - leftW) / plot));
  };
  const timeAt = (e: MouseEvent<HTMLElement>): number | undefined => {
    const f = fractionAt(e);
    return view && f !== undefined ? view.fromT + f * span : undefined;
  };
  const mouse = {
    onMouseDown: (e: MouseEvent<HTMLElement>) => {
      const t = timeAt(e);
      if (t !== undefined) setSel({ a: t, b: t });
    },
    onMouseMove: (e: MouseEvent<HTMLElement>) => {
      const f = fractionAt(e);
      setHoverF(f);
      const t = timeAt(e);
      if (sel && t !== undefined) setSel({ ...sel, b: t });
    },
    onMouseLeave: () => setHoverF(undefined),
    onMouseUp: () => {
      if (sel && Math.abs(sel.b - sel.a) > 0) onZoom(Math.min(sel.a, sel.b), Math.max(sel.a, sel.b));
      setSel(undefined);
    },
  };

  return (
    <>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1, px: 1, pb: 0.5, minWidth: 0 }}>
        <Typography
          variant="caption"
          color="text.secondary"
          data-testid="telemetry-range"
          data-from={view?.fromT}
          data-to={view?.toT}
          data-kind={kind}
          data-stale={stale ? 'true' : undefined}
          sx={{ fontFamily: mono, fontVariantNumeric: 'tabular-nums' }}
        >
          {view
            ? `Showing ${formatRange(view.fromT, view.toT)} · ${view.rawRows.toLocaleString('en-US')} rows · ${kind === 'zoomed' ? 'zoomed in' : kind}${stale ? ` · ${stale}` : ''}`
            : 'Waiting for the first redraw…'}
        </Typography>
        {beforeRun && (
          <Typography
            variant="caption"
            color="text.secondary"
            data-testid="telemetry-before-run"
            sx={{ fontFamily: mono, fontVariantNumeric: 'tabular-nums' }}
          >
            · {beforeRun}
          </Typography>
        )}
      </Box>
      <Box
        ref={box}
        data-testid="telemetry-charts"
        // The time axis, for the PNG export's marker lines (png-export.ts).
        data-axis-from={axisFrom}
        data-axis-to={axisTo}
        data-plot-left={leftW}
        data-plot-width={plotW}
        sx={{ flex: 1, minHeight: 0, overflowY: 'auto', overflowX: 'hidden' }}
      >
        {view &&
          charts.map((group, k) => {
            const series = drawn(group);
            return (
              <div
                key={group.map((s) => s.name).join('+') || k}
                style={{ position: 'relative' }}
                data-testid="telemetry-chart"
                title={
                  onPick ? 'Drag to zoom · double-click to open the frame that carried a sample' : undefined
                }
                onDoubleClick={(e) => {
                  const t = timeAt(e);
                  if (t !== undefined) onPick?.(t);
                }}
                {...mouse}
              >
                <ChartFrame
                  width={chartW}
                  height={chartHeight}
                  fromT={axisFrom}
                  toT={axisTo}
                  lead={liveRange ? axisLead(axisTo - axisFrom) : 0}
                  plotW={plotW}
                  series={series}
                  overlaid={layout === 'overlay'}
                  unitOf={unitOf}
                  leftW={leftW}
                  first={k === 0}
                  last={k === charts.length - 1}
                  marks={view.marks}
                  sel={sel}
                  live={live}
                  alarms={forSeries(
                    alarmsOfBoard,
                    group.map((g) => g.name),
                  )}
                />
                {sample && (
                  <HoverTip
                    sample={sample}
                    series={series}
                    unitOf={unitOf}
                    x={leftW + ((sample.t - view.fromT) / span) * plotW}
                    boxWidth={chartW}
                  />
                )}
              </div>
            );
          })}
      </Box>
    </>
  );
});
