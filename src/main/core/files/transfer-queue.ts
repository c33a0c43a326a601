import type {
  ConflictAction,
  ConflictQuestion,
  TransferBoard,
  TransferItem,
  TransfersSnapshot,
} from '../../../shared/bridge/contracts/files';
import { TransferBatch, decide, remember } from './conflict-policy';
import { plainError } from '../plain-error';

/** An existing destination found before a transfer. */
export interface ConflictFound {
  readonly existing: ConflictQuestion['existing'];
  readonly incoming: ConflictQuestion['incoming'];
  readonly renameTo: string;
}

/** One transfer as the queue drives it; the files service builds these for FTP. */
export interface TransferTask {
  readonly direction: 'upload' | 'download';
  readonly remote: string;
  readonly name: string;
  readonly size?: number;
  readonly batch: TransferBatch;
  /** Looks for an existing destination. */
  conflict(): Promise<ConflictFound | undefined>;
  /** Runs the transfer; `progress` gets bytes so far. Resolves with words for the item, or throws. */
  run(
    decision: 'new' | 'overwrite' | { rename: string },
    progress: (bytes: number) => void,
  ): Promise<string | undefined>;
  /** Breaks off a running transfer. */
  abort(): void;
  /** After a running transfer was cancelled: tidies what it left (never throws); resolves with words for it. */
  afterCancel?(): Promise<string | undefined>;
  /** The item ended without (or after) running: release sources. */
  finish?(state: TransferItem['state']): void;
}

interface Entry {
  item: Mutable<TransferItem>;
  task: TransferTask;
  samples: Array<[number, number]>;
}
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Asks the person about a conflict; resolves with their answer. */
export type AskConflict = (
  q: Omit<ConflictQuestion, 'conflictId'>,
) => Promise<{ action: ConflictAction; applyToAll: boolean }>;

/**
 * Transfers one at a time (one FTP session per board), with per-item and total progress, speed and time left,
 * cancel, and conflicts asked once per batch when the answer is "apply to all". Snapshots go out at most every
 * `intervalMs` (10 Hz by default).
 */
export class TransferQueue {
  private readonly entries: Entry[] = [];
  private nextId = 1;
  private running: Entry | undefined;
  private pumping = false;
  private timer: NodeJS.Timeout | undefined;
  private lastEmit = 0;

  constructor(
    private readonly emit: (snapshot: TransfersSnapshot) => void,
    private readonly ask: AskConflict,
    private readonly intervalMs = 100,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds tasks at the end of the queue, each labelled with `board` (whose eMMC); returns their ids. */
  add(tasks: TransferTask[], board?: TransferBoard): number[] {
    const ids = tasks.map((task) => {
      const id = this.nextId++;
      this.entries.push({
        task,
        samples: [],
        item: {
          id,
          ...(board ? { board } : {}),
          direction: task.direction,
          remote: task.remote,
          name: task.name,
          state: 'queued',
          bytes: 0,
          size: task.size,
        },
      });
      return id;
    });
    this.changed(true);
    void this.pump();
    return ids;
  }

  /** Cancels one item, or all unfinished ones. Returns how many were cancelled. */
  cancel(id?: number): number {
    let n = 0;
    for (const e of this.entries) {
      if (id !== undefined && e.item.id !== id) continue;
      if (!['queued', 'running', 'waiting-conflict'].includes(e.item.state)) continue;
      const wasRunning = e.item.state === 'running';
      e.item.state = 'cancelled';
      e.item.speed = undefined;
      n++;
      if (wasRunning) e.task.abort();
      else e.task.finish?.('cancelled');
    }
    this.changed(true);
    return n;
  }

  /** Drops finished items from the list. */
  clearFinished(): number {
    const before = this.entries.length;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      if (!['queued', 'running', 'waiting-conflict'].includes(this.entries[i]!.item.state))
        this.entries.splice(i, 1);
    }
    this.changed(true);
    return before - this.entries.length;
  }

  /** The state of one item (tests, chunk feeds). */
  stateOf(id: number): TransferItem['state'] | undefined {
    return this.entries.find((e) => e.item.id === id)?.item.state;
  }

  /** True when board `boardId` has transfers queued, running or waiting for an answer. */
  busy(boardId: string): boolean {
    return this.entries.some(
      (e) => e.item.board?.id === boardId && ['queued', 'running', 'waiting-conflict'].includes(e.item.state),
    );
  }

  /** True when `id` is the transfer running now. */
  isRunning(id: number): boolean {
    return this.running?.item.id === id;
  }

  snapshot(): TransfersSnapshot {
    const items = this.entries.map((e) => ({ ...e.item }));
    let total = 0;
    let done = 0;
    let open = 0;
    for (const i of items) {
      if (i.state === 'skipped' || i.state === 'cancelled') continue;
      const size = i.size ?? i.bytes;
      total += size;
      done += i.state === 'done' ? size : i.bytes;
      if (i.state !== 'done' && i.state !== 'failed') open += Math.max(0, size - i.bytes);
    }
    const speed = this.running?.item.speed ?? 0;
    const active = items.some((i) => ['queued', 'running', 'waiting-conflict'].includes(i.state));
    return {
      items,
      totalBytes: total,
      doneBytes: done,
      speed,
      etaSeconds: active && speed > 0 ? open / speed : undefined,
      active,
    };
  }

  /** Stops the timer; running tasks are aborted. */
  close(): void {
    this.cancel();
    clearTimeout(this.timer);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const e = this.entries.find((x) => x.item.state === 'queued');
        if (!e) break;
        await this.runOne(e);
      }
    } finally {
      this.pumping = false;
    }
  }

  private async runOne(e: Entry): Promise<void> {
    const { task, item } = e;
    let decision: 'new' | 'overwrite' | { rename: string } = 'new';
    let ran = false;
    try {
      const found = await task.conflict();
      if (found) {
        let action = decide(task.batch);
        if (action === 'ask') {
          item.state = 'waiting-conflict';
          this.changed(true);
          const answer = await this.ask({
            ...(item.board ? { boardId: item.board.id } : {}),
            transferId: item.id,
            direction: task.direction,
            name: task.name,
            ...found,
          });
          if ((item.state as TransferItem['state']) === 'cancelled') return;
          remember(task.batch, answer.action, answer.applyToAll);
          action = answer.action;
        }
        if (action === 'skip') {
          item.state = 'skipped';
          item.message = 'skipped: a file of that name exists';
          task.finish?.('skipped');
          return this.changed(true);
        }
        decision = action === 'rename' ? { rename: found.renameTo } : 'overwrite';
        if (action === 'rename') item.message = `saved as ${found.renameTo}`;
      }
      if (item.state === 'cancelled') return;
      item.state = 'running';
      this.running = e;
      this.changed(true);
      const started = this.now();
      e.samples = [[started, 0]];
      ran = true;
      const note = await task.run(decision, (bytes) => this.progress(e, bytes));
      if ((item.state as TransferItem['state']) === 'cancelled') return;
      item.state = 'done';
      if (item.size === undefined || item.bytes > item.size) item.size = item.bytes;
      item.bytes = item.size;
      item.message = [item.message, note].filter(Boolean).join('; ') || undefined;
    } catch (err) {
      if ((item.state as TransferItem['state']) !== 'cancelled') {
        item.state = 'failed';
        item.message = plainError(err);
      }
    } finally {
      item.speed = undefined;
      // Tidy before the next transfer starts on the same session (an upload's fragment is deleted there).
      if (ran && item.state === 'cancelled' && task.afterCancel) {
        const said = await task.afterCancel().catch((err: unknown) => String(err));
        item.message = [item.message, said].filter(Boolean).join('; ') || undefined;
      }
      if (this.running === e) this.running = undefined;
      if (item.state !== 'waiting-conflict' && item.state !== 'queued') task.finish?.(item.state);
      this.changed(true);
    }
  }

  private progress(e: Entry, bytes: number): void {
    e.item.bytes = bytes;
    const t = this.now();
    e.samples.push([t, bytes]);
    while (e.samples.length > 2 && t - e.samples[0]![0] > 3000) e.samples.shift();
    const [t0, b0] = e.samples[0]!;
    if (t - t0 >= 200) e.item.speed = ((bytes - b0) * 1000) / (t - t0);
    this.changed(false);
  }

  /** Emits now when `urgent` and the last emit is old enough, else schedules one within intervalMs. */
  private changed(urgent: boolean): void {
    const due = this.lastEmit + this.intervalMs - this.now();
    if (due <= 0 && urgent) return this.flush();
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, due));
    this.timer.unref?.();
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lastEmit = this.now();
    this.emit(this.snapshot());
  }
}

export { TransferBatch };
