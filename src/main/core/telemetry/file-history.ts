// The older telemetry of the shown board, read from its session file while the flight recorder writes it
// (docs/sessions.md §Long history). The file is never scanned: the recorder hands over the chunks already on disk
// (`FlightRecorder.liveIndex`), and each chunk is read once, when a window first needs it, into a small summary (its
// first and last sample times, and per series its minimum and maximum in the order they came): the level of detail
// of a growing file, one bucket per chunk (≤ 500 ms), extended as chunks are written. A window holding few samples
// is read back from its chunks exactly; a wider one is drawn from the summaries, its edge chunks read exactly so no
// sample past the window (the part in memory) is counted twice.
import { open, type FileHandle } from 'node:fs/promises';
import type { ChunkIndex } from '@mcap/core';
import { decimateMinMax, type Decimated } from '../../../shared/telemetry/decimate';
import type { TimelineMark } from '../../../shared/telemetry/types';
import type { LiveFileIndex } from '../flight/flight-recorder';
import { walkChunks } from '../runs/chunk-walk';
import { timelineMark } from '../runs/first-pass';
import { benchEvent } from '../runs/review-rows';
import { SampleDecoder } from '../runs/sample-decoder';

/** A window with at most this many samples in the file is read from its chunks and decimated exactly. */
export const FILE_RAW_MAX = 100_000;

/** One chunk's telemetry, read once. */
interface ChunkSummary {
  readonly chunk: ChunkIndex;
  readonly count: number;
  readonly tFirst: number;
  readonly tLast: number;
  /** Per series (as the decoder knew them then): the extreme that came first and the one that came second. */
  readonly first: Float64Array;
  readonly second: Float64Array;
}

/** The window's bucket grid: [fromT, toT) in `buckets` equal buckets. */
export interface WindowGrid {
  readonly fromT: number;
  readonly toT: number;
  readonly buckets: number;
}

/** What the file gave for a window. */
export interface FilePart extends Decimated {
  readonly series: readonly string[];
  /** Samples the file holds in the window (exact when read exactly, else counted by whole chunks). */
  readonly samples: number;
  /** Every sample was sent (no bucket merged any). */
  readonly exact: boolean;
  readonly marks: readonly TimelineMark[];
}

/** One session file being written, read for history. */
export class SessionFileHistory {
  private handle: FileHandle | undefined;
  private readonly decoder = new SampleDecoder();
  private readonly summaries: ChunkSummary[] = [];
  private readonly marks: TimelineMark[] = [];
  /** Chunks of the live index read so far (they are on disk and never change). */
  private walked = 0;
  /** One read at a time: two windows asked together must not read the same chunks twice. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  /** `rawMax`: samples up to which a window is read exactly (FILE_RAW_MAX; tests lower it). */
  constructor(
    readonly path: string,
    private readonly rawMax = FILE_RAW_MAX,
  ) {}

  /** Chunks read into summaries so far (for tests). */
  get chunksRead(): number {
    return this.walked;
  }

  /** Samples of [lo, hi) on the window's grid, and the file's marks there. */
  window(index: LiveFileIndex, lo: number, hi: number, grid: WindowGrid): Promise<FilePart> {
    const run = this.queue.then(() => this.read(index, lo, hi, grid));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Every sample of [lo, hi) in the file, in time order, for an export: `begin(series)` once with the series the
   * rows' values follow, then `sink(t, row)` for each. Read a chunk at a time.
   */
  forEachSample(
    index: LiveFileIndex,
    lo: number,
    hi: number,
    begin: (series: readonly string[]) => void,
    sink: (t: number, row: Float64Array) => void,
  ): Promise<void> {
    const run = this.queue.then(async () => {
      const telemetry = index.channelIds.get('telemetry');
      if (this.closed || telemetry === undefined || !(hi > lo)) return begin([]);
      this.handle ??= await open(this.path, 'r');
      // Every chunk that starts before `hi` is read now, so the series of the window are all known before its rows.
      await this.catchUp(index, hi);
      const decoder = new SampleDecoder(this.decoder.series);
      begin([...decoder.series]);
      for (const s of this.summaries) {
        if (s.tLast < lo || s.tFirst >= hi) continue;
        const rows: { t: number; row: Float64Array }[] = [];
        await walkChunks(this.handle!, [s.chunk], new Set([telemetry]), (_c, t, data) =>
          decoder.decode(data, t, (st, row) => {
            if (st >= lo && st < hi) rows.push({ t: st, row: row.slice() });
          }),
        );
        rows.sort((a, b) => a.t - b.t);
        for (const r of rows) sink(r.t, r.row);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
  }

  private async read(index: LiveFileIndex, lo: number, hi: number, grid: WindowGrid): Promise<FilePart> {
    const empty = { series: this.decoder.series, t: [], columns: [], samples: 0, exact: true, marks: [] };
    const telemetry = index.channelIds.get('telemetry');
    if (this.closed || telemetry === undefined || !(hi > lo)) return empty;
    this.handle ??= await open(this.path, 'r');
    await this.catchUp(index, hi);
    const overlapping = this.summaries.filter((s) => s.tLast >= lo && s.tFirst < hi);
    const samples = overlapping.reduce((n, s) => n + s.count, 0);
    const n = this.decoder.series.length;
    const rows: { t: number; row: Float64Array }[] = [];
    const raw = samples <= this.rawMax;
    for (const s of overlapping) {
      if (raw || s.tFirst < lo || s.tLast >= hi) {
        await this.samplesOf(s.chunk, telemetry, (t, row) => {
          if (t >= lo && t < hi) rows.push({ t, row: row.slice(0, n) });
        });
        continue;
      }
      // A chunk wholly inside the window: its extremes, at its first and last sample times.
      const a = new Float64Array(n).fill(NaN);
      const b = new Float64Array(n).fill(NaN);
      a.set(s.first);
      b.set(s.second);
      rows.push({ t: s.tFirst, row: a });
      if (s.tLast > s.tFirst) rows.push({ t: s.tLast, row: b });
    }
    rows.sort((x, y) => x.t - y.t);
    const view = {
      t: rows.map((r) => r.t),
      columns: Array.from({ length: n }, (_, i) => Float64Array.from(rows, (r) => r.row[i] ?? NaN)),
      start: 0,
      end: rows.length,
    };
    const d = decimateMinMax(view, grid.fromT, grid.toT, grid.buckets);
    return {
      series: [...this.decoder.series],
      t: d.t,
      columns: d.columns,
      // Read exactly, the samples found; else counted by whole chunks (a little over at the edges).
      samples: raw ? rows.length : samples,
      exact: raw && rows.length <= 2 * grid.buckets,
      marks: this.marks.filter((m) => m.t >= lo && m.t < hi),
    };
  }

  /** Reads the chunks on disk not read yet whose messages start before `hi` into summaries (and marks). */
  private async catchUp(index: LiveFileIndex, hi: number): Promise<void> {
    const telemetry = index.channelIds.get('telemetry');
    const events = index.channelIds.get('events');
    const hiNs = BigInt(Math.ceil(hi)) * 1_000_000n;
    while (this.walked < index.chunks.length && !this.closed) {
      const chunk = index.chunks[this.walked]!;
      if (chunk.messageStartTime >= hiNs) return;
      const before = this.decoder.series.length;
      let count = 0;
      let tFirst = Infinity;
      let tLast = -Infinity;
      const min = new Float64Array(32).fill(Infinity);
      const max = new Float64Array(32).fill(-Infinity);
      const minAt = new Float64Array(32);
      const maxAt = new Float64Array(32);
      const ids = new Set([telemetry, events].filter((id): id is number => id !== undefined));
      await walkChunks(this.handle!, [chunk], ids, (channel, t, data) => {
        if (channel === telemetry) {
          this.decoder.decode(data, t, (st, row) => {
            count++;
            tFirst = Math.min(tFirst, st);
            tLast = Math.max(tLast, st);
            for (let i = 0; i < this.decoder.series.length; i++) {
              const v = row[i]!;
              if (Number.isNaN(v)) continue;
              if (v < min[i]!) [min[i], minAt[i]] = [v, st];
              if (v > max[i]!) [max[i], maxAt[i]] = [v, st];
            }
          });
          return;
        }
        const e = benchEvent(t, data);
        const mark = e && timelineMark(t, e.raw, e.detail);
        if (mark) this.marks.push(mark);
      });
      this.walked++;
      if (count === 0) continue;
      const n = Math.max(before, this.decoder.series.length);
      const first = new Float64Array(n).fill(NaN);
      const second = new Float64Array(n).fill(NaN);
      for (let i = 0; i < n; i++) {
        if (min[i] === Infinity) continue;
        const minFirst = minAt[i]! <= maxAt[i]!;
        first[i] = minFirst ? min[i]! : max[i]!;
        second[i] = minFirst ? max[i]! : min[i]!;
      }
      this.summaries.push({ chunk, count, tFirst, tLast, first, second });
    }
  }

  /** Every sample of one chunk, in the decoder's series order. */
  private async samplesOf(
    chunk: ChunkIndex,
    telemetry: number,
    sink: (t: number, row: Float64Array) => void,
  ): Promise<void> {
    const decoder = new SampleDecoder(this.decoder.series);
    await walkChunks(this.handle!, [chunk], new Set([telemetry]), (_c, t, data) =>
      decoder.decode(data, t, sink),
    );
  }
}
