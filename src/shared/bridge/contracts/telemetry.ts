// The telemetry feature's part of the bridge contract: live batches, history snapshots, recording and exports.
import { z } from 'zod';
import type { FieldUnits } from '../../telemetry/fields';
import type { TelemetryBatch, TelemetryCounts, TimelineMark } from '../../telemetry/types';
import { command, event, res } from '../define';
import { telemetryFieldName, telemetryUnit } from './app';

/** How far back the shown board's history reaches (docs/sessions.md §Long history). */
export interface HistoryReach {
  /** Oldest row held in memory (null: none). */
  readonly memoryFrom: number | null;
  /** Start of the board's run in its session file being written (null: the run is not recorded). */
  readonly fileFrom: number | null;
  /** The flight recorder is writing this board's run: windows before memory are read from its file. */
  readonly recorded: boolean;
}

/** A decimated snapshot of the core's telemetry history for one time window. */
export interface TelemetryHistory {
  readonly boardId: string | null;
  readonly series: readonly string[];
  /** Row times, ms since the epoch (at most ~maxPoints rows). */
  readonly t: readonly number[];
  /** columns[i][j]: value of series i at row j, null when absent. */
  readonly columns: ReadonlyArray<ReadonlyArray<number | null>>;
  readonly marks: readonly TimelineMark[];
  readonly counts: TelemetryCounts;
  /** Raw rows the window held before decimation. */
  readonly rawRows: number;
  /** Oldest and newest time the core still holds (null when empty). */
  readonly heldFrom: number | null;
  readonly heldTo: number | null;
  /** Rows the core's buffer can hold with the present series. */
  readonly capacity: number;
  /** Live history only: how far back it reaches, in memory and in the run's session file. */
  readonly reach?: HistoryReach;
}

/** State of the recorder. */
export interface RecordingStatus {
  readonly active: boolean;
  /** The board being (or last) recorded: a recording holds the board it was started for (null: none yet). */
  readonly boardId: string | null;
  /** The file being (or last) written: the path in the folder the user chose. */
  readonly file: string | null;
  readonly bytes: number;
  readonly records: number;
  /** ms since the epoch; null when never started. */
  readonly startedAt: number | null;
  /** Why the recording stopped on its own (disk full, folder removed …). */
  readonly error?: string;
}

/** Folders the recording tools offer. */
export interface RecordingFolders {
  /** The data dir's recordings/ folder. */
  readonly defaultDir: string;
  /** The folder last used for a recording or an export (the default until one is used). */
  readonly lastDir: string;
  /** Minutes the always-on capture holds at most, and what it holds now. */
  readonly captureMinutes: number;
  readonly captureRecords: number;
}

/** A file the core wrote for the user. */
export interface WrittenFile {
  /** Full path in the folder the user chose. */
  readonly file: string;
  /** Telemetry rows (CSV) or records (NDJSON) written. */
  readonly rows: number;
  readonly bytes: number;
  /** Columns of a CSV (time first). */
  readonly columns?: readonly string[];
  /** The time range the file covers, ms since the epoch (CSV of a window: the range asked for). */
  readonly fromT?: number;
  readonly toT?: number;
  /** Browser mode: the URL path of a one-time download of the file (the page hands it to the browser). */
  readonly download?: string;
}

/** How the chart window an export copies was shown: following the newest sample, paused, or zoomed. */
export const viewKinds = ['live', 'paused', 'zoomed'] as const;

const folder = z.string().min(1).max(4096).optional();
const time = z.number().finite();

export const telemetryCommands = {
  /**
   * Decimated history of the current board for [fromT, toT) (defaults: everything held in memory). A window that
   * starts before the rows in memory reaches into the board's session file while it is recorded. `bucketMs`: buckets
   * of that width on the absolute time grid (bucket k covers [k·w, (k+1)·w)), the window widened to whole buckets.
   */
  'telemetry:history': command(
    z
      .object({
        fromT: time.optional(),
        toT: time.optional(),
        maxPoints: z.number().int().min(2).max(200_000).default(2000),
        bucketMs: z.number().finite().min(0.001).max(86_400_000).optional(),
      })
      .strict(),
    res<TelemetryHistory>(),
  ),
  /** Starts recording every WebSocket message to a new NDJSON file in `dir` (inside the recordings folder; default it). */
  'telemetry:record-start': command(z.object({ dir: folder }).strict(), res<RecordingStatus>()),
  /** Browser mode: `download` is the URL path of a one-time download of the recording. */
  'telemetry:record-stop': command(
    z.object({}).strict(),
    res<RecordingStatus & { readonly download?: string }>(),
  ),
  'telemetry:recording-status': command(
    z.object({}).strict(),
    res<RecordingStatus & { readonly folders: RecordingFolders }>(),
  ),
  /** Saves the always-on capture (the last minutes of messages) as an NDJSON recording in `dir` (as above). */
  'telemetry:save-capture': command(z.object({ dir: folder }).strict(), res<WrittenFile>()),
  /**
   * Writes a CSV: from a recording file, or from the telemetry the core holds for a time window: every row with
   * fromT ≤ t ≤ toT, the range the charts show (`view` says how they showed it; the file's header repeats both).
   */
  'telemetry:export-csv': command(
    z.discriminatedUnion('source', [
      z.object({ source: z.literal('recording'), file: z.string().min(1).max(4096), dir: folder }).strict(),
      z
        .object({
          source: z.literal('window'),
          fromT: time,
          toT: time,
          view: z.enum(viewKinds).default('live'),
          dir: folder,
        })
        .strict(),
    ]),
    res<WrittenFile>(),
  ),
  /** Gives a telemetry field the firmware does not define a unit ('' removes it); kept in the settings. */
  'telemetry:set-unit': command(
    z.object({ field: telemetryFieldName, unit: telemetryUnit }).strict(),
    res<FieldUnits>(),
  ),
};

export const telemetryEvents = {
  /** Telemetry of the current board, one batch per 50–100 ms while something changes. */
  'telemetry:batch': event<TelemetryBatch>(),
  /** The recorder's state: on start, stop, error, and about once a second while recording. */
  'telemetry:recording': event<RecordingStatus>(),
};
