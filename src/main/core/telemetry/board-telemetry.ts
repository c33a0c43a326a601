// What the core keeps of one board's telemetry while the app runs: its rows, counters, marks, and the state of
// reboot/gap detection. The pipeline holds one per board id; only the shown board's ring has room to grow.

import { SeriesRing, type SeriesRingOptions } from '../../../shared/telemetry/series-ring';
import type { TelemetryCounts, TimelineMark } from '../../../shared/telemetry/types';
import { RebootWatch } from './reboot-watch';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Rows a watched board's ring starts with room for. */
const FIRST_ROWS = 4096;

/** One board's telemetry history. */
export class BoardTelemetry {
  ring: SeriesRing;
  counts: Mutable<TelemetryCounts> = { received: 0, invalid: 0, dropped: 0, other: 0 };
  marks: TimelineMark[] = [];
  latest: Record<string, unknown> | undefined;
  // Reboot / gap detection.
  lastT = NaN;
  /** Decides the board's reboots: the marks, the Lab's count and the session file's events all take its word. */
  readonly reboots = new RebootWatch();
  periodMs = NaN;
  /** When the board was last shown (ms since the epoch): the board shown longest ago is evicted first. */
  lastShownAt = 0;
  private shrunk = false;
  /** Fed while not shown (a watched board): its ring has the watched bounds. */
  watched = false;
  /** The watched bounds, and the rows its ring was last given room for (it grows by doubling up to them). */
  private watchBounds: SeriesRingOptions | undefined;
  private grownTo = 0;

  /** `watched`: the bounds of a board fed while not shown (it starts with them). */
  constructor(
    readonly boardId: string,
    private readonly bounds: SeriesRingOptions,
    watched?: SeriesRingOptions,
  ) {
    if (watched) {
      this.shrunk = this.watched = true;
      this.watchBounds = watched;
      this.grownTo = Math.min(FIRST_ROWS, watched.maxRows);
      this.ring = new SeriesRing({ ...watched, maxRows: this.grownTo });
    } else this.ring = new SeriesRing(bounds);
  }

  /** Bytes its ring takes. */
  get bytes(): number {
    return this.ring.bytes;
  }

  /** The board is no longer shown (nothing arrives for it): keep its rows in a ring just big enough for them. */
  shrink(): void {
    this.shrunk = true;
    this.watched = false;
    this.watchBounds = undefined;
    this.ring = copyRing(this.ring, { ...this.bounds, maxRows: Math.max(16, this.ring.length) });
  }

  /** The board is shown again: give its ring the full bounds, keeping every row. */
  grow(): void {
    if (!this.shrunk) return;
    this.shrunk = false;
    this.watched = false;
    this.watchBounds = undefined;
    this.ring = copyRing(this.ring, this.bounds);
  }

  /**
   * Messages arrive for the board while another is shown (it is watched): room for `bounds.maxRows` rows within
   * `bounds.maxBytes`, keeping at least the rows it holds.
   */
  watch(bounds: SeriesRingOptions): void {
    if (this.watched || !this.shrunk) return;
    this.watched = true;
    this.watchBounds = bounds;
    this.grownTo = Math.max(16, this.ring.length, Math.min(FIRST_ROWS, bounds.maxRows));
    this.ring = copyRing(this.ring, {
      ...bounds,
      maxRows: this.grownTo,
      maxBytes: Math.max(bounds.maxBytes, this.ring.bytes),
    });
  }

  /**
   * Before a row of a watched board: a full ring is given twice the room, up to the watched bounds, so a board
   * watched for minutes takes minutes' worth of memory, not its whole cap from the start.
   */
  ensureRoom(): void {
    const w = this.watchBounds;
    if (!w || this.grownTo >= w.maxRows || this.ring.length < this.ring.capacity) return;
    this.grownTo = Math.min(w.maxRows, this.grownTo * 2);
    this.ring = copyRing(this.ring, {
      ...w,
      maxRows: this.grownTo,
      maxBytes: Math.max(w.maxBytes, this.ring.bytes),
    });
  }
}

/** A new ring with `bounds` holding the rows of `from` (the newest ones, when it cannot hold them all). */
function copyRing(from: SeriesRing, bounds: SeriesRingOptions): SeriesRing {
  const to = new SeriesRing(bounds);
  for (const name of from.series) to.seriesIndex(name);
  const { t, columns, start, end } = from.view();
  const row = new Float64Array(columns.length);
  for (let j = start; j < end; j++) {
    for (let i = 0; i < columns.length; i++) row[i] = columns[i]![j]!;
    to.push(t[j]!, row);
  }
  to.evicted += from.evicted;
  return to;
}
