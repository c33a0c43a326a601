import type { PoolFeedState, PoolSample, PoolSource } from '../../../shared/bridge/contracts/memory';
import type { PoolStatus } from '../../../shared/protocol/pool-status';
import { VIRTUAL_BOARD_ID } from '../../../shared/bridge/contracts/links';
import { STALE_AFTER_MS, type PoolStatusFeed } from './pool-feed';

export { STALE_AFTER_MS };
const HISTORY = 240;

/** What the monitor needs from the outside world. */
export interface PoolMonitorOptions {
  readonly feed: PoolStatusFeed;
  /** Profile id of the board on screen; undefined while none is. */
  readonly selectedBoard: () => string | undefined;
  /** Whether board `id` is an in-app virtual board (default: only the first one, `virtual`). */
  readonly isVirtual?: (id: string) => boolean;
  /** Whether virtual board `id` runs (only to say why it has not reported). */
  readonly virtualRunning?: (id: string) => boolean;
  /** Receives the state at most every `minIntervalMs`. */
  readonly emit: (state: PoolFeedState) => void;
  readonly minIntervalMs?: number;
  readonly now?: () => number;
}

/**
 * Follows the pools of the selected board through the pool-status messages its link feeds in: the virtual board's
 * as a real board's (docs/pool-status.md). Emits at most 4 states a second and keeps a short history for sparklines.
 */
export class PoolMonitor {
  private readonly unsubscribeFeed: () => void;
  private readonly timer: ReturnType<typeof setInterval>;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private lastEmit = 0;
  private lastKind = '';
  private samples: PoolSample[] = [];
  private readonly now: () => number;
  private readonly minInterval: number;

  constructor(private readonly o: PoolMonitorOptions) {
    this.now = o.now ?? Date.now;
    this.minInterval = o.minIntervalMs ?? 250;
    this.unsubscribeFeed = o.feed.onReport((id) => {
      if (id === this.o.selectedBoard()) this.changed();
    });
    // Turns a silent board stale.
    this.timer = setInterval(() => this.tick(), 1000);
    this.timer.unref?.();
  }

  /** The state to show now. */
  state(): PoolFeedState {
    const selected = this.o.selectedBoard();
    if (selected === undefined)
      return {
        kind: 'none',
        source: { kind: 'none' },
        reason: 'No board is shown: choose one in the app bar.',
      };
    const virtual = (this.o.isVirtual ?? ((id) => id === VIRTUAL_BOARD_ID))(selected);
    const source: PoolSource = { kind: virtual ? 'virtual' : 'board', id: selected };
    const report = this.o.feed.latest(selected);
    if (!report) {
      const reason = !virtual
        ? 'This board does not report its pools (it sends no pool-status message).'
        : this.o.virtualRunning?.(selected) === false
          ? 'The virtual board is not running.'
          : 'The virtual board has not reported its pools yet.';
      return { kind: 'none', source, reason };
    }
    const kind = this.now() - report.at > STALE_AFTER_MS ? 'stale' : 'live';
    return { kind, source, at: report.at, status: report.status, skipped: report.skipped };
  }

  /** Recent samples, oldest first. */
  history(): readonly PoolSample[] {
    return this.samples;
  }

  /** The selection changed: start over. */
  selectionChanged(): void {
    this.samples = [];
    this.changed();
  }

  close(): void {
    clearInterval(this.timer);
    if (this.pending) clearTimeout(this.pending);
    this.unsubscribeFeed();
  }

  private tick(): void {
    const kind = this.state().kind;
    if (kind !== this.lastKind) this.changed();
  }

  private changed(): void {
    if (this.pending) return;
    const wait = Math.max(0, this.lastEmit + this.minInterval - this.now());
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.lastEmit = this.now();
      const s = this.state();
      this.lastKind = s.kind;
      if (s.kind === 'live') this.record(s.status);
      this.o.emit(s);
    }, wait);
    this.pending.unref?.();
  }

  private record(status: PoolStatus): void {
    const inUse: Record<string, number> = {};
    for (const p of status.packetPools) inUse[p.name] = p.total - p.free;
    this.samples.push({ t: this.now(), inUse });
    if (this.samples.length > HISTORY) this.samples.splice(0, this.samples.length - HISTORY);
  }
}
