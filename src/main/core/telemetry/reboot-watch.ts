// The one rule that says a board rebooted, from the uptime (s) its telemetry reports and when each was received.
// A board's uptime only grows while it runs, so it going back is a reboot. But a board rebooted a few seconds after
// it started can come back with an uptime already past its old value (it was down less long than it had been up):
// so after the link dropped or reconnected, the first uptime is also compared with the uptime expected by then (the
// last one plus the time since it was seen), and one clearly below it is a reboot too.
//
// Within one connection only going back counts: a reboot always ends the board's TCP connection, while messages
// held up on a live one (a busy bench, a congested network) arrive late with an uptime below the expected one
// without any reboot behind them.

/** A reboot the uptime proves. */
export interface RebootSeen {
  /** Receipt time of the message that shows it (ms since the epoch). */
  readonly t: number;
  /** The last uptime seen before (s). */
  readonly from: number;
  /** The uptime now (s). */
  readonly to: number;
  /** Why it is a reboot, in words. */
  readonly detail: string;
}

export interface RebootWatchOptions {
  /** Slack for the uptime's rounding to whole seconds and the receipt's jitter, on top of one telemetry period
   *  (default 2000 ms). */
  readonly toleranceMs?: number;
  /** The telemetry period assumed until one is measured (default 1000 ms). */
  readonly periodMs?: number;
}

/** Receipt intervals above this many periods are pauses (a stall, a drop), left out of the period's measure. */
const PAUSE_PERIODS = 3;

/** Watches one board's uptime; one per board, fed every uptime in receipt order and every link drop/reconnect. */
export class RebootWatch {
  private lastUptime = NaN;
  private lastT = NaN;
  private periodMs = NaN;
  /** The link dropped or reconnected since the last uptime: the next one is checked against the expected one. */
  private relinked = false;

  constructor(private readonly options: RebootWatchOptions = {}) {}

  /** The board's link dropped or (re)connected. */
  linkChanged(): void {
    this.relinked = true;
  }

  /** Sees uptime `uptime` (s) received at `t` (ms); returns the reboot it shows, if it shows one. */
  see(t: number, uptime: number): RebootSeen | undefined {
    if (!Number.isFinite(uptime) || !Number.isFinite(t)) return undefined;
    const from = this.lastUptime;
    const elapsedMs = t - this.lastT;
    const relinked = this.relinked;
    this.relinked = false;
    this.lastUptime = uptime;
    this.lastT = t;
    if (!Number.isFinite(from)) return undefined;
    this.measurePeriod(elapsedMs);
    if (uptime < from) return { t, from, to: uptime, detail: `uptime went from ${from} s to ${uptime} s` };
    if (!relinked || !(elapsedMs > 0)) return undefined;
    const expected = from + elapsedMs / 1000;
    if (uptime >= expected - this.slackMs() / 1000) return undefined;
    return {
      t,
      from,
      to: uptime,
      detail:
        `uptime is ${uptime} s where ${expected.toFixed(1)} s was expected ` +
        `(${from} s ${(elapsedMs / 1000).toFixed(1)} s before): the board restarted while the link was down`,
    };
  }

  /** How far below the expected uptime one may be without a reboot: the tolerance and one telemetry period. */
  private slackMs(): number {
    const period = Number.isFinite(this.periodMs) ? this.periodMs : (this.options.periodMs ?? 1000);
    return (this.options.toleranceMs ?? 2000) + period;
  }

  /** A slow average of the receipt interval; pauses are left out, so a stall does not widen the slack. */
  private measurePeriod(dt: number): void {
    if (!(dt >= 0)) return;
    if (!Number.isFinite(this.periodMs)) this.periodMs = dt;
    else if (dt <= PAUSE_PERIODS * this.periodMs) this.periodMs = this.periodMs * 0.9 + dt * 0.1;
  }
}
