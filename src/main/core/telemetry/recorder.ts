// Recording to NDJSON (docs/architecture.md §6): a header line, then one line per WebSocket message,
// appended with fs.writeSync (the bytes are in the OS before write returns, so a killed app loses nothing it
// handed over) and fsync'd every `fsyncMs` and on stop (so a power cut loses at most that much).

import { closeSync, fsyncSync, writeSync } from 'node:fs';
import type { RecordingStatus } from '../../../shared/bridge/contracts/telemetry';
import type { MessageRecord, RecordingHeader } from '../../../shared/recording/format';
import { RECORDING_FORMAT } from '../../../shared/recording/format';
import { BenchError } from '../../../shared/result';
import { checkFolder, createNewFile } from './files';

/** What the recorder needs from its surroundings. */
export interface RecorderOptions {
  /** Called on start, stop, failure, and every `statusMs` while recording. */
  readonly onStatus?: (status: RecordingStatus) => void;
  readonly log?: (message: string) => void;
  /** fsync period in ms (200–1000; default 500). */
  readonly fsyncMs?: number;
  /** Status event period while recording (default 1000 ms). */
  readonly statusMs?: number;
  readonly now?: () => number;
}

/** The one NDJSON line of a record. */
export function recordLine(record: MessageRecord): string {
  const r: MessageRecord = { t: record.t, dir: record.dir, op: record.op };
  const line = record.b64 !== undefined ? { ...r, b64: record.b64 } : { ...r, data: record.data ?? '' };
  return `${JSON.stringify(line)}\n`;
}

/** The header line of a recording. */
export function headerLine(started: number, board: Readonly<Record<string, unknown>>): string {
  const header: RecordingHeader = { format: RECORDING_FORMAT, version: 1, started, board };
  return `${JSON.stringify(header)}\n`;
}

/** Records every message into a new file in a folder the user chose. One recording at a time. */
export class Recorder {
  private fd: number | undefined;
  private status: RecordingStatus = {
    active: false,
    boardId: null,
    file: null,
    bytes: 0,
    records: 0,
    startedAt: null,
  };
  private dirty = false;
  private syncTimer: ReturnType<typeof setInterval> | undefined;
  private statusTimer: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;
  /** The board being recorded (its header's `id`), while a recording is open. */
  boardId: string | undefined;

  constructor(private readonly options: RecorderOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** The recorder's state. */
  get state(): RecordingStatus {
    return this.status;
  }

  /** Opens `run-YYYYMMDD-HHMMSS.ndjson` in `dir` and writes the header. */
  start(dir: string, board: Readonly<Record<string, unknown>>): RecordingStatus {
    if (this.fd !== undefined)
      throw new BenchError('CONFLICT', `Already recording to ${this.status.file}; stop it first.`);
    const real = checkFolder(dir);
    const started = this.now();
    const { path, fd } = createNewFile(real, 'run', '.ndjson', started);
    this.fd = fd;
    this.boardId = typeof board.id === 'string' ? board.id : undefined;
    this.status = {
      active: true,
      boardId: this.boardId ?? null,
      file: path,
      bytes: 0,
      records: 0,
      startedAt: started,
    };
    this.append(headerLine(started, board), false);
    fsyncSync(fd);
    const fsyncMs = Math.min(1000, Math.max(200, this.options.fsyncMs ?? 500));
    this.syncTimer = setInterval(() => this.sync(), fsyncMs);
    this.syncTimer.unref?.();
    this.statusTimer = setInterval(() => this.options.onStatus?.(this.status), this.options.statusMs ?? 1000);
    this.statusTimer.unref?.();
    this.options.onStatus?.(this.status);
    return this.status;
  }

  /** Appends one message; a write failure stops the recording and says why. */
  write(record: MessageRecord): void {
    if (this.fd === undefined) return;
    this.append(recordLine(record), true);
  }

  /** Flushes to disk and closes the file. Harmless when not recording. */
  stop(error?: string): RecordingStatus {
    const fd = this.fd;
    if (fd === undefined) return this.status;
    this.fd = undefined;
    clearInterval(this.syncTimer);
    clearInterval(this.statusTimer);
    try {
      fsyncSync(fd);
    } catch (err) {
      error ??= `could not flush the file: ${(err as Error).message}`;
    }
    try {
      closeSync(fd);
    } catch {
      /* already gone */
    }
    this.status = { ...this.status, active: false, ...(error ? { error } : {}) };
    if (error) this.options.log?.(`recording to ${this.status.file} stopped: ${error}`);
    this.options.onStatus?.(this.status);
    return this.status;
  }

  private append(text: string, counts: boolean): void {
    try {
      const bytes = writeSync(this.fd!, text);
      this.dirty = true;
      this.status = {
        ...this.status,
        bytes: this.status.bytes + bytes,
        records: this.status.records + (counts ? 1 : 0),
      };
    } catch (err) {
      this.stop(`writing failed: ${(err as Error).message}`);
    }
  }

  private sync(): void {
    if (this.fd === undefined || !this.dirty) return;
    this.dirty = false;
    try {
      fsyncSync(this.fd);
    } catch (err) {
      this.stop(`flushing to disk failed: ${(err as Error).message}`);
    }
  }
}
