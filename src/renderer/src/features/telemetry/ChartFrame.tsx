// One chart's recharts part: grid, time axis, one value axis per series, marks, the zoom selection, and the legend
// over it. Memoized: it re-renders only when what it draws changes (the axis' time domain, a value axis' domain,
// the marks, the selection, the size), while the series layer inside redraws on every clock tick and scrolls the
// time-bound parts with the live window (axis-scroll.ts): the time ticks are laid out `lead` ms ahead of the domain.

import { memo } from 'react';
import { CartesianGrid, Customized, LineChart, ReferenceArea, ReferenceLine, XAxis, YAxis } from 'recharts';
import { nameWithUnit } from '../../../../shared/telemetry/fields';
import type { TimelineMark } from '../../../../shared/telemetry/types';
import { mono, signal } from '../../app/theme';
import { SeriesLayer, type DrawnSeries } from './chart-layers';
import { formatTick, formatValue, timeTicks } from './format';
import type { LiveView } from './live-view';

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
const tickStyle = { fill: '#9aa4ad', fontSize: 11 };
const margin = { top: 18, right: RIGHT_PAD, bottom: 0, left: 0 };

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
}

const side = (overlaid: boolean, yi: number): 'left' | 'right' =>
  overlaid && yi % 2 === 1 ? 'right' : 'left';

function ChartFrameImpl(p: Props) {
  const { fromT, toT, series, overlaid, unitOf } = p;
  const span = toT - fromT;
  const ticks = timeTicks(fromT, toT + p.lead, p.plotW * (1 + p.lead / (span || 1)));
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
          tick={tickStyle}
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
        <Customized component={<SeriesLayer live={p.live} series={series} fromT={fromT} toT={toT} />} />
        {p.marks.map((m) => (
          <ReferenceLine
            key={`${m.kind}${m.t}`}
            yAxisId={series[0]?.name}
            x={m.t}
            ifOverflow="visible"
            stroke={MARK_COLORS[m.kind]}
            strokeDasharray="4 3"
            label={
              p.first
                ? {
                    value: m.kind,
                    position:
                      m.kind === 'reboot' || m.kind === 'disconnect' ? 'insideTopLeft' : 'insideTopRight',
                    fill: MARK_COLORS[m.kind],
                    fontSize: 11,
                  }
                : undefined
            }
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

export const ChartFrame = memo(
  ChartFrameImpl,
  (a, b) =>
    a.width === b.width &&
    a.height === b.height &&
    a.fromT === b.fromT &&
    a.toT === b.toT &&
    a.lead === b.lead &&
    a.plotW === b.plotW &&
    a.overlaid === b.overlaid &&
    a.unitOf === b.unitOf &&
    a.leftW === b.leftW &&
    a.first === b.first &&
    a.last === b.last &&
    a.sel === b.sel &&
    a.live === b.live &&
    sameSeries(a.series, b.series) &&
    sameMarks(a.marks, b.marks),
);
