// Refused remote commands are counted and said at most once per period, in one log line and one event per board:
// anyone who can publish to the broker can send thousands of commands a second, and a log line, a queued event and a
// disk write for each one would cost the bench a core and its log (issue 22, point 9).

/** Refusals are said at most once per this period: the first at once, the rest summed up when it ends. */
export const REFUSAL_SUMMARY_MS = 5000;
/** Names that come from outside (a topic level) are cut to this many characters in the log and in events. */
export const MAX_LOGGED_NAME = 200;
/** Most different reasons told apart in one summary; the others are summed as "other reasons". */
const MAX_REASONS = 20;

/** A name from outside, cut for the log: at most `max` characters, an ellipsis when cut. */
export function clip(s: string, max = MAX_LOGGED_NAME): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

const count = (n: number) => n.toLocaleString('en-US');

export interface CommandRefusalsOptions {
  /** One line to the log per period. */
  readonly log: (line: string) => void;
  /** One event per board (by its topic level) per period, with the refusals it had. */
  readonly event: (boardTopic: string, text: string) => void;
  readonly now?: () => number;
  readonly everyMs?: number;
}

interface Tally {
  /** Refusals by what they were for and why ("lab-1: remote commands are off for this board"). */
  readonly reasons: Map<string, number>;
  /** Of which, per board topic level, by reason alone (for the board's event). */
  readonly boards: Map<string, Map<string, number>>;
  total: number;
  first: number;
}

/**
 * Counts refused commands and says them in summaries: at once when nothing was said in the last period, else when
 * the period ends. Memory is bounded: at most MAX_REASONS reasons are told apart (per bench and per board).
 */
export class CommandRefusals {
  private tally: Tally | undefined;
  private lastSaid = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private readonly everyMs: number;

  constructor(private readonly opts: CommandRefusalsOptions) {
    this.now = opts.now ?? Date.now;
    this.everyMs = opts.everyMs ?? REFUSAL_SUMMARY_MS;
  }

  /**
   * One refused command. `where` names it for people (a board's topic level, already cut); `boardTopic` is the
   * watched board it was for, whose events tell it, if any.
   */
  refuse(where: string, reason: string, boardTopic?: string): void {
    const t = (this.tally ??= { reasons: new Map(), boards: new Map(), total: 0, first: this.now() });
    t.total++;
    bump(t.reasons, `${where}: ${reason}`);
    if (boardTopic !== undefined) {
      let board = t.boards.get(boardTopic);
      if (!board) t.boards.set(boardTopic, (board = new Map()));
      bump(board, reason);
    }
    if (this.timer) return;
    const wait = this.lastSaid + this.everyMs - this.now();
    if (wait <= 0) this.say();
    else {
      this.timer = setTimeout(() => this.say(), wait);
      // A summary still to come never keeps the process up (the agent's, when stopping).
      this.timer.unref();
    }
  }

  /** Says what is counted now and stops the timer (the publisher is stopping). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.tally) this.say();
  }

  private say(): void {
    this.timer = undefined;
    const t = this.tally;
    this.tally = undefined;
    if (!t) return;
    const now = this.now();
    this.lastSaid = now;
    const span = `in the last ${count(Math.max(1, Math.round((now - t.first) / 1000)))} s`;
    if (t.total === 1) {
      const [what] = t.reasons.keys();
      this.opts.log(`MQTT: refused a remote LED command for ${what}`);
    } else this.opts.log(`MQTT: refused ${count(t.total)} remote LED commands ${span} (${list(t.reasons)})`);
    for (const [topic, reasons] of t.boards) {
      const n = sum(reasons);
      const text =
        n === 1
          ? `A remote LED command was refused: ${[...reasons.keys()][0]}.`
          : `${count(n)} remote LED commands were refused ${span}: ${list(reasons)}.`;
      this.opts.event(topic, text);
    }
  }
}

const OTHER = 'other reasons';

/** Counts one more for a reason; past MAX_REASONS different ones, it counts under "other reasons". */
function bump(m: Map<string, number>, reason: string): void {
  const key = m.has(reason) || m.size < MAX_REASONS ? reason : OTHER;
  m.set(key, (m.get(key) ?? 0) + 1);
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/** "lab-1: remote commands are off for this board: 24,990; …", the most frequent first. */
function list(m: Map<string, number>): string {
  return [...m]
    .sort((a, b) => b[1] - a[1])
    .map(([why, n]) => `${why}: ${count(n)}`)
    .join('; ');
}
