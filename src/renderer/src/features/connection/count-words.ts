// The link's counts and rates in words that say what is counted: every message the board sent (telemetry,
// led-status, pool-status, anything else) or its telemetry messages alone. "25 messages received" beside
// "13 packets" and "2.00 msg/s" for a board sending telemetry once a second read as three disagreeing numbers.
import type { WsFigures } from '../../../../shared/bridge/contracts/links';

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "25 messages received: 13 telemetry, 12 of other types" (the dashboard's links card). */
export function receivedWords(f: WsFigures): string {
  const all = `${plural(f.received, 'message', 'messages')} received`;
  if (f.received === 0) return all;
  const other = Math.max(0, f.received - f.telemetry);
  return `${all}: ${f.telemetry.toLocaleString('en-US')} telemetry, ${other.toLocaleString('en-US')} of other types`;
}

/** "13 telemetry messages". */
export function telemetryCountWords(n: number): string {
  return plural(n, 'telemetry message', 'telemetry messages');
}

/** The status bar's rates: messages of every type, and telemetry alone, per second over the last seconds. */
export function rateWords(f: WsFigures): { all: string; telemetry: string } {
  return {
    all: `${f.rate.toFixed(2)} msg/s, all types`,
    telemetry: `${f.telemetryRate.toFixed(2)} telemetry msg/s`,
  };
}
