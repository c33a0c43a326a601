// The telemetry feature of the core, assembled: the pipeline (charts), the recorder and the capture ring (every
// message), and the folders the user last chose. bench.ts creates one; the link manager calls
// `telemetry.pipeline.ingest(...)` / `.mark(...)`.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordingStatus } from '../../../shared/bridge/contracts/telemetry';
import type { TelemetryBatch } from '../../../shared/telemetry/types';
import { CaptureRing, type CaptureOptions } from './capture';
import { TelemetryPipeline, type TelemetryPipelineOptions } from './pipeline';
import { Recorder } from './recorder';
import { z } from 'zod';
import { JsonStore } from '../json-store';

/** telemetry-folders.json: the recordings folder the user last used. */
const foldersSchema = z.object({ lastDir: z.string().max(4096).optional() });

/** Where the feature keeps things and whom it tells. */
export interface TelemetryServiceOptions {
  /** The app's data dir; recordings/ inside it is the default folder. */
  readonly dataDir: string;
  readonly emitBatch: (batch: TelemetryBatch) => void;
  readonly emitRecording: (status: RecordingStatus) => void;
  readonly log: (message: string) => void;
  readonly pipeline?: Omit<TelemetryPipelineOptions, 'emit'>;
  readonly capture?: CaptureOptions;
}

/** Pipeline + recorder + capture, wired so every message of the board reaches all three. */
export class TelemetryService {
  readonly pipeline: TelemetryPipeline;
  readonly recorder: Recorder;
  readonly capture: CaptureRing;
  readonly defaultDir: string;
  private readonly folders: JsonStore<typeof foldersSchema>;

  constructor(private readonly options: TelemetryServiceOptions) {
    this.defaultDir = join(options.dataDir, 'recordings');
    mkdirSync(this.defaultDir, { recursive: true });
    this.folders = new JsonStore({
      file: join(options.dataDir, 'telemetry-folders.json'),
      schema: foldersSchema,
      log: options.log,
    });
    this.pipeline = new TelemetryPipeline({ ...options.pipeline, emit: options.emitBatch });
    this.recorder = new Recorder({ onStatus: options.emitRecording, log: options.log });
    this.capture = new CaptureRing(options.capture);
    // Several boards may be watched at once: a recording holds the board it was started for, and the capture ring
    // the shown board's messages (what "save the last minutes" saves, with the shown board's header).
    this.pipeline.tap((boardId, record) => {
      if (boardId === this.pipeline.currentBoard) this.capture.push(record);
      const recorded = this.recorder.boardId;
      if (recorded === undefined || recorded === boardId) this.recorder.write(record);
    });
  }

  /** Whether a recording of board `boardId` is being written. */
  recording(boardId: string): boolean {
    return this.recorder.state.active && this.recorder.boardId === boardId;
  }

  /** The folder last used (or the default). */
  get lastDir(): string {
    return this.folders.get().lastDir ?? this.defaultDir;
  }

  /** Remembers a folder the user used successfully. */
  rememberDir(dir: string): void {
    try {
      this.folders.set({ lastDir: dir });
    } catch (err) {
      this.options.log(`could not remember the recordings folder: ${String(err)}`);
    }
  }

  /** Stops the timers and closes a recording in progress. */
  close(): void {
    this.pipeline.close();
    this.recorder.stop();
  }
}
