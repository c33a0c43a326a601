// The typed API's shapes: what a step resolves to, and what a bench run is told about its board. No electron, no
// renderer: the CLI, a user's vitest file and (later) the app's Scenarios page all use these.
import type { BoardOptions } from '../board';

/** How a step ended. `skipped` means the chosen board cannot do it (the reason is in `message`), never a pass. */
export type StepStatus = 'passed' | 'failed' | 'skipped';

/** What one step did: its outcome, what was expected and what was seen (with the value), and how long it took. */
export interface StepResult {
  readonly status: StepStatus;
  /** Plain words: on a pass what was seen; on a failure what was expected and what was seen; on a skip why. */
  readonly message: string;
  /** Time the step took, in milliseconds. */
  readonly ms: number;
  /** Wall-clock time the step started (ms since the epoch), to find the moment on a timeline. */
  readonly startedAt: number;
}

/** What kind of board the bench drives, which decides the steps it can do. */
export type BoardKind = 'virtual' | 'real';

/** Options of openBench. Every field is optional. */
export interface OpenBenchOptions {
  /** Config folder holding saved boards (`profiles.json`); default the app's (NUCLEO_BENCH_CONFIG_DIR or the OS's). */
  readonly configDir?: string;
  /** For a `ws://host:port` target: its HTTP and FTP ports (defaults 80 and 21, the firmware's). */
  readonly httpPort?: number;
  readonly ftpPort?: number;
  /** For the virtual target: a folder of web files (a build's output) copied onto its fresh eMMC. */
  readonly web?: string;
  /** For the virtual target: more startBoard options (a profile, a telemetry period…); ports and eMMC are set here. */
  readonly virtualBoard?: Omit<BoardOptions, 'host' | 'wsPort' | 'http' | 'ftp' | 'emmcDir'>;
  /** Folder that local files of steps (`ftp put file:`, `sameAs:`) are relative to; default the current folder. */
  readonly baseDir?: string;
  /** How long to wait for the WebSocket link when opening (ms). Default 15 000. */
  readonly connectWithinMs?: number;
  /** Hears each `mark` step (a timeline that wants the markers). */
  readonly onMark?: (mark: { readonly t: number; readonly text: string }) => void;
}

/** Where a bench found its board, for reports. */
export interface BoardInfo {
  readonly kind: BoardKind;
  /** "virtual board", "Lab bench 3 (192.168.0.50)", "ws://127.0.0.1:8080". */
  readonly label: string;
  readonly ws: string;
  readonly http: string;
  readonly ftp: string;
  /** Whether serial steps can run, and if not why. */
  readonly serial: { readonly ok: true } | { readonly ok: false; readonly reason: string };
}
