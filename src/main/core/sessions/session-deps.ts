// What a BoardSession is given: the owner's shared dependencies and the outlet it reports its changes through.
import type { RawSender } from '../frames/raw-sender';
import type { FrameTap } from '../frames/tap';
import type {
  LedStatus,
  LinksState,
  TelemetryLatest,
  WireState,
} from '../../../shared/bridge/contracts/links';
import type { ParsedBoardMessage } from '../../../shared/protocol/messages';
import type { MessageRecord } from '../../../shared/recording/format';
import type { TimelineMark } from '../../../shared/telemetry/types';
import type { WsLinkOptions } from '../links/ws-link';

/** Endpoints of the running virtual board, as URLs: `ws://127.0.0.1:PORT/`, `http://…`, `ftp://…`. */
export interface VirtualBoardEndpoints {
  readonly ws: string;
  readonly http?: string;
  readonly ftp?: string;
}

/** The in-app virtual board as a session needs it. */
export interface VirtualBoardProvider {
  /** Starts the virtual board if it is not running and returns its endpoints. */
  ensureStarted(): Promise<VirtualBoardEndpoints>;
  /** False while the user has it stopped (its links then retry as they would for a board switched off). */
  isRunning?(): boolean;
}

/** What every session reaches outside itself (the owner's dependencies, shared by all sessions). */
export interface SessionDeps {
  /** Every WebSocket message in both directions (recording, telemetry pipeline, pool feed). */
  readonly onMessage?: (boardId: string, record: MessageRecord) => void;
  /**
   * What a received text message says. In the app: the telemetry pipeline's parse of it, made once in `onMessage`,
   * so the LEDs, reboots, the dashboard's values and MQTT come from that one parse. A session used alone parses
   * itself.
   */
  readonly parsed?: (record: MessageRecord) => ParsedBoardMessage;
  /**
   * The reboot a received message showed, as the telemetry pipeline's reboot rule decided it in `onMessage`, so the
   * Lab's count and MQTT say what the chart's marks and the session file say. A session used alone decides itself.
   */
  readonly rebootOf?: (record: MessageRecord) => TimelineMark | undefined;
  /** connect / disconnect / stale marks. */
  readonly onLinkEvent?: (boardId: string, mark: TimelineMark) => void;
  /** Every state a board's WebSocket, HTTP or FTP wire takes (the flight recorder keeps the changes). */
  readonly onWire?: (boardId: string, wire: 'ws' | 'http' | 'ftp', state: WireState) => void;
  /** The in-app virtual board that runs for virtual profile `boardId` (each has its own). */
  readonly virtual?: (boardId: string) => VirtualBoardProvider | undefined;
  readonly log?: (message: string) => void;
  /** Overrides for the WebSocket link (tests shorten timeouts). */
  readonly wsOptions?: Partial<WsLinkOptions>;
  /** Probe periods in ms (defaults: HTTP 10 s, FTP 30 s; 0 disables that probe). */
  readonly httpEveryMs?: number;
  readonly ftpEveryMs?: number;
}

/** The session an outlet call comes from, as the owner sees it (a type of its own, so the imports make no circle). */
export interface SessionRef {
  readonly id: string;
  readonly state: LinksState;
}

/** How a session tells its owner what changed. */
export interface SessionOutlet {
  /** A wire or a figure changed. */
  state(s: SessionRef): void;
  led(s: SessionRef, leds: LedStatus): void;
  /** New latest telemetry (throttled to 10 Hz by the session). */
  telemetry(s: SessionRef, latest: TelemetryLatest): void;
  /** The composer's sender for this board's WebSocket link (set while it is open). */
  sender(s: SessionRef, sender: RawSender | undefined, reason?: string): void;
  /** This board's own frame log: its WebSocket link's connections feed it whether or not the board is shown. */
  readonly frameTap?: FrameTap;
}
