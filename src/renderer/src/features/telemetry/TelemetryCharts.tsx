import { Box, Typography } from '@mui/material';
import { memo, useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import { CartesianGrid, Customized, LineChart, ReferenceArea, ReferenceLine, XAxis, YAxis } from 'recharts';
import { fieldUnit, firmwareField, nameWithUnit, type FieldUnits } from '../../../../shared/telemetry/fields';
import type { TimelineMark } from '../../../../shared/telemetry/types';
import { mono, signal } from '../../app/theme';
import type { BenchProbe } from './bench-probe';
import { HoverTip, SeriesLayer, type DrawnSeries } from './chart-layers';
import { formatRange, formatTick, formatValue, seriesColor, timeTicks } from './format';
import type { TelemetryStore } from './telemetry-store';
import { useChartClock, type ViewRange } from './use-chart-clock';
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

const MARK_COLORS: Record<TimelineMark['kind'], string> = {
  reboot: signal.error,
  gap: signal.warn,
  connect: signal.ok,
  disconnect: signal.error,
  stale: signal.warn,
};
/** Width of one value axis; overlaid series get one each, alternately left and right. */
const AXIS_W = 64;
const RIGHT_PAD = 12;

/** How the window on screen was chosen (said above the charts and in every export). */
export type ViewKind = 'live' | 'paused' | 'zoomed';

const NO_DATA: never[] = [];
const EMPTY_AXIS = valueAxis(0, 1);
const tickStyle = { fill: '#9aa4ad', fontSize: 11 };

/**
 * The chart area: one chart per series (stacked, shared time axis) or all in one, redrawn on the clock. recharts
 * draws axes, grid, marks and the zoom selection; the series are one path each (chart-layers.tsx), decimated to
 * min/max per pixel column, so a redraw never hands recharts thousands of points.
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
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 800, height: 400 });
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
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
  const [sel, setSel] = useState<{ a: number; b: number } | undefined>();
  const [hoverF, setHoverF] = useState<number | undefined>();
  const axes = useRef(new Map<string, ValueAxis>());

  useLayoutEffect(() => {
    if (view) probe?.redraw(elapsed(), view.newestT, (a, b) => store.timesBetween(a, b));
  }, [view, probe, elapsed, store]);

  const shown = view ? view.series.map((name, i) => ({ name, i })).filter((s) => !hidden.has(s.name)) : [];
  const charts = layout === 'overlay' ? [shown] : shown.map((s) => [s]);
  const chartHeight = Math.max(110, Math.floor((size.height - 8) / Math.max(1, charts.length)) - 4);
  const span = view ? view.toT - view.fromT : 1;
  const side = (yi: number): 'left' | 'right' => (layout === 'overlay' && yi % 2 === 1 ? 'right' : 'left');
  const ticks = view ? timeTicks(view.fromT, view.toT, plotW + RIGHT_PAD) : [];
  const unitOf = (name: string) => fieldUnit(name, units);
  const kind: ViewKind = range.kind === 'fixed' ? 'zoomed' : paused ? 'paused' : 'live';
  // The value axis of each series, kept as the same object while its domain holds (so it is not re-derived).
  const axisOf = (s: { name: string; i: number }): ValueAxis => {
    const st = view?.stats[s.i];
    if (!st) return axes.current.get(s.name) ?? EMPTY_AXIS;
    const next = valueAxis(st.min, st.max, firmwareField(s.name)?.type === 'integer');
    const prev = axes.current.get(s.name);
    if (prev && sameAxis(prev, next)) return prev;
    axes.current.set(s.name, next);
    return next;
  };
  const hoverT = view && hoverF !== undefined ? view.fromT + hoverF * span : undefined;
  const sample = view && hoverT !== undefined ? store.sampleAt(hoverT, view.fromT, view.toT) : undefined;

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
      <Typography
        variant="caption"
        color="text.secondary"
        data-testid="telemetry-range"
        data-from={view?.fromT}
        data-to={view?.toT}
        data-kind={kind}
        sx={{ fontFamily: mono, px: 1, pb: 0.5, fontVariantNumeric: 'tabular-nums' }}
      >
        {view
          ? `Showing ${formatRange(view.fromT, view.toT)} · ${view.rawRows.toLocaleString('en-US')} rows · ${kind === 'zoomed' ? 'zoomed in' : kind}`
          : 'Waiting for the first redraw…'}
      </Typography>
      <Box
        ref={box}
        data-testid="telemetry-charts"
        sx={{ flex: 1, minHeight: 0, overflowY: 'auto', overflowX: 'hidden' }}
      >
        {view &&
          charts.map((group, k) => (
            <Box
              key={group.map((s) => s.name).join('+') || k}
              sx={{ position: 'relative' }}
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
              <Typography
                variant="caption"
                sx={{
                  position: 'absolute',
                  left: leftW + 8,
                  top: 2,
                  zIndex: 1,
                  fontFamily: mono,
                  pointerEvents: 'none',
                }}
              >
                {group.map((s, yi) => (
                  <Box
                    component="span"
                    key={s.name}
                    data-png-text
                    data-testid={`legend-${s.name}`}
                    sx={{ color: seriesColor(s.i), mr: 2 }}
                  >
                    {layout === 'overlay' ? (side(yi) === 'left' ? '◀ ' : '') : ''}
                    {nameWithUnit(s.name, unitOf(s.name))}
                    {layout === 'overlay' && side(yi) === 'right' ? ' ▶' : ''}
                  </Box>
                ))}
              </Typography>
              <LineChart
                width={chartW}
                height={chartHeight}
                data={NO_DATA}
                margin={{ top: 18, right: RIGHT_PAD, bottom: 0, left: 0 }}
              >
                <CartesianGrid stroke="#2a2f35" strokeDasharray="3 3" />
                <XAxis
                  dataKey="t"
                  type="number"
                  domain={[view.fromT, view.toT]}
                  ticks={ticks}
                  allowDataOverflow
                  tickFormatter={(t: number) => formatTick(t, span)}
                  tick={tickStyle}
                  stroke="#3a4048"
                  height={k === charts.length - 1 ? 22 : 6}
                  tickLine={k === charts.length - 1}
                />
                {group.map((s, yi) => {
                  const overlaid = layout === 'overlay';
                  const color = overlaid ? seriesColor(s.i) : '#9aa4ad';
                  const label = overlaid ? nameWithUnit(s.name, unitOf(s.name)) : unitOf(s.name);
                  const right = side(yi) === 'right';
                  const axis = axisOf(s);
                  return (
                    <YAxis
                      key={s.name}
                      yAxisId={s.name}
                      orientation={side(yi)}
                      width={AXIS_W}
                      type="number"
                      domain={[axis.lo, axis.hi]}
                      ticks={axis.ticks as number[]}
                      allowDataOverflow
                      interval={0}
                      tick={{ fill: color, fontSize: 11 }}
                      stroke={overlaid ? color : '#3a4048'}
                      tickFormatter={(v: number) => formatValue(v)}
                      label={
                        label
                          ? {
                              value: label,
                              angle: right ? 90 : -90,
                              position: right ? 'insideRight' : 'insideLeft',
                              fill: color,
                              fontSize: 11,
                              style: { textAnchor: 'middle' },
                            }
                          : undefined
                      }
                    />
                  );
                })}
                <Customized
                  component={
                    <SeriesLayer
                      view={view}
                      series={group.map((g): DrawnSeries => ({
                        ...g,
                        color: seriesColor(g.i),
                        axis: axisOf(g),
                      }))}
                      hover={sample}
                    />
                  }
                />
                {view.marks.map((m) => (
                  <ReferenceLine
                    key={`${m.kind}${m.t}`}
                    yAxisId={group[0]?.name}
                    x={m.t}
                    stroke={MARK_COLORS[m.kind]}
                    strokeDasharray="4 3"
                    label={
                      k === 0
                        ? {
                            value: m.kind,
                            position:
                              m.kind === 'reboot' || m.kind === 'disconnect'
                                ? 'insideTopLeft'
                                : 'insideTopRight',
                            fill: MARK_COLORS[m.kind],
                            fontSize: 11,
                          }
                        : undefined
                    }
                  />
                ))}
                {sel && group[0] && (
                  <ReferenceArea
                    yAxisId={group[0].name}
                    x1={sel.a}
                    x2={sel.b}
                    fill="#4FC3F7"
                    fillOpacity={0.15}
                  />
                )}
              </LineChart>
              {sample && (
                <HoverTip
                  sample={sample}
                  series={group.map((g): DrawnSeries => ({ ...g, color: seriesColor(g.i), axis: axisOf(g) }))}
                  unitOf={unitOf}
                  x={leftW + ((sample.t - view.fromT) / span) * plotW}
                  boxWidth={chartW}
                />
              )}
            </Box>
          ))}
      </Box>
    </>
  );
});
