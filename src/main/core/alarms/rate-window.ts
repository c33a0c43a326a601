// The recent samples of one series that a rate-of-change rule needs: enough to find the value `windowS` seconds
// ago. Bounded: samples closer than windowS/SLOTS to the last one kept are not kept, so at most SLOTS + 2 are held
// whatever the message rate, and the base found is at most windowS/SLOTS (0.2 %) later than the ideal one.
const SLOTS = 512;
const CAPACITY = SLOTS + 8;

export class RateWindow {
  private readonly ts = new Float64Array(CAPACITY);
  private readonly vs = new Float64Array(CAPACITY);
  /** Index of the oldest sample kept, and how many are kept. */
  private head = 0;
  private count = 0;
  private readonly minGapMs: number;

  constructor(private readonly windowMs: number) {
    this.minGapMs = windowMs / SLOTS;
  }

  /**
   * Adds the sample and returns the rate of change per second over the window: (v − v₀) / (t − t₀) in seconds,
   * where (t₀, v₀) is the newest sample at least windowS before t. NaN while the history is shorter than the window.
   */
  push(t: number, v: number): number {
    const { ts, vs } = this;
    if (this.count > 0 && t < ts[(this.head + this.count - 1) % CAPACITY]!) {
      // The clock went back: the old samples cannot be placed on the new timeline.
      this.head = 0;
      this.count = 0;
    }
    const from = t - this.windowMs;
    // Drop samples older than the base: keep exactly one at or before the window's start.
    while (this.count > 1 && ts[(this.head + 1) % CAPACITY]! <= from) {
      this.head = (this.head + 1) % CAPACITY;
      this.count--;
    }
    let rate = NaN;
    if (this.count > 0 && ts[this.head]! <= from) {
      rate = ((v - vs[this.head]!) * 1000) / (t - ts[this.head]!);
    }
    const lastT = this.count > 0 ? ts[(this.head + this.count - 1) % CAPACITY]! : -Infinity;
    if (t - lastT >= this.minGapMs) {
      if (this.count === CAPACITY) {
        this.head = (this.head + 1) % CAPACITY;
        this.count--;
      }
      const at = (this.head + this.count) % CAPACITY;
      ts[at] = t;
      vs[at] = v;
      this.count++;
    }
    return rate;
  }

  /** Samples held now (tests: the bound). */
  get size(): number {
    return this.count;
  }
}
