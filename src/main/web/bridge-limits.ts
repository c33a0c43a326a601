// The browser-mode bridge's limits per client (docs/architecture.md §12.7): how many calls may wait for an answer
// at once, and how much a client that sends what is not a bridge message may make the bench write to its log.

/** Calls of one client waiting for their answer (running, or answered but not yet written to the socket). */
export const MAX_PENDING_CALLS = 128;
/** Ignored messages logged one by one per client; past that, one summary line at most every SUMMARY_MS. */
const LOGGED_ONE_BY_ONE = 10;
const SUMMARY_MS = 10_000;

/** What a call past MAX_PENDING_CALLS is answered with, at once. */
export const TOO_MANY_CALLS = `This page has ${MAX_PENDING_CALLS} requests waiting for an answer, the most the bench takes from one page: try again when some are answered.`;

/**
 * Logs what a client sent that the bridge ignores (not JSON, binary, no whole-number id, an unknown kind or event):
 * the first few lines as they come, then a count every SUMMARY_MS, so a client sending garbage in a loop cannot fill
 * the log (in the desktop app, a file on disk).
 */
export class IgnoredLog {
  private seen = 0;
  private unsaid = 0;
  private lastSummary = 0;

  constructor(
    private readonly log: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** One ignored message, and why. */
  ignored(why: string): void {
    this.seen++;
    if (this.seen <= LOGGED_ONE_BY_ONE) {
      this.log(`bridge: ${why}`);
      if (this.seen === LOGGED_ONE_BY_ONE) this.lastSummary = this.now();
      return;
    }
    this.unsaid++;
    if (this.now() - this.lastSummary >= SUMMARY_MS) this.summarise();
  }

  /** The client left: says what was not said yet. */
  close(): void {
    if (this.unsaid > 0) this.summarise();
  }

  private summarise(): void {
    this.log(`bridge: ${this.unsaid} more messages from this client ignored (${this.seen} in all)`);
    this.unsaid = 0;
    this.lastSummary = this.now();
  }
}
