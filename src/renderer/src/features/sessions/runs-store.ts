// The Sessions page's data layer: every `runs:*` request and event. It keeps the list of kept runs (asked once,
// then followed by `runs:changed`), the run open for review and the one compared with it, and the last marker
// added to a live board's run. The review's windows of data (telemetry, frames, serial, events, values at the
// cursor) are asked on demand and answered as values or the core's words; a stale answer (for a review closed
// since) is dropped. Components read the snapshot with useSyncExternalStore and call the store's methods.
import type { BenchApi } from '../../../../shared/bridge/contract';
import type {
  ReviewedRun,
  RunEvents,
  RunFrames,
  RunMarker,
  RunSerial,
  RunsState,
  RunSummary,
  RunTelemetry,
  RunValuesAt,
} from '../../../../shared/bridge/contracts/runs';
import type { WrittenFile } from '../../../../shared/bridge/contracts/telemetry';
import type { Result } from '../../../../shared/result';
import type { FrameDetail } from '../../../../shared/frames/types';

/** What the page shows. */
export interface RunsSnapshot {
  /** The kept runs and the budget, undefined until the core answered. */
  readonly state: RunsState | undefined;
  /** The run under review, if one is open. */
  readonly review: ReviewedRun | undefined;
  /** The run laid over it, if one is compared. */
  readonly compare: ReviewedRun | undefined;
  /** The last marker added to a live board's run (the user's or the bench's own). */
  readonly liveMarker: (RunMarker & { readonly boardId: string }) | undefined;
  /**
   * Markers of each board's run being written, heard since the page loaded (the newest LIVE_MARKERS_KEPT): the live
   * Telemetry page's PNG draws them.
   */
  readonly liveMarkers: ReadonlyMap<string, readonly RunMarker[]>;
}

/** Markers kept per board for the live charts' export. */
export const LIVE_MARKERS_KEPT = 1000;

/** A window of a reviewed run. */
export interface WindowRequest {
  readonly reviewId: string;
  readonly fromT: number;
  readonly toT: number;
}

/** The window's own fields: the core refuses a request with any other (a caller's key may carry more). */
const only = (w: WindowRequest): WindowRequest => ({ reviewId: w.reviewId, fromT: w.fromT, toT: w.toT });

/**
 * The bench's kept run of board `boardId` that holds moment `t` (the latest started, if runs overlap); a run still
 * being written holds every moment since its start.
 */
export function runAt(list: readonly RunSummary[], boardId: string, t: number): RunSummary | undefined {
  let best: RunSummary | undefined;
  for (const r of list) {
    if (r.boardId !== boardId || r.source !== 'bench' || r.started > t || (!r.live && r.ended < t)) continue;
    if (!best || r.started > best.started) best = r;
  }
  return best;
}

const EMPTY: RunsSnapshot = {
  state: undefined,
  review: undefined,
  compare: undefined,
  liveMarker: undefined,
  liveMarkers: new Map(),
};

export class RunsStore {
  private snap: RunsSnapshot = EMPTY;
  private readonly listeners = new Set<() => void>();
  private offs: Array<() => void> = [];
  /** Count of `runs:changed` heard: an older `runs:list` answer does not overwrite a newer event. */
  private heard = 0;

  constructor(private readonly bridge: Pick<BenchApi, 'invoke' | 'on' | 'transport'>) {}

  /** Listens to the store; the core is asked once and then followed while someone listens. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.offs.length === 0) {
      this.offs.push(
        this.bridge.on('runs:changed', (s) => {
          this.heard++;
          this.set({ state: s });
        }),
        this.bridge.on('runs:marker', (m) => this.heardMarker(m)),
      );
      void this.refresh();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) for (const off of this.offs.splice(0)) off();
    };
  };

  readonly snapshot = (): RunsSnapshot => this.snap;

  /** Opening a file from disk needs the desktop app's file dialog; the browser page cannot reach the bench's disk. */
  get canOpenFile(): boolean {
    return this.bridge.transport === 'electron';
  }

  /** Asks the core for the list again. */
  async refresh(): Promise<string | undefined> {
    const asked = this.heard;
    const r = await this.bridge.invoke('runs:list', {});
    if (!r.ok) return r.error.message;
    if (this.heard === asked) this.set({ state: r.value });
    return undefined;
  }

  /** Opens a kept run for review (closing the one open before, and any compared run). */
  async open(id: string): Promise<string | undefined> {
    const r = await this.bridge.invoke('runs:open', { id });
    if (!r.ok) return r.error.message;
    await this.closeAll();
    this.set({ review: r.value, compare: undefined });
    return undefined;
  }

  /**
   * Opens the run of board `boardId` that holds moment `t` (a jump from elsewhere: an alarm's "Show in session"),
   * the list asked afresh first, so a run being written counts up to now. The failure in words.
   */
  async openAt(boardId: string, t: number, boardName = boardId): Promise<string | undefined> {
    const failed = await this.refresh();
    if (failed) return failed;
    const run = runAt(this.snap.state?.runs ?? [], boardId, t);
    if (!run)
      return `No kept session of ${boardName} holds ${new Date(t).toLocaleString('en-GB')}: the flight recorder was off then, or that session was deleted to stay within its budget.`;
    // Opened afresh even when it is the run under review: a run being written has grown since it was opened.
    return this.open(run.id);
  }

  /** Desktop app: opens a session or NDJSON recording chosen in the file dialog (undefined also when cancelled). */
  async openFile(): Promise<string | undefined> {
    const r = await this.bridge.invoke('runs:open-file', {});
    if (!r.ok) return r.error.message;
    if (r.value === null) return undefined;
    await this.closeAll();
    this.set({ review: r.value, compare: undefined });
    return undefined;
  }

  /** Ends the review (and the comparison): the core lets their files go. */
  async close(): Promise<void> {
    await this.closeAll();
    this.set({ review: undefined, compare: undefined });
  }

  /** Opens a second run to lay over the reviewed one. */
  async openCompare(id: string): Promise<string | undefined> {
    const r = await this.bridge.invoke('runs:open', { id });
    if (!r.ok) return r.error.message;
    const old = this.snap.compare;
    this.set({ compare: r.value });
    if (old) await this.bridge.invoke('runs:close', { reviewId: old.reviewId });
    return undefined;
  }

  async closeCompare(): Promise<void> {
    const old = this.snap.compare;
    if (!old) return;
    this.set({ compare: undefined });
    await this.bridge.invoke('runs:close', { reviewId: old.reviewId });
  }

  /** Deletes a kept run; the core refuses one being written. */
  async remove(id: string): Promise<string | undefined> {
    const r = await this.bridge.invoke('runs:delete', { id });
    if (!r.ok) return r.error.message;
    this.set({ state: r.value });
    return undefined;
  }

  telemetry(w: WindowRequest, maxPoints: number): Promise<Result<RunTelemetry>> {
    return this.bridge.invoke('runs:telemetry', {
      ...only(w),
      maxPoints: Math.max(2, Math.min(20_000, maxPoints)),
    });
  }

  frames(w: WindowRequest, limit = 500): Promise<Result<RunFrames>> {
    return this.bridge.invoke('runs:frames', { ...only(w), limit });
  }

  /** Row `seq` (at time `t`) of a reviewed run's frame log, with its bytes, for the detail pane. */
  frameDetail(reviewId: string, seq: number, t: number): Promise<Result<FrameDetail>> {
    return this.bridge.invoke('runs:frame-detail', { reviewId, seq, t });
  }

  serial(w: WindowRequest, limit = 500): Promise<Result<RunSerial>> {
    return this.bridge.invoke('runs:serial', { ...only(w), limit });
  }

  events(w: WindowRequest, limit = 1000): Promise<Result<RunEvents>> {
    return this.bridge.invoke('runs:events', { ...only(w), limit });
  }

  valuesAt(reviewId: string, t: number): Promise<Result<RunValuesAt>> {
    return this.bridge.invoke('runs:values-at', { reviewId, t });
  }

  /** Writes the CSV of a window of a reviewed run (every sample, the markers in a column); browser mode downloads it. */
  exportCsv(w: WindowRequest): Promise<Result<WrittenFile>> {
    return this.bridge.invoke('runs:export-csv', only(w));
  }

  /** Adds a note at `t` to the run under review; the review's marker list takes it. */
  async markReview(t: number, note = ''): Promise<string | undefined> {
    const review = this.snap.review;
    if (!review) return 'No run is open for review.';
    const r = await this.bridge.invoke('runs:mark', { reviewId: review.reviewId, t, note });
    if (!r.ok) return r.error.message;
    if (this.snap.review?.reviewId !== review.reviewId) return undefined;
    const markers = [...review.markers, r.value].sort((x, y) => x.t - y.t);
    this.set({ review: { ...review, markers, run: { ...review.run, markers: markers.length } } });
    return undefined;
  }

  /** Adds a note "now" to a live board's run; the marker as stored, or the core's words. */
  async markLive(boardId: string, note = ''): Promise<Result<RunMarker>> {
    return this.bridge.invoke('runs:mark', { boardId, note });
  }

  private async closeAll(): Promise<void> {
    const { review, compare } = this.snap;
    for (const r of [review, compare])
      if (r) await this.bridge.invoke('runs:close', { reviewId: r.reviewId });
  }

  private heardMarker(m: RunMarker & { readonly boardId: string }): void {
    const { boardId, ...marker } = m;
    const list = [...(this.snap.liveMarkers.get(boardId) ?? []), marker].slice(-LIVE_MARKERS_KEPT);
    this.set({ liveMarker: m, liveMarkers: new Map(this.snap.liveMarkers).set(boardId, list) });
  }

  private set(patch: Partial<RunsSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
  }
}
