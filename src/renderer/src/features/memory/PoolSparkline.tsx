import { Line, LineChart, ResponsiveContainer, YAxis, XAxis } from 'recharts';
import type { PoolSample } from '../../../../shared/bridge/contracts/memory';

/** Packets in use over the last samples, drawn as steps (the count holds between reports). */
export function PoolSparkline({
  name,
  history,
  total,
  color,
}: {
  name: string;
  history: readonly PoolSample[];
  total: number;
  color: string;
}) {
  const data = history.filter((s) => name in s.inUse).map((s) => ({ t: s.t, v: s.inUse[name] }));
  if (data.length < 2) return null;
  return (
    <ResponsiveContainer width="100%" height={26}>
      <LineChart data={data} margin={{ top: 2, right: 0, bottom: 2, left: 0 }}>
        <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} hide />
        <YAxis domain={[0, Math.max(1, total)]} hide />
        <Line
          type="stepAfter"
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
