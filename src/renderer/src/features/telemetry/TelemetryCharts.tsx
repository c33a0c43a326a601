import { Box, Typography } from '@mui/material';
import { memo, useLayoutEffect, useRef, useState } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { fieldUnit, firmwareField, nameWithUnit, type FieldUnits } from '../../../../shared/telemetry/fields';
import type { TimelineMark } from '../../../../shared/telemetry/types';
import { mono, signal } from '../../app/theme';
import type { BenchProbe } from './bench-probe';
import {
  formatRange,
  formatSample,
  formatTick,
  formatTime,
  formatValue,
  seriesColor,
  timeTicks,
} from './format';
import type { TelemetryStore } from './telemetry-store';
import { useChartClock, type ViewRange } from './use-chart-clock';

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

/** The chart area: one chart per series (stacked, shared time axis) or all in one, redrawn on the clock. */
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
  const buckets = Math.max(50, Math.floor((size.width - AXIS_W - 16) / 2));
  const { view, elapsed } = useChartClock(store, range, paused, buckets);
  const [sel, setSel] = useState<{ a: number; b: number } | undefined>();

  useLayoutEffect(() => {
    if (view) probe?.redraw(elapsed(), view.newestT, (a, b) => store.timesBetween(a, b));
  }, [view, probe, elapsed, store]);

  const shown = view ? view.series.map((name, i) => ({ name, i })).filter((s) => !hidden.has(s.name)) : [];
  const charts = layout === 'overlay' ? [shown] : shown.map((s) => [s]);
  const chartHeight = Math.max(110, Math.floor((size.height - 8) / Math.max(1, charts.length)) - 4);
  const span = view ? view.toT - view.fromT : 1;
  // Overlaid, each series is drawn against its own axis in its colour: never one series' scale for all.
  const side = (yi: number): 'left' | 'right' => (layout === 'overlay' && yi % 2 === 1 ? 'right' : 'left');
  const axesOf = layout === 'overlay' ? Math.max(1, shown.length) : 1;
  const leftW = layout === 'overlay' ? Math.ceil(axesOf / 2) * AXIS_W : AXIS_W;
  const rightW = layout === 'overlay' ? Math.floor(axesOf / 2) * AXIS_W : 0;
  const ticks = view ? timeTicks(view.fromT, view.toT, size.width - leftW - rightW) : [];
  const unitOf = (name: string) => fieldUnit(name, units);
  const kind: ViewKind = range.kind === 'fixed' ? 'zoomed' : paused ? 'paused' : 'live';

  // The time under the pointer, from the pointer's x over the plot area (the chart library's activeLabel is not
  // set on every version and mouse position, so it is not relied on).
  const timeAt = (e: unknown): number | undefined => {
    const ev = e as { clientX?: number; currentTarget?: Element | null } | undefined;
    if (!view || !ev || typeof ev.clientX !== 'number' || !ev.currentTarget) return undefined;
    const r = ev.currentTarget.getBoundingClientRect();
    const plot = r.width - leftW - rightW - RIGHT_PAD;
    if (plot <= 0) return undefined;
    const f = Math.min(1, Math.max(0, (ev.clientX - r.left - leftW) / plot));
    return view.fromT + f * span;
  };
  const mouse = {
    onMouseDown: (_s: unknown, e: unknown) => {
      const t = timeAt(e);
      if (t !== undefined) setSel({ a: t, b: t });
    },
    onMouseMove: (_s: unknown, e: unknown) => {
      const t = timeAt(e);
      if (sel && t !== undefined) setSel({ ...sel, b: t });
    },
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
                width={Math.max(200, size.width - 8)}
                height={chartHeight}
                data={view.rows}
                syncId="telemetry"
                margin={{ top: 18, right: RIGHT_PAD, bottom: 0, left: 0 }}
                {...mouse}
              >
                <CartesianGrid stroke="#2a2f35" strokeDasharray="3 3" />
                <XAxis
                  dataKey="t"
                  type="number"
                  domain={[view.fromT, view.toT]}
                  ticks={ticks}
                  allowDataOverflow
                  tickFormatter={(t: number) => formatTick(t, span)}
                  tick={{ fill: '#9aa4ad', fontSize: 11 }}
                  stroke="#3a4048"
                  height={k === charts.length - 1 ? 22 : 6}
                  tickLine={k === charts.length - 1}
                />
                {group.map((s, yi) => {
                  const overlaid = layout === 'overlay';
                  const color = overlaid ? seriesColor(s.i) : '#9aa4ad';
                  const label = overlaid ? nameWithUnit(s.name, unitOf(s.name)) : unitOf(s.name);
                  const right = side(yi) === 'right';
                  return (
                    <YAxis
                      key={s.name}
                      yAxisId={s.name}
                      orientation={side(yi)}
                      width={AXIS_W}
                      domain={['auto', 'auto']}
                      allowDecimals={firmwareField(s.name)?.type !== 'integer'}
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
                <Tooltip
                  isAnimationActive={false}
                  labelFormatter={(t) => formatTime(Number(t))}
                  formatter={(v, name) => {
                    const n = String(name);
                    const unit = unitOf(n);
                    return [`${formatSample(n, v as number)}${unit ? ` ${unit}` : ''}`, n];
                  }}
                  contentStyle={{
                    background: '#171a1d',
                    border: '1px solid #3a4048',
                    fontFamily: mono,
                    fontSize: 12,
                  }}
                />
                {group.map((s) => (
                  <Line
                    key={s.name}
                    yAxisId={s.name}
                    dataKey={`s${s.i}`}
                    name={s.name}
                    stroke={seriesColor(s.i)}
                    dot={false}
                    isAnimationActive={false}
                    strokeWidth={1.25}
                    connectNulls={false}
                  />
                ))}
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
            </Box>
          ))}
      </Box>
    </>
  );
});
