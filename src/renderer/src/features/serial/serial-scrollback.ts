import type {
  SerialFirmwareEvent,
  SerialLine,
  SerialLinesBatch,
} from '../../../../shared/bridge/contracts/serial';

/** Lines the page keeps; older ones are dropped and counted. */
export const MAX_SCROLLBACK = 10_000;
const MAX_EVENTS = 200;

/** What the terminal draws. Replaced (never mutated) on every change, so React can compare it. */
export interface SerialView {
  readonly lines: readonly SerialLine[];
  /** Lines received while the display was paused (shown as "paused — N new lines"). */
  readonly newWhilePaused: number;
  readonly paused: boolean;
  /** Lines dropped before reaching the page (core batches) plus lines pushed out of the page's scrollback. */
  readonly dropped: number;
  readonly events: readonly SerialFirmwareEvent[];
}

/**
 * The page's serial scrollback, kept outside React state: ingestion never stops, pausing only freezes what is
 * drawn. Subscribers are told at most once per batch (the core batches every ~75 ms).
 */
export class SerialScrollback {
  private lines: SerialLine[] = [];
  private events: SerialFirmwareEvent[] = [];
  private dropped = 0;
  private paused = false;
  private frozen: readonly SerialLine[] = [];
  private newWhilePaused = 0;
  private view: SerialView = { lines: [], newWhilePaused: 0, paused: false, dropped: 0, events: [] };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly max = MAX_SCROLLBACK) {}

  /**
   * Replaces everything with the core's history: when the page opens, and after a batch overflowed (the core's
   * scrollback still holds the lines the batch could not carry). `dropped` is then what the core lost.
   */
  load(lines: readonly SerialLine[], events: readonly SerialFirmwareEvent[], dropped = this.dropped): void {
    this.lines = lines.slice(-this.max);
    this.events = events.slice(-MAX_EVENTS);
    this.dropped = dropped;
    this.publish();
  }

  append(batch: Pick<SerialLinesBatch, 'lines' | 'dropped'>): void {
    this.dropped += batch.dropped;
    const last = this.lines[this.lines.length - 1]?.seq ?? 0;
    const fresh = batch.lines.filter((l) => l.seq > last);
    this.lines = this.lines.concat(fresh);
    if (this.lines.length > this.max) {
      this.dropped += this.lines.length - this.max;
      this.lines = this.lines.slice(-this.max);
    }
    if (this.paused) this.newWhilePaused += fresh.length;
    this.publish();
  }

  addEvent(e: SerialFirmwareEvent): void {
    this.events = [...this.events.slice(-(MAX_EVENTS - 1)), e];
    this.publish();
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.frozen = this.lines;
    this.newWhilePaused = 0;
    this.publish();
  }

  clear(): void {
    this.lines = [];
    this.events = [];
    this.frozen = [];
    this.dropped = 0;
    this.newWhilePaused = 0;
    this.publish();
  }

  /** Every line kept (not only the frozen view), for copy-all. */
  all(): readonly SerialLine[] {
    return this.lines;
  }

  snapshot = (): SerialView => this.view;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private publish(): void {
    this.view = {
      lines: this.paused ? this.frozen : this.lines,
      newWhilePaused: this.newWhilePaused,
      paused: this.paused,
      dropped: this.dropped,
      events: this.events,
    };
    for (const l of this.listeners) l();
  }
}

/** The bytes of a line as spaced hex ("48 65 6c"), from the raw bytes when the core sent them. */
export function lineHex(line: SerialLine): string {
  if (line.hex) return line.hex.replace(/(..)(?!$)/g, '$1 ');
  const bytes = new TextEncoder().encode(line.text);
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (i ? ' ' : '') + bytes[i]!.toString(16).padStart(2, '0');
  return s;
}

/** "12:03:04" in local time. */
export function clockTime(t: number): string {
  return formatTime(t).slice(0, 8);
}

/** "12:03:04.567" in local time. */
export function formatTime(t: number): string {
  const d = new Date(t);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}
