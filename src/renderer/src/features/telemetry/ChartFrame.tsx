// One chart's recharts part: grid, time axis, one value axis per series, marks, the zoom selection, and the legend
// over it. Memoized: it re-renders only when what it draws changes (the axis' time domain, a value axis' domain,
// the marks, the selection, the size), while the series layer inside redraws on every clock tick and scrolls the
// time-bound parts with the live window (axis-scroll.ts): the time ticks are laid out `lead` ms ahead of the domain.

import { memo } from 'react';
import { CartesianGrid, Customized, LineChart, ReferenceArea, ReferenceLine, XAxis, YAxis } from 'recharts';
import { nameWithUnit } from '../../../../shared/telemetry/fields';
import type { TimelineMark } from '../../../../shared/telemetry/types';
import { mono, signal } from '../../ui/theme';
import { SeriesLayer, type DrawnSeries } from './chart-layers';
import { formatTick, formatValue, timeTicks } from './format';
import type { LiveView } from './live-view';
import { sameChartAlarms, type ChartAlarms } from '../alarms/alarm-views';
import { layoutMarkLabels, type MarkLabel } from './mark-labels';

const MARK_COLORS: Record<TimelineMark['kind'], string> = {
  reboot: signal.error,
  gap: signal.warn,
  connect: signal.ok,
  disconnect: signal.error,
  stale: signal.warn,
};
/** Width of one value axis; overlaid series get one each, alternately left and right. */
export const AXIS_W = 64;
export const RIGHT_PAD = 12;
const NO_DATA: never[] = [];
const margin = { top: 18, right: RIGHT_PAD, bottom: 0, left: 0 };
/** The marks' labels: monospaced, so their width is known before they are drawn (mark-labels.ts). */
const LABEL_FONT_PX = 11;
const LABEL_CHAR_PX = LABEL_FONT_PX * 0.62;
const LABEL_ROW_PX = 13;

/** One mark label's text, inside the mark line's layer (so it scrolls with it), each kind in its colour. */
function markText(label: MarkLabel, viewBox: unknown) {
  if (typeof viewBox !== 'object' || viewBox === null || !('x' in viewBox) || !('y' in viewBox)) return <g />;
  const { x, y } = viewBox;
  if (typeof x !== 'number' || typeof y !== 'number') return <g />;
  return (
    <text
      className="telemetry-mark-label"
      x={label.anchor === 'start' ? x + 4 : x - 4}
      y={y + LABEL_FONT_PX + 2 + label.row * LABEL_ROW_PX}
      textAnchor={label.anchor}
      fontFamily={mono}
      fontSize={LABEL_FONT_PX}
    >
      {label.kinds.map((k, i) => (
        <tspan key={k} fill={MARK_COLORS[k]}>
          {i > 0 ? `, ${k}` : k}
        </tspan>
      ))}
    </text>
  );
}

interface Props {
  readonly width: number;
  readonly height: number;
  readonly fromT: number;
  readonly toT: number;
  /** Time ticks are laid out this far past `toT` (a live window scrolls onto them); 0 for a still view. */
  readonly lead: number;
  /** Plot area width, px. */
  readonly plotW: number;
  readonly series: readonly DrawnSeries[];
  readonly overlaid: boolean;
  readonly unitOf: (name: string) => string;
  /** Left axes' total width (the legend starts after it). */
  readonly leftW: number;
  /** The top chart labels the marks; the bottom one shows the time ticks. */
  readonly first: boolean;
  readonly last: boolean;
  readonly marks: readonly TimelineMark[];
  readonly sel: { a: number; b: number } | undefined;
  readonly live: LiveView;
  /** The focused board's alarm spans and threshold lines on this chart (the live charts; absent in a review). */
  readonly alarms?: ChartAlarms;
  /** Names the value axes along their side (default); off where the legend alone names them (a review compare). */
  readonly axisLabels?: boolean;
}

/** What recharts hands a tick renderer (the part used here). */
interface TickProps {
  readonly x?: number;
  readonly y?: number;
  readonly textAnchor?: 'start' | 'middle' | 'end' | 'inherit';
  readonly verticalAnchor?: 'start' | 'middle' | 'end';
  readonly payload?: { readonly value?: unknown };
  readonly index?: number;
  readonly tickFormatter?: (value: unknown, index: number) => string;
}

/**
 * A tick label as recharts' Text draws a one-line one (same element, classes and offsets), without Text's
 * measuring of every word in the page: a forced layout per label each time an axis is drawn, most of a review
 * zoom's cost.
 */
function tickLabel(fill: string) {
  return function TickLabel(t: TickProps) {
    const text = t.tickFormatter ? t.tickFormatter(t.payload?.value, t.index ?? 0) : String(t.payload?.value);
    const dy = t.verticalAnchor === 'start' ? '0.71em' : t.verticalAnchor === 'middle' ? '0.355em' : '0';
    return (
      <text
        x={t.x}
        y={t.y}
        textAnchor={t.textAnchor}
        fill={fill}
        fontSize={TICK_FONT_PX}
        className="recharts-text recharts-cartesian-axis-tick-value"
      >
        <tspan x={t.x} dy={dy}>
          {text}
        </tspan>
      </text>
    );
  };
}
const TICK_FONT_PX = 11;
const timeTick = tickLabel('#9aa4ad');

const side = (overlaid: boolean, yi: number): 'left' | 'right' =>
  overlaid && yi % 2 === 1 ? 'right' : 'left';

function ChartFrameImpl(p: Props) {
  const { fromT, toT, series, overlaid, unitOf } = p;
  const span = toT - fromT;
  const ticks = timeTicks(fromT, toT + p.lead, p.plotW * (1 + p.lead / (span || 1)));
  // Laid out in the drawn time domain; a live view then scrolls them left with their lines, never right.
  const labels = p.first
    ? new Map(
        layoutMarkLabels(p.marks, {
          left: p.leftW,
          right: p.leftW + p.plotW,
          x: (t) => p.leftW + ((t - fromT) / (span || 1)) * p.plotW,
          charPx: LABEL_CHAR_PX,
        }).map((l) => [l.t, l]),
      )
    : undefined;
  /** Index of the first mark at each time: the one line a label hangs on. */
  const firstAt = new Map<number, number>();
  p.marks.forEach((m, k) => firstAt.has(m.t) || firstAt.set(m.t, k));
  return (
    <>
      <span
        style={{
          position: 'absolute',
          left: p.leftW + 8,
          top: 2,
          zIndex: 1,
          fontFamily: mono,
          fontSize: 12,
          lineHeight: 1.66,
          pointerEvents: 'none',
        }}
      >
        {series.map((s, yi) => (
          <span
            key={s.name}
            data-png-text
            data-testid={`legend-${s.name}`}
            style={{ color: s.color, marginRight: 16 }}
          >
            {overlaid ? (side(overlaid, yi) === 'left' ? '◀ ' : '') : ''}
            {nameWithUnit(s.name, unitOf(s.name))}
            {overlaid && side(overlaid, yi) === 'right' ? ' ▶' : ''}
          </span>
        ))}
      </span>
      <LineChart width={p.width} height={p.height} data={NO_DATA} margin={margin}>
        {/* Lines at the ticks only (the value axes' ticks include both ends), so the vertical ones scroll. */}
        <CartesianGrid stroke="#2a2f35" strokeDasharray="3 3" syncWithTicks />
        <XAxis
          dataKey="t"
          type="number"
          domain={[fromT, toT]}
          ticks={ticks}
          allowDataOverflow
          tickCount={0}
          interval={0}
          tickFormatter={(t: number) => formatTick(t, span)}
          // Only the bottom chart's time labels show (the others' axis is 6 px high): the rest are not laid out.
          tick={p.last ? timeTick : false}
          stroke="#3a4048"
          height={p.last ? 22 : 6}
          tickLine={p.last}
        />
        {series.map((s, yi) => {
          const color = overlaid ? s.color : '#9aa4ad';
          const label = overlaid ? nameWithUnit(s.name, unitOf(s.name)) : unitOf(s.name);
          const right = side(overlaid, yi) === 'right';
          return (
            <YAxis
              key={s.name}
              yAxisId={s.name}
              orientation={side(overlaid, yi)}
              width={AXIS_W}
              type="number"
              domain={[s.axis.lo, s.axis.hi]}
              ticks={s.axis.ticks as number[]}
              allowDataOverflow
              tickCount={0}
              interval={0}
              tick={tickLabel(color)}
              stroke={overlaid ? color : '#3a4048'}
              tickFormatter={(v: number) => formatValue(v)}
              label={
                label && p.axisLabels !== false
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
          component={<SeriesLayer live={p.live} series={series} fromT={fromT} toT={toT} alarms={p.alarms} />}
        />
        {p.marks.map((m, k) => (
          <ReferenceLine
            key={`${m.kind}${m.t}`}
            yAxisId={series[0]?.name}
            x={m.t}
            ifOverflow="visible"
            stroke={MARK_COLORS[m.kind]}
            strokeDasharray="4 3"
            label={(props: { viewBox?: unknown }) => {
              // The label hangs on one line: the first of the marks drawn at its time.
              const l = labels?.get(m.t);
              return l && firstAt.get(m.t) === k ? markText(l, props.viewBox) : <g />;
            }}
          />
        ))}
        {p.sel && series[0] && (
          <ReferenceArea
            yAxisId={series[0].name}
            x1={p.sel.a}
            x2={p.sel.b}
            ifOverflow="visible"
            fill="#4FC3F7"
            fillOpacity={0.15}
          />
        )}
      </LineChart>
    </>
  );
}

const sameSeries = (a: readonly DrawnSeries[], b: readonly DrawnSeries[]) =>
  a.length === b.length &&
  a.every(
    (s, k) => s.name === b[k]!.name && s.i === b[k]!.i && s.color === b[k]!.color && s.axis === b[k]!.axis,
  );
const sameMarks = (a: readonly TimelineMark[], b: readonly TimelineMark[]) =>
  a.length === b.length && a[0] === b[0] && a.at(-1) === b.at(-1);

/** The props a redraw depends on that compare by identity (series and marks compare by content). */
const DRAWN_BY = [
  'width',
  'height',
  'fromT',
  'toT',
  'lead',
  'plotW',
  'overlaid',
  'unitOf',
  'leftW',
  'first',
  'last',
  'sel',
  'live',
  'axisLabels',
] as const satisfies readonly (keyof Props)[];

export const ChartFrame = memo(
  ChartFrameImpl,
  (a, b) =>
    DRAWN_BY.every((k) => a[k] === b[k]) &&
    sameSeries(a.series, b.series) &&
    sameMarks(a.marks, b.marks) &&
    (a.alarms === b.alarms ||
      (a.alarms !== undefined && b.alarms !== undefined && sameChartAlarms(a.alarms, b.alarms))),
);
