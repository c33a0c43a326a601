import type {
  SerialConsoleState,
  SerialFirmwareEvent,
  SerialHistory,
  SerialInput,
  SerialLine,
  SerialMarkKind,
  SerialPortEntry,
  SerialSettings,
} from '../../../shared/bridge/contracts/serial';
import { recognizeFirmwareLine, type FirmwareEvent } from '../../../shared/serial/firmware-events';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from '../../../shared/serial/line-splitter';
import { BenchError } from '../../../shared/result';
import type { EventHub } from '../event-hub';
import { defaultSerialBinding, listSerialPorts, SerialLink, type SerialBinding } from '../links/serial-link';
import { LineRing } from './line-ring';
import { checkSerialDevicePath } from './device-path';
import { validateLogPath } from './serial-log-file';
import { SerialOutbox } from './serial-outbox';

/**
 * A source of ready-made serial lines that is not a device, e.g. the virtual board's UART log.
 * `onLine` subscribes and returns the unsubscribe function; `t` is ms since the epoch.
 */
export interface SerialLineSource {
  readonly name: string;
  onLine(cb: (text: string, t: number) => void): () => void;
}

/** Options of the console; the defaults suit the app. */
export interface SerialConsoleOptions {
  /** Where the console's events go out (the event hub); each carries `boardId`. */
  readonly hub: Pick<EventHub, 'emit'>;
  /** The board this console belongs to. */
  readonly boardId: string;
  readonly log?: (message: string) => void;
  /** The serialport binding, or a loader for it (default: serialport's native binding, loaded on first use). */
  readonly binding?: SerialBinding | (() => Promise<SerialBinding>);
  /** Scrollback bound in lines (default 10,000) and in characters (default 4 Mi). */
  readonly maxLines?: number;
  readonly maxChars?: number;
  /** Longest line before it is cut (default 4096 bytes). */
  readonly maxLineBytes?: number;
  /** Batch period of `serial:lines` (default 75 ms) and most lines per batch (default 2000). */
  readonly batchMs?: number;
  readonly maxBatchLines?: number;
  /** A line without an ending is shown after this much quiet (default 500 ms). */
  readonly quietFlushMs?: number;
  readonly retryDelaysMs?: readonly number[];
}

const MAX_EVENTS_KEPT = 200;

/**
 * One board's serial console: takes lines from ONE input — a serial device (via SerialLink) or an injected line
 * source — keeps a bounded scrollback, recognises firmware lines, logs to a file, and sends batches to the renderer.
 * When the input changes it puts a separator line in the scrollback, so earlier lines stay readable as earlier.
 */
export class SerialConsole {
  readonly boardId: string;
  private readonly hub: Pick<EventHub, 'emit'>;
  private readonly log: (message: string) => void;
  private readonly ring: LineRing;
  private readonly maxLineBytes: number;
  private readonly outbox: SerialOutbox;
  private readonly quietFlushMs: number;
  private binding: SerialBinding | undefined;
  private input: SerialInput = { kind: 'none' };
  private link: SerialLink | undefined;
  private detachSource: (() => void) | undefined;
  private splitter: LineSplitter;
  private seq = 0;
  private stats = { lines: 0, bytes: 0, overlongLines: 0, garbageLines: 0 };
  private quietTimer: NodeJS.Timeout | undefined;
  private events: SerialFirmwareEvent[] = [];
  private garbageWarned = false;
  private readonly stateListeners = new Set<(state: SerialConsoleState) => void>();

  constructor(private readonly options: SerialConsoleOptions) {
    this.hub = options.hub;
    this.boardId = options.boardId;
    this.log = options.log ?? (() => {});
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.ring = new LineRing(options.maxLines ?? 10_000, options.maxChars ?? 4 * 1024 * 1024);
    this.outbox = new SerialOutbox({
      batchMs: options.batchMs ?? 75,
      maxBatchLines: options.maxBatchLines ?? 2000,
      emitLines: (lines, dropped) => this.hub.emit('serial:lines', { boardId: this.boardId, lines, dropped }),
      emitEvent: (event) => this.hub.emit('serial:event', { boardId: this.boardId, event }),
      emitState: () => this.emitState(),
      log: this.log,
    });
    this.quietFlushMs = options.quietFlushMs ?? 500;
    this.splitter = this.newSplitter();
  }

  /** Lists the OS's serial ports (ST-LINKs first). */
  async list(): Promise<SerialPortEntry[]> {
    return listSerialPorts(await this.resolveBinding());
  }

  /** Opens a device, replacing the current input. Throws a BenchError with the reason when it cannot open. */
  async open(settings: SerialSettings): Promise<SerialConsoleState> {
    checkSerialDevicePath(settings.path);
    await this.stopInput();
    const binding = await this.resolveBinding();
    this.splitter = this.newSplitter();
    this.garbageWarned = false;
    let everLost = false;
    const link = new SerialLink({
      binding,
      settings,
      ...(this.options.retryDelaysMs ? { retryDelaysMs: this.options.retryDelaysMs } : {}),
      onData: (chunk) => this.onBytes(chunk),
      onConsumerError: (err) =>
        this.log(
          `serial: handling received bytes failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        ),
      onState: (state) => {
        if (this.link !== link) return;
        const before = this.input.kind === 'device' ? this.input.link.kind : 'closed';
        this.input = { kind: 'device', settings, link: state };
        if (state.kind === 'lost') {
          this.flushSplitter();
          if (before !== 'lost') this.mark('lost', `${state.path} lost`);
        }
        if (state.kind === 'open') {
          const again = before === 'lost' || (before === 'opening' && everLost);
          this.mark(again ? 'reopened' : 'opened', `${state.path} ${again ? 'reopened' : 'opened'}`);
        }
        if (state.kind === 'lost') everLost = true;
        this.emitState();
      },
    });
    this.link = link;
    this.input = { kind: 'device', settings, link: link.current };
    const state = await link.open();
    if (state.kind === 'failed') throw new BenchError('UNAVAILABLE', state.reason);
    return this.state();
  }

  /** Closes the device or detaches the source. */
  async close(): Promise<SerialConsoleState> {
    await this.stopInput();
    this.emitState();
    return this.state();
  }

  /**
   * Makes `source` the console's input (closing any open device) until the returned function is called.
   * Wiring the virtual board: `const detach = serialConsole.attachSource({ name: 'Virtual board', onLine })`.
   */
  attachSource(source: SerialLineSource): () => void {
    let detached = false;
    void this.stopInput().then(() => {
      if (detached || this.input.kind !== 'none') return; // detached already, or a device was opened meanwhile
      // A separator only between earlier lines and these: a source replays its recent lines as it attaches.
      if (this.ring.length > 0) this.mark('attached', `${source.name}'s UART attached`);
      let unsubscribe: (() => void) | undefined = source.onLine((text, t) => this.onSourceLine(text, t));
      this.input = { kind: 'source', name: source.name };
      this.detachSource = () => {
        unsubscribe?.();
        unsubscribe = undefined;
      };
      this.emitState();
    });
    return () => {
      detached = true;
      if (this.input.kind === 'source' && this.input.name === source.name && this.detachSource) {
        this.detachSource();
        this.detachSource = undefined;
        this.input = { kind: 'none' };
        this.mark('detached', `${source.name}'s UART detached`);
        this.emitState();
      }
    };
  }

  /** Sends bytes to the open device. */
  async send(bytes: Uint8Array): Promise<number> {
    if (this.input.kind === 'source') {
      throw new BenchError(
        'UNAVAILABLE',
        `${this.input.name} has no serial input: the NUCLEO-MEM firmware does not read its UART.`,
      );
    }
    if (!this.link || this.link.current.kind !== 'open')
      throw new BenchError('UNAVAILABLE', 'No serial port is open.');
    await this.link.write(bytes);
    return bytes.length;
  }

  /** Starts appending received lines to a file the user named. */
  startLog(path: string): SerialConsoleState {
    this.outbox.startLog(validateLogPath(path));
    this.emitState();
    return this.state();
  }

  stopLog(): SerialConsoleState {
    if (this.outbox.stopLog()) this.emitState();
    return this.state();
  }

  /** Empties the scrollback and the counters (the input stays). */
  clear(): SerialConsoleState {
    this.ring.clear();
    this.events = [];
    this.outbox.clear();
    this.stats = { lines: 0, bytes: 0, overlongLines: 0, garbageLines: 0 };
    this.garbageWarned = false;
    this.emitState();
    return this.state();
  }

  /** The newest lines and recent firmware events. */
  history(limit: number): SerialHistory {
    return { lines: this.ring.tail(limit), events: [...this.events], state: this.state() };
  }

  state(): SerialConsoleState {
    return {
      boardId: this.boardId,
      input: this.input,
      stats: { ...this.stats, dropped: this.ring.dropped, maxLineBytes: this.maxLineBytes },
      logging: this.outbox.logging,
    };
  }

  /** Hears every state change (a board's Serial chip follows it); returns the unsubscribe. */
  onStateChange(cb: (state: SerialConsoleState) => void): () => void {
    this.stateListeners.add(cb);
    return () => this.stateListeners.delete(cb);
  }

  /** Stops everything (app shutdown). */
  async dispose(): Promise<void> {
    await this.stopInput();
    this.outbox.dispose();
    this.stopLog();
  }

  private async stopInput(): Promise<void> {
    if (this.detachSource) {
      this.detachSource();
      this.detachSource = undefined;
    }
    const link = this.link;
    this.link = undefined;
    if (link) {
      const path = this.input.kind === 'device' ? this.input.settings.path : undefined;
      await link.close();
      this.flushSplitter();
      if (path !== undefined) this.mark('closed', `${path} closed`);
    }
    this.input = { kind: 'none' };
  }

  private newSplitter(): LineSplitter {
    return new LineSplitter({ maxLineBytes: this.maxLineBytes }, () => {
      this.stats.overlongLines++;
      this.recordEvent(Date.now(), '', {
        kind: 'overlong-line',
        severity: 'warn',
        summary: `Line over ${this.maxLineBytes} bytes cut`,
        detail: `A line longer than ${this.maxLineBytes} bytes arrived; it is shown in pieces marked "cut" so the app stays responsive. A binary stream or a wrong baud rate?`,
      });
    });
  }

  private onBytes(chunk: Uint8Array): void {
    const t = Date.now();
    this.stats.bytes += chunk.length;
    for (const l of this.splitter.push(chunk)) {
      this.ingest(t, l.text, l.garbage ? toHex(l.bytes) : undefined, l.overlong);
    }
    if (this.splitter.pending > 0) this.armQuietFlush();
  }

  private onSourceLine(text: string, t: number): void {
    const clean = text.replace(/\r?\n$|\r$/, '');
    this.stats.bytes += clean.length + 2;
    if (clean.length <= this.maxLineBytes) {
      this.ingest(t, clean, undefined, false);
      return;
    }
    this.stats.overlongLines++;
    for (let i = 0; i < clean.length; i += this.maxLineBytes)
      this.ingest(t, clean.slice(i, i + this.maxLineBytes), undefined, true);
  }

  private armQuietFlush(): void {
    if (this.quietTimer) {
      this.quietTimer.refresh();
      return;
    }
    this.quietTimer = setTimeout(() => {
      this.quietTimer = undefined;
      this.flushSplitter();
    }, this.quietFlushMs);
    this.quietTimer.unref?.();
  }

  private flushSplitter(): void {
    const t = Date.now();
    for (const l of this.splitter.flush())
      this.ingest(t, l.text, l.garbage ? toHex(l.bytes) : undefined, l.overlong);
  }

  private ingest(t: number, text: string, hex: string | undefined, overlong: boolean): void {
    const line: SerialLine = {
      seq: ++this.seq,
      t,
      text,
      ...(hex ? { hex } : {}),
      ...(overlong ? { overlong: true } : {}),
    };
    this.stats.lines++;
    this.ring.push(line);
    this.outbox.line(line);
    if (hex) {
      this.stats.garbageLines++;
      if (!this.garbageWarned) {
        this.garbageWarned = true;
        this.recordEvent(t, text, {
          kind: 'garbage-bytes',
          severity: 'warn',
          summary: 'Bytes that are not text',
          detail:
            'Received bytes that are not valid UTF-8: is the baud rate right? The NUCLEO-MEM firmware uses 115200 8N1. Switch to the hex view to see the raw bytes.',
        });
      }
    } else if (!overlong) {
      const e = recognizeFirmwareLine(text);
      if (e) this.recordEvent(t, text, e, line.seq);
    }
    this.outbox.dirty();
  }

  /** A separator line: not received, not counted, not recognised; kept and sent like a line. */
  private mark(kind: SerialMarkKind, text: string): void {
    const line: SerialLine = { seq: ++this.seq, t: Date.now(), text, mark: kind };
    this.ring.push(line);
    this.outbox.line(line);
  }

  private recordEvent(t: number, line: string, e: FirmwareEvent, seq = this.seq): void {
    const full: SerialFirmwareEvent = { ...e, t, seq, line: line.slice(0, 300) };
    this.events.push(full);
    if (this.events.length > MAX_EVENTS_KEPT) this.events.splice(0, this.events.length - MAX_EVENTS_KEPT);
    this.outbox.event(full);
  }

  private emitState(): void {
    const state = this.state();
    this.hub.emit('serial:state', state);
    for (const cb of this.stateListeners) cb(state);
  }

  private async resolveBinding(): Promise<SerialBinding> {
    if (this.binding) return this.binding;
    const b = this.options.binding;
    this.binding = b === undefined ? await defaultSerialBinding() : typeof b === 'function' ? await b() : b;
    return this.binding;
  }
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
