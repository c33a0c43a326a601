// What the Telemetry charts draw themselves inside recharts' plot area (via `Customized`): one SVG path per series
// from the decimated columns, and the hovered sample's dots; plus the hover box, recharts' own tooltip content fed
// with the exact raw sample. Kept in the SVG, so the PNG export (png-export.ts) carries the lines too.

import { Box } from '@mui/material';
import { memo, useLayoutEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { DefaultTooltipContent } from 'recharts';
import { mono } from '../../ui/theme';
import { scrollTimeParts } from './axis-scroll';
import { formatSample, formatTime } from './format';
import { lineBreaks, seriesPath, type PlotFrame } from './series-path';
import type { HoverSample, LiveView } from './live-view';
import type { ValueAxis } from './value-axis';
import type { ChartAlarms } from '../alarms/alarm-views';
import { AlarmLayer } from './chart-alarms';

/** One drawn series: its index in the view, colour and value axis. */
export interface DrawnSeries {
  readonly name: string;
  readonly i: number;
  readonly color: string;
  readonly axis: ValueAxis;
}

/** The plot area recharts hands to a `Customized` child. */
interface Offset {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

interface LayerProps {
  /** The newest view and hover, redrawn here on the chart clock without re-rendering the chart around it. */
  readonly live: LiveView;
  readonly series: readonly DrawnSeries[];
  /** The time domain the axes were drawn with (a live view has moved on from it: its time parts are scrolled). */
  readonly fromT: number;
  readonly toT: number;
  /** The focused board's alarm spans and threshold lines on this chart (the live charts only). */
  readonly alarms?: ChartAlarms;
  /** Filled in by recharts. */
  readonly offset?: Offset;
}

/**
 * The series paths and hover dots (rendered by recharts as a `Customized` component), drawn in the view's own time
 * domain; the axes' time-bound parts are shifted to match it after every render.
 */
export function SeriesLayer({ live, series, fromT, toT, alarms, offset }: LayerProps) {
  const { view, hover } = useSyncExternalStore(live.subscribe, live.get);
  const { left, top, width, height } = offset ?? { left: 0, top: 0, width: 0, height: 0 };
  const viewFrom = view?.fromT ?? fromT;
  const viewTo = view?.toT ?? toT;
  const frame = useMemo<PlotFrame | undefined>(
    () => (width > 0 ? { fromT: viewFrom, toT: viewTo, left, top, width, height } : undefined),
    [viewFrom, viewTo, left, top, width, height],
  );
  const root = useRef<SVGGElement>(null);
  // Where the view has got to since the axes were drawn, in whole pixels (no blurred grid lines).
  const dx = Math.round(((fromT - viewFrom) * width) / (viewTo - viewFrom || 1));
  // Again whenever the shift changes or recharts drew the chart anew (it hands over a new `offset` then).
  useLayoutEffect(() => {
    const svg = root.current?.ownerSVGElement;
    if (svg && width > 0) scrollTimeParts(svg, dx, left, left + width);
  }, [dx, offset, left, width]);
  const paths = useMemo(() => {
    if (!frame || !view) return [];
    const breaks = lineBreaks(view.marks);
    return series.map((s) =>
      seriesPath(view.t, view.columns[s.i] ?? [], s.axis.lo, s.axis.hi, frame, breaks),
    );
  }, [view, series, frame]);
  if (!frame) return null;
  const x = (t: number) => frame.left + ((t - frame.fromT) / (frame.toT - frame.fromT || 1)) * frame.width;
  const y = (a: ValueAxis, v: number) => frame.top + ((a.hi - v) / (a.hi - a.lo || 1)) * frame.height;
  return (
    <g className="telemetry-series" ref={root}>
      {alarms && (alarms.spans.length > 0 || alarms.lines.length > 0) && (
        <AlarmLayer alarms={alarms} series={series} frame={frame} />
      )}
      {series.map((s, k) => (
        <g key={s.name} className="recharts-layer recharts-line" data-series={s.name}>
          <path
            className="recharts-curve recharts-line-curve"
            d={paths[k]}
            fill="none"
            stroke={s.color}
            strokeWidth={1.25}
            strokeLinejoin="round"
            strokeLinecap="round"
          />
        </g>
      ))}
      {hover &&
        series.map((s) => {
          const v = hover.values[s.i];
          if (v === undefined || !Number.isFinite(v)) return null;
          return (
            <circle
              key={s.name}
              cx={x(hover.t)}
              cy={y(s.axis, v)}
              r={3.5}
              fill={s.color}
              stroke="#101214"
              strokeWidth={1.5}
            />
          );
        })}
    </g>
  );
}

interface TipProps {
  readonly sample: HoverSample;
  readonly series: readonly DrawnSeries[];
  readonly unitOf: (name: string) => string;
  /** Pointer position in the chart box, px. */
  readonly x: number;
  readonly boxWidth: number;
}

/** The hover box: the exact sample's time and each series' value with its unit. */
export const HoverTip = memo(function HoverTip({ sample, series, unitOf, x, boxWidth }: TipProps) {
  const payload = series.map((s) => {
    const v = sample.values[s.i];
    const unit = unitOf(s.name);
    return {
      name: s.name,
      dataKey: s.name,
      color: s.color,
      value:
        v !== undefined && Number.isFinite(v) ? `${formatSample(s.name, v)}${unit ? ` ${unit}` : ''}` : '—',
    };
  });
  const left = x > boxWidth / 2;
  return (
    <Box
      className="recharts-tooltip-wrapper"
      sx={{
        position: 'absolute',
        top: 22,
        left: left ? undefined : x + 14,
        right: left ? boxWidth - x + 14 : undefined,
        zIndex: 2,
        pointerEvents: 'none',
      }}
    >
      <DefaultTooltipContent
        label={sample.t}
        labelFormatter={(t: number) => formatTime(t)}
        payload={payload}
        contentStyle={{ background: '#171a1d', border: '1px solid #3a4048', fontFamily: mono, fontSize: 12 }}
      />
    </Box>
  );
});
