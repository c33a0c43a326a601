// The focused board's alarms on a Telemetry chart, drawn inside the series layer in the view's own time domain:
// each alarm span (raise → clear, or to the right edge while raised) shaded in its severity's colour, and each
// threshold rule's limit as a dashed line on its series' value axis. Kept in the SVG, so the PNG export has them.
import { SEVERITY_COLOR, type ChartAlarms } from '../alarms/alarm-views';
import { formatValue } from './format';
import type { PlotFrame } from './series-path';
import type { ValueAxis } from './value-axis';

const LABEL_PX = 11;
/** Narrower spans get no label (their colour and the hover title still say what they are). */
const LABEL_MIN_W = 48;

/** `text` cut to about `px` pixels at the label's size, with an ellipsis when cut. */
function fit(text: string, px: number): string {
  const chars = Math.floor(px / (LABEL_PX * 0.6));
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;
}

/** The spans and limit lines of one chart (rendered inside `SeriesLayer`, in the view's time domain). */
export function AlarmLayer({
  alarms,
  series,
  frame,
}: {
  alarms: ChartAlarms;
  series: readonly { readonly name: string; readonly axis: ValueAxis }[];
  frame: PlotFrame;
}) {
  const right = frame.left + frame.width;
  const x = (t: number) => frame.left + ((t - frame.fromT) / (frame.toT - frame.fromT || 1)) * frame.width;
  const bottom = frame.top + frame.height;
  return (
    <g className="telemetry-alarms" pointerEvents="none">
      {alarms.spans.map((s) => {
        const x1 = Math.max(frame.left, x(s.fromT));
        const x2 = Math.min(right, s.toT === undefined ? right : x(s.toT));
        if (x1 >= right || x2 <= frame.left) return null;
        // A span shorter than a pixel (a reboot's moment at this zoom) is still drawn, one pixel wide.
        const w = Math.max(1, x2 - x1);
        const color = SEVERITY_COLOR[s.severity];
        return (
          <g key={s.id} data-testid="alarm-span" data-alarm={s.id} data-open={s.toT === undefined}>
            <title>{`${s.label}: ${s.toT === undefined ? 'raised' : 'raised, then cleared'}`}</title>
            <rect x={x1} y={frame.top} width={w} height={frame.height} fill={color} fillOpacity={0.14} />
            <rect x={x1} y={bottom - 3} width={w} height={3} fill={color} fillOpacity={0.85} />
            {w >= LABEL_MIN_W && (
              <text x={x1 + 4} y={bottom - 7} fill={color} fontSize={LABEL_PX}>
                {fit(s.label, w - 8)}
              </text>
            )}
          </g>
        );
      })}
      {alarms.lines.map((l) => {
        const s = series.find((d) => d.name === l.series);
        if (!s) return null;
        const { lo, hi } = s.axis;
        // A limit off the axis is not drawn: the axis stays scaled to the data (the rule list names the limit).
        if (l.value < lo || l.value > hi) return null;
        const y = frame.top + ((hi - l.value) / (hi - lo || 1)) * frame.height;
        const color = SEVERITY_COLOR[l.severity];
        return (
          <g
            key={`${l.ruleId}-${l.side}`}
            data-testid="alarm-limit"
            data-series={l.series}
            data-value={l.value}
          >
            <title>{`${l.label}: alarm ${l.side} ${formatValue(l.value)}`}</title>
            <line
              x1={frame.left}
              x2={right}
              y1={y}
              y2={y}
              stroke={color}
              strokeWidth={1}
              strokeDasharray="6 4"
              strokeOpacity={0.9}
            />
            {/* At the left end: a live chart's newest samples come in at the right. */}
            <text
              x={frame.left + 4}
              y={l.side === 'above' ? y - 4 : y + LABEL_PX + 2}
              fill={color}
              fontSize={LABEL_PX}
            >
              {`${l.side} ${formatValue(l.value)}`}
            </text>
          </g>
        );
      })}
    </g>
  );
}
