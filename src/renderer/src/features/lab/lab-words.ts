// The Lab page's figures in words, each with its unit: a board's last values, its telemetry history, and the topic
// prefix its boards are published under.
import type { HistoryFigures } from '../../../../shared/bridge/contracts/sessions';
import { formatBytes } from '../../../../shared/format/bytes';
import { fieldUnit, sampleText, type FieldUnits } from '../../../../shared/telemetry/fields';
import { formatUptime } from '../connection/wire-words';

/** A field's value with its unit: "44.25 °C", "1m 3s" for a time in seconds, a bare number when it has none. */
export function valueText(field: string, value: number, userUnits?: FieldUnits): string {
  const unit = fieldUnit(field, userUnits);
  if (unit === 's' && Number.isFinite(value) && value >= 0) return formatUptime(value);
  const text = sampleText(field, value) ?? '—';
  return unit ? `${text} ${unit}` : text;
}

/**
 * What the core keeps of a board's telemetry: the samples and the bytes they take, then the memory set aside for
 * them (allocated ahead) and its cap, each named, so "30 MB" is never read as data received.
 */
export function historyText(h: HistoryFigures): string {
  const held =
    h.samples === 0
      ? 'no samples yet'
      : `${h.samples.toLocaleString('en-US')} sample${h.samples === 1 ? '' : 's'} (${formatBytes(h.sampleBytes)})`;
  if (h.reservedBytes === 0) return `history: ${held}`;
  const cap = h.capBytes > h.reservedBytes ? `, at most ${formatBytes(h.capBytes)}` : '';
  return `history: ${held} in ${formatBytes(h.reservedBytes)} set aside${cap}`;
}

/**
 * The topic prefix the boards are published under, as the form reads now: `prefix/bench/`. An empty bench name is
 * the host name, which the core resolves and reports (`published`, MqttStatus.bench) while the saved name is empty.
 */
export function topicPrefixText(
  prefix: string,
  bench: string,
  savedBench: string,
  published: string | undefined,
): string {
  const name = bench || (savedBench === '' && published ? published : "this computer's host name");
  return `${prefix || 'nucleo-mem'}/${name}/`;
}
