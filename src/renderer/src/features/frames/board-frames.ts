// The Frames feature's data layer: the page's copy of each board's frame log, keyed by board id, and every request
// the page makes of the core's logs. A batch lands only in the log of the board it names, and the page reads the log
// of the board it shows, so it cannot show another board's rows; a board shown before keeps its rows here (up to a
// few boards), so going back to it shows them at once.
import type {
  FramesExport,
  FramesSendResult,
  FramesSenderState,
} from '../../../../shared/bridge/contracts/frames';
import type { BenchApi, RequestOf } from '../../../../shared/bridge/contract';
import type { FrameDetail, FrameFilter, FramesBatch, SavedMessage } from '../../../../shared/frames/types';
import type { Result } from '../../../../shared/result';
import { FramesStore, MAX_ROWS } from './frames-store';

/** The part of the bridge the store uses (tests hand in their own). */
export type FramesBridge = Pick<BenchApi, 'invoke' | 'on'>;

interface BoardLog {
  readonly boardId: string;
  readonly store: FramesStore;
  /** Batches that came while the backfill was on its way, applied after it. */
  early: FramesBatch[] | undefined;
  /** The backfill was asked for. */
  asked: boolean;
  /** The filter its store last applied (a board not shown is filtered when shown again, not on every change). */
  filter: FrameFilter;
}

/** Boards whose rows the page keeps; a board left longer ago is fetched again from the core when shown. */
export const KEPT_BOARDS = 4;

/** What the composer says after a send: sent, or why not; undefined before any. */
export type SendOutcome = { ok: boolean; text: string } | undefined;

/** The composer's requests: it sends on the focused board's link (the core's sender slot follows the focus). */
export class ComposerRequests {
  constructor(private readonly bridge: FramesBridge) {}

  sender(): Promise<Result<FramesSenderState>> {
    return this.bridge.invoke('frames:sender', {});
  }
  /** Hears the composer's link come and go; returns the stop. */
  onSender(listener: (s: FramesSenderState) => void): () => void {
    return this.bridge.on('frames:sender-changed', listener);
  }
  saved(): Promise<Result<readonly SavedMessage[]>> {
    return this.bridge.invoke('frames:saved-list', {});
  }
  save(name: string, text: string): Promise<Result<readonly SavedMessage[]>> {
    return this.bridge.invoke('frames:saved-put', { name, text });
  }
  sendText(text: string): Promise<Result<FramesSendResult>> {
    return this.bridge.invoke('frames:send-text', { text });
  }
  ping(): Promise<Result<FramesSendResult>> {
    return this.bridge.invoke('frames:ping', {});
  }
  close(code: number): Promise<Result<FramesSendResult>> {
    return this.bridge.invoke('frames:close', { code, reason: '' });
  }
  sendRaw(frame: RequestOf<'frames:send-raw'>): Promise<Result<FramesSendResult>> {
    return this.bridge.invoke('frames:send-raw', frame);
  }
}

/** Each board's rows, filtered alike; one per mounted Frames page. */
export class BoardFrames {
  /** The composer's requests. */
  readonly composer: ComposerRequests;
  private readonly logs = new Map<string, BoardLog>();
  /** What the page shows when no board is selected: always empty. */
  private readonly none = new FramesStore();
  private filter: FrameFilter = {};
  private paused = false;
  private listening = 0;

  constructor(
    private readonly bridge: FramesBridge,
    private readonly keep = KEPT_BOARDS,
  ) {
    this.composer = new ComposerRequests(bridge);
  }

  /** Starts hearing batches, then reads the logs asked for so far; returns the stop. */
  start(): () => void {
    const off = this.bridge.on('frames:batch', (b) => {
      const log = this.logs.get(b.boardId);
      // A board not held here is read from the core when it is shown; its batches until then are not needed.
      if (!log) return;
      if (log.early) log.early.push(b);
      else log.store.apply(b);
    });
    this.listening++;
    // Asked only once batches are heard, so none falls between the backfill and the first batch.
    for (const log of this.logs.values()) this.backfill(log);
    return () => {
      this.listening--;
      off();
    };
  }

  /** Board `boardId`'s rows (none when no board is shown), fetched from the core the first time it is shown. */
  forBoard(boardId: string | undefined): FramesStore {
    if (boardId === undefined) return this.none;
    const held = this.logs.get(boardId);
    if (held) {
      // Most recently shown last, so the board left longest ago is the one let go.
      this.logs.delete(boardId);
      this.logs.set(boardId, held);
      this.applyFilter(held);
      return held.store;
    }
    const log: BoardLog = { boardId, store: new FramesStore(), early: [], asked: false, filter: this.filter };
    log.store.setFilter(this.filter);
    this.logs.set(boardId, log);
    for (const id of this.logs.keys()) if (this.logs.size > this.keep && id !== boardId) this.logs.delete(id);
    if (this.listening > 0) this.backfill(log);
    return log.store;
  }

  private backfill(log: BoardLog): void {
    if (log.asked) return;
    log.asked = true;
    const { boardId } = log;
    void this.bridge.invoke('frames:list', { from: 0, count: MAX_ROWS, boardId }).then((r) => {
      if (!r.ok) log.store.setLoadError(`Could not read this board's frames: ${r.error.message}`);
      // The core holds at most as many rows a board as the page (MAX_ROWS), so one window is the whole log.
      else log.store.apply({ rows: r.value.rows, notes: [], cleared: false, stats: r.value.stats });
      for (const b of log.early ?? []) log.store.apply(b);
      log.early = undefined;
      if (this.paused) log.store.setPaused(true);
    });
  }

  /**
   * Changes some fields of every board's filter (the page's filter is one, whichever board it shows). Only the board
   * shown last (the Map's last entry) filters its rows now; the others do when shown again.
   */
  updateFilter(patch: Partial<FrameFilter>): void {
    this.filter = { ...this.filter, ...patch };
    const shown = [...this.logs.values()].at(-1);
    if (shown) this.applyFilter(shown);
  }

  private applyFilter(log: BoardLog): void {
    if (log.filter === this.filter) return;
    log.filter = this.filter;
    log.store.setFilter(this.filter);
  }

  /** Pauses or resumes the view of every board (rows keep arriving underneath). */
  setPaused(paused: boolean): void {
    this.paused = paused;
    for (const { store } of this.logs.values()) store.setPaused(paused);
  }

  /** One row of board `boardId`'s log, with its bytes. */
  detail(boardId: string, seq: number): Promise<Result<FrameDetail>> {
    return this.bridge.invoke('frames:get', { seq, boardId });
  }

  /** Empties board `boardId`'s log in the core (its next batch empties the page's copy). */
  async clear(boardId: string): Promise<string | undefined> {
    const r = await this.bridge.invoke('frames:clear', { boardId });
    return r.ok ? undefined : r.error.message;
  }

  /** Board `boardId`'s log (or the rows `seqs`) as NDJSON or pcapng. */
  exportLog(boardId: string, format: 'ndjson' | 'pcapng', seqs?: number[]): Promise<Result<FramesExport>> {
    return this.bridge.invoke('frames:export', { format, boardId, ...(seqs ? { seqs } : {}) });
  }
}
