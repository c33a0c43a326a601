// A session's figures: message counts and the rate from recent arrivals, the latest telemetry values with their
// short history, the once-a-second sparklines, and the drop and reboot counts the Lab page lists.
import type { LinksState } from '../../../shared/bridge/contracts/links';

const HISTORY = 60;
/** Sparkline points kept per field (one a second). */
const SPARK = 60;
/** The rate is the arrivals of the last this many ms, per second. */
const RATE_WINDOW_MS = 5000;

/** The latest telemetry values, a short history per field, and how many telemetry messages came. */
export interface Latest {
  at: number;
  values: Record<string, number>;
  history: Record<string, number[]>;
  count: number;
}

/** What a session counts of its board's messages. */
/** Arrival times within the rate window (at most 5,000 kept between snapshots). */
class Arrivals {
  private times: number[] = [];

  add(t: number): void {
    this.times.push(t);
    if (this.times.length > 5000) this.times.splice(0, this.times.length - 5000);
  }

  /** Per second over the window as of `now`; older arrivals are forgotten here. */
  rate(now: number): number {
    this.times = this.times.filter((t) => now - t <= RATE_WINDOW_MS);
    return this.times.length / (RATE_WINDOW_MS / 1000);
  }

  /** True while arrivals were within the window as of the last `rate`. */
  get any(): boolean {
    return this.times.length > 0;
  }
}

export class SessionFigures {
  received = 0;
  invalid = 0;
  dropped = 0;
  drops = 0;
  reboots = 0;
  private lastMessageAt = 0;
  private readonly arrivals = new Arrivals();
  private readonly telemetryArrivals = new Arrivals();
  latest: Latest | undefined;
  private readonly sparks: Record<string, number[]> = {};

  /** A message came from the board at `t`. */
  arrived(t: number): void {
    this.received++;
    this.lastMessageAt = t;
    this.arrivals.add(t);
  }

  /** The figures as of `now` (arrivals older than the rate window are forgotten here). */
  snapshot(now: number): LinksState['figures'] {
    return {
      received: this.received,
      rate: this.arrivals.rate(now),
      telemetry: this.latest?.count ?? 0,
      telemetryRate: this.telemetryArrivals.rate(now),
      lastMessageAt: this.lastMessageAt,
      invalid: this.invalid,
      dropped: this.dropped,
    };
  }

  /** True while messages arrived within the rate window as of the last snapshot. */
  get flowing(): boolean {
    return this.arrivals.any;
  }

  /** Takes a telemetry sample's finite numbers as the latest values and adds them to the history. */
  addTelemetry(t: number, data: Readonly<Record<string, unknown>>): void {
    const l = (this.latest ??= { at: t, values: {}, history: {}, count: 0 });
    l.at = t;
    l.count++;
    this.telemetryArrivals.add(t);
    const values: Record<string, number> = {};
    for (const [k, v] of Object.entries(data)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      values[k] = v;
      const h = (l.history[k] ??= []);
      h.push(v);
      if (h.length > HISTORY) h.shift();
    }
    l.values = values;
  }

  /** Adds the latest values to the sparklines (the owner calls it once a second). */
  sampleSparks(): void {
    const values = this.latest?.values;
    if (!values) return;
    for (const [k, v] of Object.entries(values)) {
      const h = (this.sparks[k] ??= []);
      h.push(v);
      if (h.length > SPARK) h.shift();
    }
  }

  /** A copy of the sparklines. */
  sparkCopy(): Record<string, number[]> {
    return copyHistory(this.sparks);
  }
}

export function copyHistory(h: Readonly<Record<string, readonly number[]>>): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [k, v] of Object.entries(h)) out[k] = [...v];
  return out;
}
