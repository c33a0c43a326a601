import type { BoardClock, TimerHandle, TimerSet } from '../clock';

/** How late the loop may fall behind its tick schedule and still catch up, in milliseconds. */
const MAX_CATCH_UP_MS = 250;
/** Wakes handled in one timer firing while catching up: each send holds a WS pool packet (18 in all) until written. */
const MAX_WAKES_PER_FIRING = 4;
/** How soon a replay whose next message is still being read looks again, in milliseconds. */
const REPLAY_POLL_MS = 10;

/**
 * The firmware's telemetry thread: send, then `tx_thread_sleep(period)`, which wakes on the tick. When Node's
 * timer fires late (its ~1 ms floor, a busy event loop), the wakes the firmware would have had meanwhile are
 * caught up a few at a time, so a 1 ms period means 1000 messages a second; after a long stall (a suspended
 * process) the schedule starts afresh instead of flooding the client. A replay runs at its recorded gaps instead.
 */
export class TelemetryLoop {
  private timer: TimerHandle | undefined;
  private wakeAt = 0;

  constructor(
    private readonly clock: BoardClock,
    private readonly timers: TimerSet,
    /** One wake of the thread: build and send a message. */
    private readonly wake: () => void,
    /** Real milliseconds between wakes (the period in ticks over the tick scale). */
    private periodMs: number,
    /** With a replay: the gap before the next message, instead of the period; undefined while it is not ready. */
    private readonly nextGap?: () => number | undefined,
  ) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Starts the schedule now: the first wake comes one period later. */
  start(): void {
    this.stop();
    this.wakeAt = this.clock.now() + this.periodMs;
    this.schedule();
  }

  /** A new period, applied from now when the loop runs (a replay keeps its gaps). */
  setPeriod(periodMs: number): void {
    this.periodMs = periodMs;
    if (this.running && !this.nextGap) this.start();
  }

  stop(): void {
    this.timers.cancel(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.nextGap) {
      // A replay read from its file may not have its next message yet: look again shortly, without a wake.
      const gap = this.nextGap();
      this.timer = this.timers.after(gap ?? REPLAY_POLL_MS, () => {
        if (gap !== undefined) this.wake();
        this.schedule();
      });
      return;
    }
    this.timer = this.timers.after(this.wakeAt - this.clock.now(), () => {
      const now = this.clock.now();
      if (now - this.wakeAt > MAX_CATCH_UP_MS) this.wakeAt = now;
      for (let n = 0; this.wakeAt <= now && n < MAX_WAKES_PER_FIRING; n++) {
        this.wake();
        this.wakeAt += this.periodMs;
      }
      this.schedule();
    });
  }
}
