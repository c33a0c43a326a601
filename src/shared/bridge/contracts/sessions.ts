// The Lab page's part of the contract: the boards the app watches at once (one board session each), which one the
// other pages show, and a summary of each for the list.
import { z } from 'zod';
import { command, event, res } from '../define';
import type { WireState } from './links';

/** What the core keeps of one board's telemetry history. */
export interface HistoryFigures {
  /** Samples held: one row per telemetry message, its time and a value per field. */
  readonly samples: number;
  /** Bytes those samples take (8 per time and per value). */
  readonly sampleBytes: number;
  /** Bytes set aside for the history now: its buffers are allocated ahead, so they do not grow sample by sample. */
  readonly reservedBytes: number;
  /** The most its buffers may take. */
  readonly capBytes: number;
}

/** One watched board as the Lab page lists it. */
export interface SessionSummary {
  readonly id: string;
  readonly name: string;
  readonly host: string;
  readonly virtual: boolean;
  /** The board the other pages show. */
  readonly focused: boolean;
  /** Kept by the user on the Lab page; an unpinned session ends when another board is selected. */
  readonly pinned: boolean;
  readonly links: {
    readonly ws: WireState;
    readonly http: WireState;
    readonly ftp: WireState;
    readonly serial: WireState;
  };
  /** Receipt time of the last telemetry, ms since the epoch (0: none yet). */
  readonly lastTelemetryAt: number;
  /** The last telemetry's numeric fields. */
  readonly values: Readonly<Record<string, number>>;
  /** One value a second over the last minute per field, oldest first (sparklines). */
  readonly sparks: Readonly<Record<string, readonly number[]>>;
  /** Messages per second over the last few seconds. */
  readonly rate: number;
  readonly received: number;
  /** Times the WebSocket link dropped since the session began. */
  readonly drops: number;
  /** Times the board's uptime went back (it restarted). */
  readonly reboots: number;
  /** A recording of this board is being written. */
  readonly recording: boolean;
  /** The telemetry history the core keeps of this board. */
  readonly history: HistoryFigures;
}

/** Every watched board, and the memory the core's telemetry history takes. */
export interface SessionsState {
  readonly sessions: readonly SessionSummary[];
  readonly focusedId: string | undefined;
  /** Bytes set aside for every watched board's telemetry history (their buffers, allocated ahead). */
  readonly historyBytes: number;
  /** The process's JavaScript heap and typed arrays, bytes. */
  readonly heapBytes: number;
}

const idSchema = z.object({ id: z.string().min(1).max(100) }).strict();

export const sessionsCommands = {
  'sessions:list': command(z.object({}).strict(), res<SessionsState>()),
  /** Keeps a board connected (its links open, its history growing) whether or not it is focused. */
  'sessions:watch': command(idSchema, res<SessionsState>()),
  /** Stops watching a board: its links close (the focused board stays open while the pages show it). */
  'sessions:unwatch': command(idSchema, res<SessionsState>()),
  /**
   * Shows a board on the other pages (opening its session if it has none): the one request that moves the focus,
   * from the board selector and the Lab page alike. The focus is saved, so the app opens that board at next start.
   */
  'sessions:focus': command(idSchema, res<SessionsState>()),
};

export const sessionsEvents = {
  /** About once a second while boards are watched, and at once when one is added, removed or focused. */
  'sessions:state': event<SessionsState>(),
};
