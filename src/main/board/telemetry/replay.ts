import { readFileSync } from 'node:fs';
import { parseRecording } from '../../../shared/recording/format';
import { parseBoardMessage } from '../../../shared/protocol/messages';

/** Telemetry lines of a recording with the gap before each (ms), ready to loop. */
export interface ReplayScript {
  readonly texts: readonly string[];
  /** gaps[i]: ms to wait before texts[i]; gaps[0] is the loop-around gap. */
  readonly gaps: readonly number[];
  /** samples[i]: samples texts[i] carries (a telemetry-batch carries several); 1 each when absent. */
  readonly samples?: readonly number[];
}

/** Reads the rx telemetry text lines of a recording. Throws a plain-English error when there are none. */
export function loadReplay(path: string): ReplayScript {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(
      `cannot read the recording ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
      { cause: err },
    );
  }
  return replayFromText(text);
}

/** The same from a recording's text. */
export function replayFromText(text: string): ReplayScript {
  const { records } = parseRecording(text);
  // Single telemetry messages and telemetry-batch frames (docs/telemetry-batch.md), replayed as they arrived.
  const picked: (typeof records)[number][] = [];
  const samples: number[] = [];
  for (const r of records) {
    if (r.dir !== 'rx' || r.op !== 1 || r.data === undefined) continue;
    const m = parseBoardMessage(r.data);
    if (m.kind !== 'telemetry' && m.kind !== 'telemetry-batch') continue;
    picked.push(r);
    samples.push(m.kind === 'telemetry-batch' ? m.batch.dtUs.length : 1);
  }
  if (picked.length === 0) throw new Error('the recording holds no received telemetry messages to replay');
  const gaps: number[] = [];
  for (let i = 1; i < picked.length; i++) gaps.push(Math.max(0, picked[i]!.t - picked[i - 1]!.t));
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 1000;
  return {
    texts: picked.map((r) => r.data!),
    gaps: [median, ...gaps],
    ...(samples.some((n) => n !== 1) ? { samples } : {}),
  };
}
