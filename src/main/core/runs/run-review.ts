// One run opened for review: its file, the level-of-detail pyramid of its telemetry and its events, built in one
// pass when it opens; then each window of the pages is answered from the pyramid, or from the file's chunks when
// the window holds few enough samples to send them all (docs/sessions.md §Review).
import { open, type FileHandle } from 'node:fs/promises';
import type {
  ReviewedRun,
  RunEvent,
  RunMarker,
  RunSerialLine,
  RunSummary,
} from '../../../shared/bridge/contracts/runs';
import type { TelemetryHistory } from '../../../shared/bridge/contracts/telemetry';
import type { FrameDetail, FrameRow } from '../../../shared/frames/types';
import { channelKeyOfTopic, type SessionChannelKey } from '../../../shared/session-file/channels';
import { decimateMinMax, type Decimated } from '../../../shared/telemetry/decimate';
import { openSessionFile, type OpenedSessionFile } from '../flight/session-file-reader';
import { walkChunks } from './chunk-walk';
import { firstPass } from './first-pass';
import { loadLodCache, saveLodCache, type ReviewIndex } from './lod-cache';
import { buildDetail } from '../frames/detail';
import { benchEvent, frameItem, frameRow, serialLine, tcpRow } from './review-rows';
import { rowsOf, SampleColumns, type Samples } from './sample-columns';
import { SampleDecoder } from './sample-decoder';

/**
 * A window with at most this many samples is read from the file and decimated exactly, when the pyramid is coarser;
 * a bigger one is drawn from the pyramid, however coarse, so no zoom reads more than a few chunks' worth.
 */
export const RAW_DECIMATE_MAX = 20_000;
/**
 * How far past a window a message may hold samples of it: a telemetry-batch spans its samples' offsets before its
 * receipt, milliseconds for a real firmware (docs/telemetry-batch.md); a batch spread wider loses its earliest
 * samples at a window's end when read exactly (the pyramid has them all).
 */
const BATCH_LOOKAHEAD_MS = 2000;
/** Samples an export reads from the file at once (a slice of its window): a few MB. */
const EXPORT_SLICE_SAMPLES = 50_000;
/** TCP event rows are numbered after the frames' own sequence numbers, so rows of both never share one. */
const TCP_SEQ_BASE = 1_000_000_000;

type Index = ReviewIndex;

export class RunReview {
  private constructor(
    private readonly file: OpenedSessionFile,
    private readonly handle: FileHandle,
    private readonly ids: ReadonlyMap<SessionChannelKey, ReadonlySet<number>>,
    private readonly index: Index,
    readonly run: RunSummary,
  ) {}

  /** Opens `path` (read only unless `repair`: a finished bench file whose writer was killed gets its summary). */
  static async open(
    path: string,
    run: RunSummary,
    options: {
      repair: boolean;
      markers: readonly RunMarker[];
      /** Use and keep the pyramid beside the file (a finished bench file); `log` hears a cache that failed. */
      cache?: boolean;
      log?: (message: string) => void;
      /** Ends the first pass early (the bench is closing): the open then fails. */
      stop?: () => boolean;
    },
  ): Promise<RunReview> {
    // The kept level of detail is read while the file's summary is parsed (both take a while on a long run); it is
    // read again if the open rewrote the file (a cut-short file's summary written into it), as it then names the
    // file as it was.
    const early = options.cache ? loadLodCache(path).catch(() => undefined) : undefined;
    let file: OpenedSessionFile;
    try {
      file = await openSessionFile(path, { repair: options.repair });
    } catch (e) {
      await early;
      throw e;
    }
    let handle: FileHandle | undefined;
    try {
      handle = await open(path, 'r');
      const ids = new Map<SessionChannelKey, Set<number>>();
      for (const c of file.mcap.channelsById.values()) {
        const key = channelKeyOfTopic(c.topic);
        if (key) ids.set(key, (ids.get(key) ?? new Set()).add(c.id));
      }
      const kept = await early;
      const cached = !options.cache ? undefined : file.recovered?.rebuilt ? await loadLodCache(path) : kept;
      const index = cached ?? (await firstPass(file, handle, ids, options.stop));
      if (options.cache && !cached) {
        // Only an optimisation: a folder that refuses the file leaves this review as it is.
        await saveLodCache(path, index).catch((e: unknown) =>
          options.log?.(`session review: the level of detail of ${path} was not kept: ${String(e)}`),
        );
      }
      index.markers.push(...options.markers);
      index.markers.sort((a, b) => a.t - b.t);
      // A file from disk is named by what it says of itself, not by its file name.
      const info = file.info;
      const named: RunSummary =
        run.source !== 'file'
          ? run
          : {
              ...run,
              boardId: info?.boardId ?? run.boardId,
              boardName: info ? `${info.boardName} (${run.boardName})` : run.boardName,
              boardKind: info?.boardKind ?? run.boardKind,
              started: info?.started ?? file.startMs ?? run.started,
              ended: file.endMs ?? run.ended,
            };
      return new RunReview(file, handle, ids, index, named);
    } catch (e) {
      await handle?.close();
      await file.close();
      throw e;
    }
  }

  /** What the page gets when the review opens. */
  describe(reviewId: string): ReviewedRun {
    const from = this.file.startMs ?? this.run.started;
    return {
      reviewId,
      run: { ...this.run, markers: this.index.markers.length },
      series: this.index.series,
      from,
      to: this.file.endMs ?? from,
      counts: Object.fromEntries(this.file.counts()),
      markers: this.index.markers,
      reboots: this.index.marks.filter((m) => m.kind === 'reboot').map((m) => m.t),
    };
  }

  /** Bytes the level-of-detail pyramid holds. */
  get lodBytes(): number {
    return this.index.lod.bytes;
  }

  /** Chunks in its file. */
  get chunkCount(): number {
    return this.file.mcap.chunkIndexes.length;
  }

  get path(): string {
    return this.file.path;
  }

  /** Adds a marker to what this review lists (the caller stores it). */
  addMarker(m: RunMarker): void {
    this.index.markers.push(m);
    this.index.markers.sort((a, b) => a.t - b.t);
  }

  /** Telemetry of [fromT, toT]: every sample when at most maxPoints, else min/max per bucket. */
  async telemetry(
    fromT: number,
    toT: number,
    maxPoints: number,
  ): Promise<Omit<TelemetryHistory, 'boardId'> & { readonly exact: boolean }> {
    const { lod, series } = this.index;
    const lo = Math.min(fromT, toT);
    const hi = Math.max(fromT, toT);
    const estimate = lod.samplesIn(lo, hi);
    const buckets = Math.max(1, Math.floor(maxPoints / 2));
    let rows: Decimated;
    let exact = false;
    if (estimate <= RAW_DECIMATE_MAX && (estimate <= maxPoints || (hi - lo) / lod.baseWidth < buckets)) {
      const raw = await this.samples(lo, hi);
      exact = raw.end <= maxPoints;
      rows = exact ? rowsOf(raw) : decimateMinMax(raw, lo, hi, buckets);
    } else rows = lod.window(lo, hi, buckets, series.length);
    return {
      series,
      t: rows.t,
      columns: rows.columns,
      marks: this.index.marks.filter((m) => m.t >= lo && m.t <= hi),
      counts: { received: this.index.samples, invalid: 0, dropped: 0, other: 0 },
      rawRows: exact ? rows.t.length : estimate,
      heldFrom: this.file.startMs ?? null,
      heldTo: this.file.endMs ?? null,
      capacity: this.index.samples,
      exact,
    };
  }

  /** The last sample at or before `t`. */
  async valuesAt(t: number): Promise<{ sampleT?: number; values: Record<string, number> }> {
    const at = this.index.lod.lastBucketAtOrBefore(t);
    if (!at) return { values: {} };
    const raw = await this.samples(at.from, Math.min(t, at.to));
    const j = raw.end - 1;
    if (j < 0) return { values: {} };
    const values: Record<string, number> = {};
    this.index.series.forEach((name, i) => {
      const v = raw.columns[i]?.[j];
      if (v !== undefined && !Number.isNaN(v)) values[name] = v;
    });
    return { sampleT: raw.t[j]!, values };
  }

  /** Frames and TCP events in the window, the first `limit`. */
  async frames(fromT: number, toT: number, limit: number): Promise<{ rows: FrameRow[]; more: boolean }> {
    const rows: FrameRow[] = [];
    const more = await this.read(['frames', 'tcp'], fromT, toT, limit, (m) => {
      const row =
        m.channel === 'frames'
          ? frameRow(m.sequence, m.t, m.data)
          : tcpRow(TCP_SEQ_BASE + m.sequence, m.t, m.data);
      if (row) rows.push(row);
      return row !== undefined;
    });
    return { rows, more };
  }

  /**
   * Row `seq` of the frame log with its bytes, as the Frames page's detail pane shows a live one; `t` is the row's
   * time, so only the messages of that moment are read (a run may hold millions of frames). Undefined: no such row.
   */
  async frameDetail(seq: number, t: number): Promise<FrameDetail | undefined> {
    const tcp = seq >= TCP_SEQ_BASE;
    const sequence = tcp ? seq - TCP_SEQ_BASE : seq;
    let detail: FrameDetail | undefined;
    // A row's time is its message's log time to the microsecond: a millisecond either side holds it.
    await this.read([tcp ? 'tcp' : 'frames'], t - 1, t + 1, 1, (m) => {
      if (m.sequence !== sequence || detail) return false;
      const item = tcp
        ? { row: tcpRow(seq, m.t, m.data), payload: new Uint8Array(0) }
        : frameItem(seq, m.t, m.data);
      if (!item?.row) return false;
      detail = buildDetail({
        row: { ...item.row, notes: [...item.row.notes] },
        payload: item.payload,
        framesInChunk: 1,
      });
      return true;
    });
    return detail;
  }

  async serial(
    fromT: number,
    toT: number,
    limit: number,
  ): Promise<{ lines: RunSerialLine[]; more: boolean }> {
    const lines: RunSerialLine[] = [];
    const more = await this.read(['serial'], fromT, toT, limit, (m) => {
      const line = serialLine(m.t, m.data);
      if (line) lines.push(line);
      return line !== undefined;
    });
    return { lines, more };
  }

  async events(fromT: number, toT: number, limit: number): Promise<{ events: RunEvent[]; more: boolean }> {
    const events: RunEvent[] = [];
    const more = await this.read(['events'], fromT, toT, limit, (m) => {
      const e = benchEvent(m.t, m.data);
      if (e) events.push({ t: e.t, kind: e.kind, detail: e.detail });
      return e !== undefined;
    });
    return { events, more };
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await this.file.close().catch(() => undefined);
  }

  /** Reads messages of `channels` in time order until `limit` were taken; true when more were left. */
  private async read(
    channels: SessionChannelKey[],
    fromT: number,
    toT: number,
    limit: number,
    take: (m: { channel?: SessionChannelKey; t: number; sequence: number; data: Uint8Array }) => boolean,
  ): Promise<boolean> {
    const present = channels.filter((c) => this.ids.has(c));
    if (present.length === 0) return false;
    let taken = 0;
    for await (const m of this.file.messages({
      channels: present,
      startMs: Math.min(fromT, toT),
      endMs: Math.max(fromT, toT),
    })) {
      if (taken >= limit) return true;
      if (take(m)) taken++;
    }
    return false;
  }

  /**
   * Calls `visit` for every sample in [fromT, toT], in time order, reading the file a slice of about
   * EXPORT_SLICE_SAMPLES samples at a time (as the pyramid counts them), so a whole day's run is never held at once.
   */
  async forEachSample(
    fromT: number,
    toT: number,
    visit: (t: number, row: Float64Array) => void,
  ): Promise<void> {
    const slices = Math.max(1, Math.ceil(this.index.lod.samplesIn(fromT, toT) / EXPORT_SLICE_SAMPLES));
    const width = (toT - fromT) / slices;
    for (let k = 0; k < slices; k++) {
      const a = fromT + k * width;
      const last = k === slices - 1;
      const b = last ? toT : fromT + (k + 1) * width;
      // Slices are half-open, the last one closed: a sample on a boundary is written once.
      const s = await this.samples(a, b, Infinity);
      const row = new Float64Array(s.columns.length);
      for (let j = 0; j < s.end; j++) {
        const t = s.t[j]!;
        if (!last && t >= b) continue;
        for (let i = 0; i < row.length; i++) row[i] = s.columns[i]![j]!;
        visit(t, row);
      }
    }
  }

  /** Every sample in [fromT, toT], in time order, read from the file's chunks (NaN where a series is absent). */
  private async samples(fromT: number, toT: number, limit = RAW_DECIMATE_MAX * 2): Promise<Samples> {
    const ids = this.ids.get('telemetry');
    const n = this.index.series.length;
    const out = new SampleColumns(n);
    if (!ids) return out.view();
    const decoder = new SampleDecoder(this.index.series);
    await walkChunks(
      this.handle,
      this.file.mcap.chunkIndexes,
      ids,
      (_c, t, data) => {
        // A message's samples lie at or before its receipt (a batch's a few ms before): skip what cannot count.
        if (t < fromT || t > toT + BATCH_LOOKAHEAD_MS) return;
        decoder.decode(data, t, (st, row) => {
          if (st >= fromT && st <= toT) out.push(st, row);
        });
      },
      // A batch's first samples lie before its receipt: look a little past the window's end for them.
      {
        fromMs: fromT,
        toMs: toT + BATCH_LOOKAHEAD_MS,
        shouldStop: () => out.length > limit,
      },
    );
    return out.view();
  }
}
