import type { BoardClock, TimerHandle } from '../../src/main/board';

/** A manual clock: timers fire only when the test advances time. */
export class FakeClock implements BoardClock {
  private t = 0;
  private seq = 0;
  private timers: { at: number; seq: number; fn: () => void; h: TimerHandle }[] = [];

  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const h = { id: ++this.seq };
    this.timers.push({ at: this.t + ms, seq: h.id, fn, h });
    return h;
  }
  clearTimeout(h: TimerHandle): void {
    this.timers = this.timers.filter((x) => x.h !== h);
  }
  get pending(): number {
    return this.timers.length;
  }
  /** Moves time forward without firing anything, as for a suspended process; overdue timers fire late, at the next advance. */
  jump(ms: number): void {
    this.t += ms;
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    this.t = end;
  }
}
