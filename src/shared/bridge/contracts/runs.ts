// The Sessions page's part of the contract: the runs the flight recorder kept (one session file per board per run,
// docs/sessions.md), opening one for review, the review's data for one time window, and markers.
//
// In code a kept run is a "run" (a BoardSession is a watched board); the page calls it a session, as users do.
import { z } from 'zod';
import type { FrameDetail, FrameRow } from '../../frames/types';
import { command, event, res } from '../define';
import type { TelemetryHistory, WrittenFile } from './telemetry';

/** One kept run of one board. */
export interface RunSummary {
  /** Opaque id: the board id and the file's name (`<board id>/<start>.mcap`); files opened from disk get another. */
  readonly id: string;
  readonly boardId: string;
  readonly boardName: string;
  readonly boardKind: 'virtual' | 'real';
  /** ms since the epoch. */
  readonly started: number;
  /** Time of its last message, ms since the epoch (the start when it holds none). */
  readonly ended: number;
  readonly bytes: number;
  /** Markers in it (the user's and the bench's own). */
  readonly markers: number;
  /** Being written now (its board is watched). */
  readonly live: boolean;
  /** Where it came from: the bench's own sessions folder, or a file the user opened from disk. */
  readonly source: 'bench' | 'file';
  /** Plain words when the file was cut short (a killed bench) and its index rebuilt, or could not be read. */
  readonly note?: string;
}

/** The kept runs, newest first, and the recorder's budget. */
export interface RunsState {
  readonly runs: readonly RunSummary[];
  /** Bytes the kept runs take, and the most they may take before the oldest are deleted. */
  readonly usedBytes: number;
  readonly budgetBytes: number;
  /** The flight recorder is on (the `sessionRecorder` setting). */
  readonly recording: boolean;
}

/** A marker: a note at a moment, the user's (M or the button) or the bench's own (reboot, link lost, fault…). */
export interface RunMarker {
  /** ms since the epoch. */
  readonly t: number;
  readonly note: string;
  readonly source: 'user' | 'bench';
  /** For the bench's own: what happened (`reboot`, `link`, `fault`, `led-command`, `transfer`); `marker` for notes. */
  readonly kind: string;
}

/** One message of the events channel, as the review lists it. */
export interface RunEvent {
  readonly t: number;
  readonly kind: string;
  /** Plain words. */
  readonly detail: string;
}

/** One serial line of a reviewed run. */
export interface RunSerialLine {
  readonly t: number;
  readonly text: string;
}

/** A run opened for review. */
export interface ReviewedRun {
  /** Names this open review in later requests; closed by `runs:close` or when the page goes. */
  readonly reviewId: string;
  readonly run: RunSummary;
  /** Telemetry fields present in the run. */
  readonly series: readonly string[];
  /** First and last message times, ms since the epoch. */
  readonly from: number;
  readonly to: number;
  /** Messages per channel topic (`/board/telemetry`, `/ws/frames`, …). */
  readonly counts: Readonly<Record<string, number>>;
  readonly markers: readonly RunMarker[];
  /** Times the board restarted (its uptime went back), ms since the epoch: an alignment point for compare. */
  readonly reboots: readonly number[];
}

/** Telemetry of a reviewed run for one window: the live chart's shape, so the same charts draw it. */
export type RunTelemetry = TelemetryHistory & {
  readonly reviewId: string;
  /** True when every sample of the window is here; false when min/max per bucket stand for them (level of detail). */
  readonly exact: boolean;
};

/** The frames of a reviewed run in a window, in the frame log's row shape. */
export interface RunFrames {
  readonly reviewId: string;
  readonly rows: readonly FrameRow[];
  /** More frames lay in the window than the limit let through. */
  readonly more: boolean;
}

export interface RunSerial {
  readonly reviewId: string;
  readonly lines: readonly RunSerialLine[];
  readonly more: boolean;
}

export interface RunEvents {
  readonly reviewId: string;
  readonly events: readonly RunEvent[];
  readonly more: boolean;
}

/** Telemetry values at a moment: the last sample at or before it in each field. */
export interface RunValuesAt {
  readonly reviewId: string;
  readonly t: number;
  /** The sample's own time (undefined: no sample at or before `t`). */
  readonly sampleT?: number;
  readonly values: Readonly<Record<string, number>>;
}

const reviewId = z.string().min(1).max(100);
const time = z.number().finite();
const window = {
  reviewId,
  fromT: time,
  toT: time,
};

export const runsCommands = {
  'runs:list': command(z.object({}).strict(), res<RunsState>()),
  /** Opens a kept run for review. */
  'runs:open': command(z.object({ id: z.string().min(1).max(400) }).strict(), res<ReviewedRun>()),
  /** Desktop app: opens an MCAP session or an NDJSON recording chosen with the native dialog (null: cancelled). */
  'runs:open-file': command(z.object({}).strict(), res<ReviewedRun | null>()),
  /** Ends a review: its file is let go. `closed` is false when it was not open (closed already, or unknown). */
  'runs:close': command(
    z.object({ reviewId }).strict(),
    res<{ readonly reviewId: string; readonly closed: boolean }>(),
  ),
  /** Deletes a kept run that is not being written. */
  'runs:delete': command(z.object({ id: z.string().min(1).max(400) }).strict(), res<RunsState>()),
  /** Telemetry for [fromT, toT], at most maxPoints rows: every sample when they fit, else min/max per bucket. */
  'runs:telemetry': command(
    z.object({ ...window, maxPoints: z.number().int().min(2).max(20_000).default(2000) }).strict(),
    res<RunTelemetry>(),
  ),
  /** Frames in [fromT, toT], the first `limit`. */
  'runs:frames': command(
    z.object({ ...window, limit: z.number().int().min(1).max(5000).default(500) }).strict(),
    res<RunFrames>(),
  ),
  /**
   * One row of `runs:frames` with its bytes (hex, text, decoded JSON), as `frames:get` gives a live one: `seq` and
   * `t` as that row gave them (the time finds the row in a long run without reading all of it).
   */
  'runs:frame-detail': command(
    z.object({ reviewId, seq: z.number().int().min(1), t: time }).strict(),
    res<FrameDetail>(),
  ),
  'runs:serial': command(
    z.object({ ...window, limit: z.number().int().min(1).max(5000).default(500) }).strict(),
    res<RunSerial>(),
  ),
  'runs:events': command(
    z.object({ ...window, limit: z.number().int().min(1).max(5000).default(1000) }).strict(),
    res<RunEvents>(),
  ),
  'runs:values-at': command(z.object({ reviewId, t: time }).strict(), res<RunValuesAt>()),
  /**
   * Writes a CSV of a reviewed run's window (the live export's columns, every sample, the markers in a `marker`
   * column) to `dir` (inside the recordings folder; default it); browser mode also gets a one-time download.
   */
  'runs:export-csv': command(
    z.object({ ...window, dir: z.string().min(1).max(4096).optional() }).strict(),
    res<WrittenFile>(),
  ),
  /**
   * Adds a user marker: to a board's run being written (boardId; `t` defaults to now), or to a reviewed run
   * (reviewId and `t`). Returns the marker as stored.
   */
  'runs:mark': command(
    z
      .object({
        boardId: z.string().min(1).max(100).optional(),
        reviewId: reviewId.optional(),
        t: time.optional(),
        note: z.string().max(500).default(''),
      })
      .strict()
      .refine((v) => (v.boardId === undefined) !== (v.reviewId === undefined), {
        message: 'Give either a board or a reviewed run, not both.',
      }),
    res<RunMarker>(),
  ),
};

export const runsEvents = {
  /** When a run is added, ends, is deleted by the budget or by the user, or gets a marker. */
  'runs:changed': event<RunsState>(),
  /** A marker was added to a board's run being written (the user's or the bench's own). */
  'runs:marker': event<RunMarker & { readonly boardId: string }>(),
};
