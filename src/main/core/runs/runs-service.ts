// The kept runs (docs/sessions.md §Review): listing them, opening one for review (at most MAX_OPEN_REVIEWS at once,
// the oldest closed past it), deleting one, and markers, in a run being written (through the flight recorder) or
// in a finished one (a sidecar file beside it). It follows the recorder: a run that starts, ends or is deleted by
// the budget, and every marker written, reach the page as events.
import { createHash } from 'node:crypto';
import { mkdir, realpath, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ReviewedRun, RunMarker, RunsState, RunSummary } from '../../../shared/bridge/contracts/runs';
import { startedOfFileName } from '../../../shared/session-file/channels';
import type { BenchEventMessage } from '../../../shared/session-file/messages';
import { BenchError } from '../../../shared/result';
import type { FlightRecorder } from '../flight/flight-recorder';
import { lodCacheOf } from './lod-cache';
import { appendSidecarMarker, readSidecarMarkers, sidecarOf } from './markers-sidecar';
import { markerOf } from './review-rows';
import { RunList, type BoardLookup } from './run-list';
import { runFileOf } from './run-paths';
import { RunReview } from './run-review';

/** Reviews open at once: each holds its file and its pyramid (about 12 MB for a 24 h run). */
export const MAX_OPEN_REVIEWS = 4;
/** Markers of a run being written that a live export can carry (LED commands alone may add many). */
const MAX_LIVE_MARKERS = 10_000;

export interface RunsServiceOptions {
  /** The sessions folder. */
  readonly root: string;
  /** Where markers of files opened from disk are kept (their own folder is never written to). */
  readonly markersDir: string;
  readonly recorder: Pick<FlightRecorder, 'activeFiles' | 'fileOf' | 'onChanged' | 'onEvent' | 'event'>;
  readonly board: BoardLookup;
  readonly recording: () => boolean;
  readonly budgetBytes: () => number;
  readonly emitChanged: (state: RunsState) => void;
  readonly emitMarker: (m: RunMarker & { readonly boardId: string }) => void;
  readonly log: (message: string) => void;
}

interface OpenReview {
  readonly review: RunReview;
  /** Where its user markers are stored; undefined: in the live file, through the recorder. */
  readonly sidecar: string | undefined;
  /** Removes what opening it made (a recording's converted copy). */
  readonly cleanup: (() => Promise<void>) | undefined;
}

export class RunsService {
  private readonly reviews = new Map<string, OpenReview>();
  private readonly liveMarkers = new Map<string, number>();
  /** The markers of each run being written (by file), newest MAX_LIVE_MARKERS kept: live exports carry them. */
  private readonly liveMarkerList = new Map<string, RunMarker[]>();
  private readonly list: RunList;
  private readonly stops: Array<() => void> = [];
  private nextId = 1;
  /** Files the recorder was writing at its last change: one that ends gets its level of detail built then. */
  private wasLive = new Set<string>();
  private warming: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly opt: RunsServiceOptions) {
    this.list = new RunList(
      opt.root,
      opt.board,
      () => this.live(),
      () => this.changed(),
    );
    this.stops.push(
      opt.recorder.onChanged(() => {
        this.warmEnded();
        this.changed();
      }),
    );
    this.stops.push(opt.recorder.onEvent((boardId, t, e) => this.recorded(boardId, t, e)));
  }

  /** The kept runs, newest first. */
  async state(): Promise<RunsState> {
    const { runs, usedBytes } = await this.list.list();
    return { runs, usedBytes, budgetBytes: this.opt.budgetBytes(), recording: this.opt.recording() };
  }

  /** Opens the kept run `id` for review. */
  async open(id: string): Promise<ReviewedRun> {
    const file = await runFileOf(this.opt.root, id);
    const s = await stat(file.path);
    const summary = await this.list.summaryOf({ ...file, bytes: s.size, started: s.mtimeMs });
    const sidecar = sidecarOf(file.path);
    const review = await RunReview.open(file.path, summary, {
      // A finished file cut short by a killed bench gets its index written into it once; a live one is only read.
      repair: !summary.live,
      markers: summary.live ? [] : await readSidecarMarkers(sidecar),
      cache: !summary.live,
      log: this.opt.log,
    });
    return this.add(review, summary.live ? undefined : sidecar);
  }

  /** Opens a session file from disk, read only; its markers are kept in the bench's own folder. */
  async openPath(path: string, origin: string, cleanup?: () => Promise<void>): Promise<ReviewedRun> {
    const real = await realpath(path);
    const s = await stat(real);
    const sidecar = join(
      this.opt.markersDir,
      `${createHash('sha256').update(real).digest('hex').slice(0, 32)}.markers.ndjson`,
    );
    const summary: RunSummary = {
      id: `file:${basename(origin)}`,
      boardId: 'file',
      boardName: basename(origin),
      boardKind: 'real',
      started: s.mtimeMs,
      ended: s.mtimeMs,
      bytes: s.size,
      markers: 0,
      live: false,
      source: 'file',
    };
    const review = await RunReview.open(real, summary, {
      repair: false,
      markers: await readSidecarMarkers(sidecar),
    });
    return this.add(review, sidecar, cleanup);
  }

  /** Ends a review; false when it was not open. */
  async close(reviewId: string): Promise<boolean> {
    const r = this.reviews.get(reviewId);
    this.reviews.delete(reviewId);
    await r?.review.close();
    await r
      ?.cleanup?.()
      .catch((e: unknown) =>
        this.opt.log(
          `sessions: a converted recording was not removed: ${e instanceof Error ? e.message : String(e)}`,
        ),
      );
    return r !== undefined;
  }

  /** Deletes kept run `id`, unless it is being written. */
  async delete(id: string): Promise<RunsState> {
    const file = await runFileOf(this.opt.root, id);
    if (this.isLive(file.path))
      throw new BenchError(
        'CONFLICT',
        'That session is being recorded now; it can be deleted once its board is no longer watched.',
      );
    for (const [reviewId, r] of this.reviews) if (r.review.path === file.path) await this.close(reviewId);
    await unlink(file.path);
    await unlink(sidecarOf(file.path)).catch(() => undefined);
    await unlink(lodCacheOf(file.path)).catch(() => undefined);
    this.list.forget(file.path);
    this.opt.log(`session files: deleted ${file.path}`);
    const state = await this.state();
    this.opt.emitChanged(state);
    return state;
  }

  /** The open review `reviewId`, or NOT_FOUND in words. */
  review(reviewId: string): RunReview {
    const r = this.reviews.get(reviewId);
    if (!r)
      throw new BenchError(
        'NOT_FOUND',
        `That review is closed (at most ${MAX_OPEN_REVIEWS} sessions stay open at once, the oldest closing first); open the session again.`,
      );
    return r.review;
  }

  /** Adds a user marker: to board `boardId`'s run being written, or to a reviewed run. */
  async mark(req: { boardId?: string; reviewId?: string; t?: number; note: string }): Promise<RunMarker> {
    const note = req.note.trim();
    if (req.boardId !== undefined) {
      if (!this.opt.recorder.fileOf(req.boardId))
        throw new BenchError(
          'NOT_FOUND',
          'That board is not being recorded (it is not watched, or the session recorder is off in the settings).',
        );
      const t = req.t ?? Date.now();
      const file = this.opt.recorder.fileOf(req.boardId) ?? '';
      const started = startedOfFileName(basename(file)) ?? -Infinity;
      // A time outside the run would stretch the file's time range (and break a reader's view of it).
      if (t < started || t > Date.now() + 1000)
        throw new BenchError(
          'BAD_REQUEST',
          'A marker in the run being recorded goes between its start and now.',
        );
      this.opt.recorder.event(
        req.boardId,
        { kind: 'marker', note, source: 'user', detail: note || 'Marker' },
        t,
      );
      return { t, note, source: 'user', kind: 'marker' };
    }
    const open = this.reviews.get(req.reviewId ?? '');
    const review = this.review(req.reviewId ?? '');
    if (req.t === undefined)
      throw new BenchError('BAD_REQUEST', 'A marker in a reviewed session needs its time (t).');
    const { from, to } = review.describe('');
    if (req.t < from || req.t > to)
      throw new BenchError(
        'BAD_REQUEST',
        'A marker goes inside the run: between its first and last message.',
      );
    const marker: RunMarker = { t: req.t, note, source: 'user', kind: 'marker' };
    const liveBoard = review.run.live ? review.run.boardId : undefined;
    if (liveBoard !== undefined && this.opt.recorder.fileOf(liveBoard) === review.path) {
      this.opt.recorder.event(
        liveBoard,
        { kind: 'marker', note, source: 'user', detail: note || 'Marker' },
        req.t,
      );
    } else if (open?.sidecar) {
      await mkdir(this.opt.markersDir, { recursive: true });
      await appendSidecarMarker(open.sidecar, marker);
      this.list.forget(review.path);
      this.changed();
    } else
      throw new BenchError('UNAVAILABLE', 'That session ended while it was open; open it again to mark it.');
    review.addMarker(marker);
    return marker;
  }

  /** The markers of board `boardId`'s run being written (none when it is not recorded). */
  liveMarkersOf(boardId: string): readonly RunMarker[] {
    const path = this.opt.recorder.fileOf(boardId);
    return path ? (this.liveMarkerList.get(path) ?? []) : [];
  }

  /** Stops following the recorder and ends every review. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const stop of this.stops) stop();
    await this.warming;
    await Promise.all([...this.reviews.keys()].map((id) => this.close(id)));
  }

  private async add(
    review: RunReview,
    sidecar: string | undefined,
    cleanup?: () => Promise<void>,
  ): Promise<ReviewedRun> {
    const reviewId = `review-${this.nextId++}`;
    this.reviews.set(reviewId, { review, sidecar, cleanup });
    // Past the bound the oldest review goes: its pyramid and file handle are let go.
    for (const [old] of this.reviews) {
      if (this.reviews.size <= MAX_OPEN_REVIEWS) break;
      await this.close(old);
    }
    return review.describe(reviewId);
  }

  /**
   * Builds and keeps the level of detail of each run that just ended, one at a time in the background, so opening it
   * later reads the pyramid from beside the file instead of the whole run (20 s for 24 h at 100 Hz on a loaded PC).
   */
  private warmEnded(): void {
    const now = this.opt.recorder.activeFiles();
    const ended = [...this.wasLive].filter((p) => !now.has(p));
    this.wasLive = new Set(now);
    for (const path of ended) {
      this.warming = this.warming.then(async () => {
        if (this.disposed) return;
        try {
          const run = await this.list.summaryOf({
            path,
            boardId: basename(dirname(path)),
            bytes: 0,
            started: 0,
          });
          const review = await RunReview.open(path, run, {
            repair: false,
            markers: [],
            cache: true,
            log: this.opt.log,
            stop: () => this.disposed,
          });
          await review.close();
        } catch (e) {
          if (!this.disposed)
            this.opt.log(
              `session review: ${path} was not prepared: ${e instanceof Error ? e.message : String(e)}`,
            );
        }
      });
    }
  }

  private live(): ReadonlyMap<string, number> {
    return new Map([...this.opt.recorder.activeFiles()].map((p) => [p, this.liveMarkers.get(p) ?? 0]));
  }

  private isLive(path: string): boolean {
    return this.opt.recorder.activeFiles().has(path);
  }

  /** An event written into a live run: a marker is counted and told to the page. */
  private recorded(boardId: string, t: number, e: BenchEventMessage): void {
    const path = this.opt.recorder.fileOf(boardId);
    const marker = markerOf(t, { kind: e.kind, raw: { ...e } });
    if (!marker) return;
    if (path) {
      this.liveMarkers.set(path, (this.liveMarkers.get(path) ?? 0) + 1);
      const list = this.liveMarkerList.get(path) ?? [];
      list.push(marker);
      if (list.length > MAX_LIVE_MARKERS) list.splice(0, list.length - MAX_LIVE_MARKERS);
      this.liveMarkerList.set(path, list);
    }
    this.opt.emitMarker({ ...marker, boardId });
  }

  private changed(): void {
    void this.state().then(this.opt.emitChanged, (e: unknown) =>
      this.opt.log(`sessions list: ${e instanceof Error ? e.message : String(e)}`),
    );
  }
}
