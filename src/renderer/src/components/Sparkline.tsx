import { Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';

/** One point of a sparkline: its place along the line (a time or an index) and its value. */
export interface SparkPoint {
  readonly x: number;
  readonly v: number;
}

/**
 * A small line without axes, for the recent values beside a figure. `step` draws a value that holds until the
 * next report; `yDomain` fixes the scale (a pool's capacity), else the line fills the height.
 */
export function Sparkline({
  data,
  color,
  height,
  step = false,
  yDomain = ['dataMin', 'dataMax'],
}: {
  data: readonly SparkPoint[];
  color: string;
  height: number | `${number}%`;
  step?: boolean;
  yDomain?: [number | 'dataMin', number | 'dataMax'];
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={[...data]} margin={{ top: 2, right: 0, bottom: 2, left: 0 }}>
        <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} hide />
        <YAxis domain={yDomain} hide />
        <Line
          type={step ? 'stepAfter' : 'monotone'}
          dataKey="v"
          stroke={color}
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
