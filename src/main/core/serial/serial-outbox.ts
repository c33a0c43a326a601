// What leaves one board's serial console: its lines and firmware events batched for the renderer, and every line
// appended to the log file the user asked for (even those a full batch could not carry).
import type { SerialFirmwareEvent, SerialLine } from '../../../shared/bridge/contracts/serial';
import { SerialLogFile } from './serial-log-file';

/** Where a console's batches go, and how often. */
export interface SerialOutboxOptions {
  /** Batch period (ms) and most lines per batch. */
  readonly batchMs: number;
  readonly maxBatchLines: number;
  readonly emitLines: (lines: SerialLine[], dropped: number) => void;
  readonly emitEvent: (event: SerialFirmwareEvent) => void;
  /** The console's state went out of date: called once per batch at most. */
  readonly emitState: () => void;
  readonly log: (message: string) => void;
}

/** At most this many firmware events cross per batch; the rest are kept in the console's list only. */
const MAX_EVENTS_PER_BATCH = 50;

/** Batches of a console's output, and its log file. */
export class SerialOutbox {
  private batch: SerialLine[] = [];
  private batchDropped = 0;
  private batchEvents = 0;
  /** Lines for the log file: every line, even those a full batch could not carry. */
  private logPending: SerialLine[] = [];
  private logFile: SerialLogFile | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stateDirty = false;

  constructor(private readonly o: SerialOutboxOptions) {}

  /** The log file being appended to, as the console's state says it. */
  get logging(): { path: string; bytes: number; since: number } | null {
    const f = this.logFile;
    return f ? { path: f.path, bytes: f.bytes, since: f.since } : null;
  }

  /** A line (received, or a separator) to send and log. */
  line(line: SerialLine): void {
    if (this.batch.length < this.o.maxBatchLines) this.batch.push(line);
    else this.batchDropped++;
    if (this.logFile) this.logPending.push(line);
    this.schedule();
  }

  event(e: SerialFirmwareEvent): void {
    if (this.batchEvents++ < MAX_EVENTS_PER_BATCH) this.o.emitEvent(e);
    this.schedule();
  }

  /** The console's counters changed: its state goes out with the next batch. */
  dirty(): void {
    this.stateDirty = true;
    this.schedule();
  }

  /** Forgets the lines not sent yet (the scrollback was cleared). */
  clear(): void {
    this.batch = [];
    this.batchDropped = 0;
  }

  startLog(path: string): void {
    this.stopLog();
    this.logFile = new SerialLogFile(path);
  }

  /** Stops logging; whether a file was being written. */
  stopLog(): boolean {
    if (this.logFile && this.logPending.length) this.logFile.append(this.logPending);
    this.logPending = [];
    this.logFile?.close();
    const had = this.logFile !== undefined;
    this.logFile = undefined;
    return had;
  }

  /** Sends what is pending now and stops the timer (app shutdown). */
  dispose(): void {
    this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.o.batchMs);
    this.timer.unref?.();
  }

  private flush(): void {
    this.batchEvents = 0;
    if (
      this.batch.length === 0 &&
      this.batchDropped === 0 &&
      this.logPending.length === 0 &&
      !this.stateDirty
    )
      return;
    const lines = this.batch;
    const dropped = this.batchDropped;
    this.batch = [];
    this.batchDropped = 0;
    const toLog = this.logPending;
    this.logPending = [];
    if (this.logFile) {
      try {
        this.logFile.append(toLog);
      } catch (err) {
        this.o.log(`serial log file failed: ${err instanceof Error ? err.message : String(err)}`);
        this.logFile.close();
        this.logFile = undefined;
      }
    }
    if (lines.length > 0 || dropped > 0) this.o.emitLines(lines, dropped);
    if (this.stateDirty) {
      this.stateDirty = false;
      this.o.emitState();
    }
  }
}
