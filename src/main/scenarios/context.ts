// What every step works with: the board's target, the runner's link, the FTP session, the serial lines heard, and
// the read positions ("since the last command") that make a step look only at what came after what it follows.
import type { FtpLink } from '../core/files/ftp-link';
import type { ScenarioLink } from './link-log';
import type { ResolvedTarget } from './targets';
import type { OpenBenchOptions, StepStatus } from './types';

/** A step's outcome before it is timed. */
export interface Outcome {
  readonly status: StepStatus;
  readonly message: string;
}

export const pass = (message: string): Outcome => ({ status: 'passed', message });
export const fail = (message: string): Outcome => ({ status: 'failed', message });
export const skip = (message: string): Outcome => ({ status: 'skipped', message });

/** A serial line and its number. */
export interface SerialLine {
  readonly seq: number;
  readonly t: number;
  readonly text: string;
}

/** Where the next look starts, per stream. */
export interface Cursors {
  /** First message number a message expectation looks at. */
  msg: number;
  /** First link state a link expectation looks at. */
  moment: number;
  /** First serial line a serial expectation looks at. */
  serial: number;
  /** When the last command was sent, while no other step came between (a round trip is timed from it). */
  sentAt: number | undefined;
}

/** The state a bench's steps share. */
export interface StepContext {
  readonly target: ResolvedTarget;
  readonly link: ScenarioLink;
  readonly options: OpenBenchOptions;
  readonly cursors: Cursors;
  /** Serial lines heard so far (bounded), oldest first. */
  readonly serial: SerialLine[];
  /** The FTP session, opened on first use. */
  ftp(): FtpLink;
  /** Drops the FTP session (the board rebooted: the next FTP step opens a new one). */
  resetFtp(): void;
  /** Calls `probe` now and on every serial line until it answers, or undefined after `ms`. */
  waitSerial<T>(probe: () => T | undefined, ms: number): Promise<T | undefined>;
  /** Marks that an action happens now: later expectations look only at what comes after it. */
  action(): void;
}
