import type { PoolSample } from '../../../../shared/bridge/contracts/memory';
import { Sparkline } from '../../components/Sparkline';

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
  const data = history.filter((s) => name in s.inUse).map((s) => ({ x: s.t, v: s.inUse[name]! }));
  if (data.length < 2) return null;
  return <Sparkline data={data} color={color} height={26} step yDomain={[0, Math.max(1, total)]} />;
}
