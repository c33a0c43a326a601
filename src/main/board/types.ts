import type { BoardClock, RandomSource } from './clock';
import type { LedLevels, LedName } from './leds/leds';
import type { BoardMemory } from './memory/board-memory';
import type { PacketPoolStats } from './memory/packet-pool';
import type { OledScreen } from './oled/oled';
import type { ReplayScript, ReplaySource, ReplayStep } from './telemetry/replay';
import type { SerialVerbosity, UartLine } from './uart/serial-log';
import type { CompliantWsOptions } from './ws/compliant-server';
import type { WireEvent } from './ws/host';

export type {
  LedLevels,
  LedName,
  OledScreen,
  PacketPoolStats,
  ReplayScript,
  ReplaySource,
  ReplayStep,
  SerialVerbosity,
  UartLine,
  WireEvent,
};

/** `firmware` reproduces the board's quirks (docs/firmware-protocol.md §14.1); `compliant` is a correct RFC 6455
 *  server. */
export type BoardProfile = 'firmware' | 'compliant';

/** Options of startBoard. Every field is optional; the defaults are the firmware's. */
export interface BoardOptions {
  /** Bind address. Default 127.0.0.1. */
  readonly host?: string;
  /** WebSocket port; 0 picks a free one. Default 8080. */
  readonly wsPort?: number;
  readonly profile?: BoardProfile;
  /** Telemetry period in ticks (= ms at tickScale 1). 1–60000. Default 1000. */
  readonly telemetryMs?: number;
  /** Ticks per nominal ms: 1 nominal, 1.1458 hardware-faithful. Default 1. */
  readonly tickScale?: number;
  /** Wrap the tick counter at 2^32 like tx_time_get(). Default true. */
  readonly uptimeWrap?: boolean;
  /** Ticks already elapsed at boot (to see the wrap without waiting 49.7 days). Default 0. */
  readonly startTicks?: number;
  /** Replay a recording's received telemetry instead of the generator: a file path (checked, then read as it
   *  plays), a script in memory, or a source (openReplay). */
  readonly replay?: string | ReplayScript | ReplaySource;
  /** Serial output: fb36 `quiet` (default) or d8a6 `verbose`. */
  readonly serial?: SerialVerbosity;
  /** Also write the UART to this serial device path. */
  readonly uartPath?: string;
  /** Time from power-on until the servers listen (splash, PSRAM and eMMC tests). Default 1500 ms. */
  readonly bootDelayMs?: number;
  /** Boot delay of the first power-on only (default bootDelayMs). 0 starts a board that was, in effect, already on:
   *  its boot log and screens play at once and it listens straight away; later reboots take bootDelayMs. */
  readonly firstBootDelayMs?: number;
  /** Firmware handshake receive timeout. Default 5000 ms. */
  readonly handshakeTimeoutMs?: number;
  /** How long a half-open firmware connection is kept. Default 60000 ms. */
  readonly halfOpenLingerMs?: number;
  /** Limits of the `compliant` profile (handshake time, connections at once); the firmware profile keeps its own.
   *  Defaults: 10 s and 64 (docs/architecture.md §12.6). */
  readonly compliant?: CompliantWsOptions;
  /** WS packet pool size in 1024-byte packets. Default 18. */
  readonly poolPackets?: number;
  /** Ambient temperature for the die model (°C). Default 24. */
  readonly ambientC?: number;
  /** Time source (default: real time). */
  readonly clock?: BoardClock;
  /** 32-bit random source (default Math.random). */
  readonly random?: RandomSource;
  /** Frame tap: raw bytes per direction per connection. Not called (and nothing copied) when unset. */
  readonly onWire?: (event: WireEvent) => void;
  /** HTTP server on the eMMC root (NetX Web HTTP server behaviour). Needs `emmcDir`. */
  readonly http?: {
    readonly port: number;
    /** NX_WEB_HTTP_SERVER_SESSION_MAX: 1 or 2 (default: the memory config's, 1 as the article's firmware). */
    readonly sessionMax?: 1 | 2;
    /** Unauthenticated PUT and DELETE, as NetX allows them (default true). */
    readonly allowWrite?: boolean;
  };
  /** FTP server on the eMMC root (NetX Duo FTP behaviour). Needs `emmcDir`. */
  readonly ftp?: {
    readonly port: number;
    /** Adds SIZE, MDTM, REST, APPE, FEAT and MLSD for users who want a comfortable server (default false). */
    readonly extended?: boolean;
    /** Passive data ports [min, max]; [0, 0] lets the OS choose (default). */
    readonly passivePorts?: readonly [number, number];
    /**
     * Closes a control connection that has not logged in this long after connecting (ms). Off by default, as on
     * the firmware, where only the 240 s inactivity timeout frees one of its 4 client slots; a difference from the
     * firmware when set (docs/firmware-protocol.md §7).
     */
    readonly loginTimeoutMs?: number;
  };
  /** Virtual eMMC directory (created and seeded with the default web dashboard when empty). */
  readonly emmcDir?: string;
  /** eMMC capacity in bytes (default: the 7.28 GiB user area of the 8 GB part). */
  readonly emmcCapacityBytes?: number;
  /** The board's memory (packet and byte pools); default: the firmware's, created here. */
  readonly memory?: BoardMemory;
  /** Send a `pool-status` message after each telemetry message (protocol extension, docs/pool-status.md). */
  readonly poolStatus?: boolean;
  /**
   * Send telemetry as `telemetry-batch` frames of this many samples, taken evenly over each telemetry period
   * (protocol extension, docs/telemetry-batch.md): 1–17. Off (the firmware's single messages) unless given; not
   * with a replay.
   */
  readonly telemetryBatch?: number;
  /** Called with the board's control as soon as it exists, before the first boot (to watch that boot live). */
  readonly onControl?: (control: BoardControl) => void;
  /**
   * The board's names (fb36): an LLMNR responder for `lab-web` and an mDNS one for `lab-web.local`, on these UDP
   * ports (the firmware's are 5355 and 5353; 0 picks one). Off unless given.
   */
  readonly names?: { readonly llmnrPort?: number; readonly mdnsPort?: number };
}

/** Where the board's servers listen. */
export interface BoardEndpoints {
  readonly host: string;
  /** `ws://host:port`. */
  readonly ws: string;
  readonly wsPort: number;
  /** `http://host:port`, when the HTTP server runs. */
  readonly http?: string;
  readonly httpPort?: number;
  /** `ftp://host:port`, when the FTP server runs. */
  readonly ftp?: string;
  readonly ftpPort?: number;
  /** UDP port of the LLMNR responder (`lab-web`), when it runs. */
  readonly llmnrPort?: number;
  /** UDP port of the mDNS responder (`lab-web.local`), when it runs. */
  readonly mdnsPort?: number;
}

/** A connected WebSocket client as the control API shows it. */
export interface BoardClientInfo {
  readonly id: number;
  readonly remote: string;
  readonly profile: BoardProfile;
  /** Clock time of the handshake (ms). */
  readonly since: number;
}

/** Power state of the board. */
export type BoardPhase = 'booting' | 'running' | 'closed';

/** Everything the app shows about the virtual board. */
export interface BoardState {
  readonly phase: BoardPhase;
  readonly profile: BoardProfile;
  readonly serial: SerialVerbosity;
  readonly endpoints: BoardEndpoints;
  readonly ticks: number;
  readonly uptime: number;
  readonly tickScale: number;
  readonly telemetryMs: number;
  readonly telemetrySource: 'generator' | 'replay';
  readonly telemetryStalled: boolean;
  /** Telemetry messages produced since boot. */
  readonly telemetryCount: number;
  /** Telemetry samples produced since boot: telemetryCount, times the batch size when batching. */
  readonly telemetrySamples: number;
  /** Samples per telemetry-batch frame; absent when the board sends the single form. */
  readonly telemetryBatch?: number;
  readonly leds: LedLevels;
  /** What led-status reports (the firmware's tracked state). */
  readonly trackedLeds: { readonly yellowLed: boolean; readonly redLed: boolean };
  readonly oled: OledScreen;
  readonly clients: readonly BoardClientInfo[];
  /** Connections held without an answer (firmware profile). */
  readonly pendingClients: number;
  readonly pool: PacketPoolStats;
  readonly serialTail: readonly UartLine[];
  /** eMMC space, when the board has an eMMC. */
  readonly emmc?: { readonly usedBytes: number; readonly capacityBytes: number };
  /** HTTP sessions in use and queued, when the HTTP server runs. */
  readonly httpSessions?: { readonly active: number; readonly queued: number; readonly max: number };
  /** FTP clients connected, when the FTP server runs. */
  readonly ftpClients?: number;
}

/** Event name → payload. */
export interface BoardEvents {
  /** Something in BoardState changed (coalesced: at most one per event-loop turn). */
  state: BoardState;
  'uart-line': UartLine;
  /** Emulator diagnostics (not on the UART): what was rejected or ignored, and why. */
  log: { readonly time: number; readonly text: string };
  leds: LedLevels;
  oled: OledScreen;
  client: { readonly kind: 'open' | 'close'; readonly client: BoardClientInfo };
  /** A telemetry message was produced (sent to every client). */
  telemetry: { readonly time: number; readonly text: string };
  phase: BoardPhase;
}

/** The control API for the app and tests. */
export interface BoardControl {
  state(): BoardState;
  /** Drives a GPIO LED directly (does not change what led-status reports). */
  setLed(led: LedName, on: boolean): void;
  /** Resets every client's TCP connection. Returns whether there was one. */
  dropLink(): boolean;
  stallTelemetry(stalled: boolean): void;
  /** Power cycle: clients dropped, servers closed, boot log, uptime from 0; resolves when listening again. */
  reboot(): Promise<void>;
  /** Adds `deltaC` (default 25 °C) to the die temperature, decaying over ~20 s. */
  spikeTemperature(deltaC?: number): void;
  /** Shrinks (or grows) the WS packet pool; `restorePool()` returns to the configured size. */
  setPoolPackets(packets: number): void;
  restorePool(): void;
  /** Switches profile; current clients are dropped. */
  setProfile(profile: BoardProfile): void;
  setTelemetryPeriod(ms: number): void;
  /** Samples per telemetry-batch frame (1–17), or undefined for the firmware's single messages. */
  setTelemetryBatch(samples: number | undefined): void;
  setSerialVerbosity(v: SerialVerbosity): void;
  /** Sends `count` telemetry messages to every client as fast as each socket drains (benchmarks). */
  blastTelemetry(count: number): Promise<{ readonly sent: number; readonly ms: number }>;
  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof BoardEvents>(event: K, listener: (payload: BoardEvents[K]) => void): () => void;
}

/** A running virtual board. */
export interface RunningBoard {
  readonly endpoints: BoardEndpoints;
  readonly control: BoardControl;
  /** The board's packet and byte pools (live: the servers allocate from them). */
  readonly memory: BoardMemory;
  /** Releases every socket and timer. Idempotent. */
  close(): Promise<void>;
}
