// A replay: the virtual board sends a recording's received telemetry at its recorded gaps, in a loop, instead of the
// generator's. The messages come from a script in memory (tests, in-process use) or from the recording's file, read
// as the replay goes (replay-file.ts), so a recording of any size replays in bounded memory.
import { parseRecording, type MessageRecord } from '../../../shared/recording/format';
import { parseBoardMessage } from '../../../shared/protocol/messages';

/** Telemetry lines of a recording with the gap before each (ms), ready to loop. */
export interface ReplayScript {
  readonly texts: readonly string[];
  /** gaps[i]: ms to wait before texts[i]; gaps[0] is the loop-around gap. */
  readonly gaps: readonly number[];
  /** samples[i]: samples texts[i] carries (a telemetry-batch carries several); 1 each when absent. */
  readonly samples?: readonly number[];
}

/** One message of a replay. */
export interface ReplayStep {
  readonly text: string;
  /** ms to wait before sending it. */
  readonly gapMs: number;
  /** Telemetry samples it carries (a telemetry-batch carries several). */
  readonly samples: number;
}

/** Where a replay's messages come from, in order and round and round. */
export interface ReplaySource {
  /** The next message, or undefined while it is still being read (ask again shortly). */
  peek(): ReplayStep | undefined;
  /** Moves past the message `peek` gave. */
  advance(): void;
  /** Starts again from the first message (the board booted). */
  rewind(): void;
  /** Stops reading (the board closes). */
  close(): void;
  /** Told once when the replay cannot go on (its file changed or became unreadable); it then sends nothing. */
  onError?: (message: string) => void;
}

/** The replay of a recording's loop-around gap when it holds one message: the firmware's default period. */
export const DEFAULT_LOOP_GAP_MS = 1000;

/** A received telemetry message (a single one or a telemetry-batch, docs/telemetry-batch.md) of a record, or none. */
export function telemetryOf(r: MessageRecord): { text: string; samples: number } | undefined {
  if (r.dir !== 'rx' || r.op !== 1 || r.data === undefined) return undefined;
  const m = parseBoardMessage(r.data);
  if (m.kind === 'telemetry') return { text: r.data, samples: 1 };
  if (m.kind === 'telemetry-batch') return { text: r.data, samples: m.batch.dtUs.length };
  return undefined;
}

/** The median of some gaps (the recording's period, used as the loop-around gap), or the default for none. */
export function medianGap(gaps: readonly number[]): number {
  if (!gaps.length) return DEFAULT_LOOP_GAP_MS;
  const sorted = [...gaps].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A recording's text as a script. Throws a plain-English error when it holds no received telemetry. */
export function replayFromText(text: string): ReplayScript {
  const { records } = parseRecording(text);
  const picked: MessageRecord[] = [];
  const samples: number[] = [];
  for (const r of records) {
    const m = telemetryOf(r);
    if (!m) continue;
    picked.push(r);
    samples.push(m.samples);
  }
  if (picked.length === 0) throw new Error('the recording holds no received telemetry messages to replay');
  const gaps: number[] = [];
  for (let i = 1; i < picked.length; i++) gaps.push(Math.max(0, picked[i]!.t - picked[i - 1]!.t));
  return {
    texts: picked.map((r) => r.data!),
    gaps: [medianGap(gaps), ...gaps],
    ...(samples.some((n) => n !== 1) ? { samples } : {}),
  };
}

/** A script as a replay source. */
export function scriptReplay(script: ReplayScript): ReplaySource {
  let index = 0;
  const n = script.texts.length;
  return {
    peek: () =>
      n === 0
        ? undefined
        : {
            text: script.texts[index % n]!,
            gapMs: script.gaps[index % script.gaps.length] ?? DEFAULT_LOOP_GAP_MS,
            samples: script.samples?.[index % n] ?? 1,
          },
    advance: () => void index++,
    rewind: () => void (index = 0),
    close: () => {},
  };
}

/** True for a replay source (not a script). */
export function isReplaySource(r: ReplayScript | ReplaySource): r is ReplaySource {
  return 'peek' in r && typeof r.peek === 'function';
}
