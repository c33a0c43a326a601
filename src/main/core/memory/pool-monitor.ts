import type {
  PoolFeedState,
  PoolSample,
  PoolSource,
  PoolsEvent,
} from '../../../shared/bridge/contracts/memory';
import type { PoolStatus } from '../../../shared/protocol/pool-status';
import type { FocusSource } from '../sessions/focus';
import { STALE_AFTER_MS, type PoolStatusFeed } from './pool-feed';

export { STALE_AFTER_MS };
/** Samples kept per board for its sparklines. */
const HISTORY = 240;

/** What the monitor needs from the outside world. */
export interface PoolMonitorOptions {
  readonly feed: PoolStatusFeed;
  /** The focused board (the one the pages show), from its one owner. */
  readonly focus: FocusSource;
  /** Whether board `id` is an in-app virtual board. */
  readonly isVirtual: (id: string) => boolean;
  /** Whether virtual board `id` runs (only to say why it has not reported). */
  readonly virtualRunning?: (id: string) => boolean;
  /** Receives the focused board's state at most every `minIntervalMs`. */
  readonly emit: (event: PoolsEvent) => void;
  readonly minIntervalMs?: number;
  readonly now?: () => number;
}

/**
 * Follows the pools of every board through the pool-status messages its link feeds in: the virtual boards' as the
 * real boards' (docs/pool-status.md). Keeps a short history per board for sparklines, so going back to a board shows
 * what it had, and sends the focused board's state at most 4 times a second.
 */
export class PoolMonitor {
  private readonly unsubscribeFeed: () => void;
  private readonly unsubscribeFocus: () => void;
  private readonly timer: ReturnType<typeof setInterval>;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private lastEmit = 0;
  private lastKind = '';
  private focused: string | undefined;
  private readonly samples = new Map<string, PoolSample[]>();
  private readonly now: () => number;
  private readonly minInterval: number;

  constructor(private readonly o: PoolMonitorOptions) {
    this.now = o.now ?? Date.now;
    this.minInterval = o.minIntervalMs ?? 250;
    this.unsubscribeFeed = o.feed.onReport((id) => {
      const report = o.feed.latest(id);
      if (report) this.record(id, report.at, report.status);
      // The link closed: its history goes with it, within the memory budget of one sparkline per live board.
      else this.samples.delete(id);
      if (id === this.focused) this.changed();
    });
    this.unsubscribeFocus = o.focus((id) => {
      if (id === this.focused) return;
      this.focused = id;
      this.lastKind = '';
      this.changed();
    });
    // Turns a silent board stale.
    this.timer = setInterval(() => this.tick(), 1000);
    this.timer.unref?.();
  }

  /** The board the pages show now. */
  focusedBoard(): string | undefined {
    return this.focused;
  }

  /** The state of board `id` (the focused one by default) to show now. */
  state(id: string | undefined = this.focused): PoolFeedState {
    if (id === undefined)
      return {
        kind: 'none',
        source: { kind: 'none' },
        reason: 'No board is shown: choose one in the app bar.',
      };
    const virtual = this.o.isVirtual(id);
    const source: PoolSource = { kind: virtual ? 'virtual' : 'board', id };
    const report = this.o.feed.latest(id);
    if (!report) {
      const reason = !virtual
        ? 'This board does not report its pools (it sends no pool-status message).'
        : this.o.virtualRunning?.(id) === false
          ? 'The virtual board is not running.'
          : 'The virtual board has not reported its pools yet.';
      return { kind: 'none', source, reason };
    }
    const kind = this.now() - report.at > STALE_AFTER_MS ? 'stale' : 'live';
    return { kind, source, at: report.at, status: report.status, skipped: report.skipped };
  }

  /** Recent samples of board `id`, oldest first. */
  history(id: string | undefined = this.focused): readonly PoolSample[] {
    return (id !== undefined && this.samples.get(id)) || [];
  }

  close(): void {
    clearInterval(this.timer);
    if (this.pending) clearTimeout(this.pending);
    this.unsubscribeFeed();
    this.unsubscribeFocus();
  }

  private tick(): void {
    if (this.state().kind !== this.lastKind) this.changed();
  }

  private changed(): void {
    if (this.pending) return;
    const wait = Math.max(0, this.lastEmit + this.minInterval - this.now());
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.lastEmit = this.now();
      const id = this.focused;
      const state = this.state(id);
      this.lastKind = state.kind;
      if (id !== undefined) this.o.emit({ boardId: id, state });
    }, wait);
    this.pending.unref?.();
  }

  /** One sample per `minIntervalMs` at most, so a board reporting fast keeps as long a history as a slow one. */
  private record(id: string, at: number, status: PoolStatus): void {
    let list = this.samples.get(id);
    if (!list) this.samples.set(id, (list = []));
    const last = list.at(-1);
    if (last && at - last.t < this.minInterval) return;
    const inUse: Record<string, number> = {};
    for (const p of status.packetPools) inUse[p.name] = p.total - p.free;
    list.push({ t: at, inUse });
    if (list.length > HISTORY) list.splice(0, list.length - HISTORY);
  }
}
