import type { UartLineView, VirtualBoardStatus, VirtualBoardView } from '../../shared/bridge/contracts/board';
import { createServer } from 'node:net';
import {
  startBoard,
  type BoardControl,
  type BoardOptions,
  type BoardState,
  type RunningBoard,
  type UartLine,
} from '../board';
import type { EventHub } from './event-hub';

// The one door from the core into src/main/board (eslint.config.js): the in-app start and its control surface.
export type { BoardControl };

/** Where the in-app virtual board keeps its eMMC, and its preferred ports. */
export interface VirtualBoardDefaults {
  /** Directory of the virtual eMMC (under the app's data directory); without it, no HTTP or FTP server. */
  readonly emmcDir?: string;
  /** Preferred ports, used where free (else the OS picks one): the firmware's 8080 for WebSocket; 80 and 21 need
   *  privileges, so HTTP and FTP prefer 8000 and 2121 as `npm run board` does. */
  readonly wsPort?: number;
  readonly httpPort?: number;
  readonly ftpPort?: number;
  readonly host?: string;
  /** How a preferred port is judged free (tests stand in for the moment between the check and the bind). */
  readonly portIsFree?: (port: number, host: string) => Promise<boolean>;
}

/** A start's options: the board's, plus the FTP pre-login timeout a start may set (off by default, as on the
 *  firmware; docs/architecture.md §12.6). */
export type VirtualStartOptions = BoardOptions & { readonly ftpLoginTimeoutMs?: number };

/** True when nothing listens on host:port (checked by binding it for a moment). */
export function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

function isAddressInUse(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'EADDRINUSE' || (err instanceof Error && /EADDRINUSE/.test(err.message));
}

/** Maps the board's state to the bridge view (no host paths, only what the UI shows). */
export function boardView(s: BoardState): VirtualBoardView {
  return {
    phase: s.phase,
    profile: s.profile,
    serial: s.serial,
    ws: s.endpoints.ws,
    ...(s.endpoints.http ? { http: s.endpoints.http } : {}),
    ...(s.endpoints.ftp ? { ftp: s.endpoints.ftp } : {}),
    ...(s.emmc ? { emmc: s.emmc } : {}),
    ...(s.httpSessions ? { httpSessions: s.httpSessions } : {}),
    ...(s.ftpClients !== undefined ? { ftpClients: s.ftpClients } : {}),
    uptime: s.uptime,
    tickScale: s.tickScale,
    telemetryMs: s.telemetryMs,
    telemetrySource: s.telemetrySource,
    telemetryStalled: s.telemetryStalled,
    telemetryCount: s.telemetryCount,
    ...(s.telemetryBatch !== undefined ? { telemetryBatch: s.telemetryBatch } : {}),
    leds: s.leds,
    trackedLeds: s.trackedLeds,
    oled: s.oled,
    clients: s.clients.map((c) => ({ id: c.id, remote: c.remote, since: c.since })),
    pendingClients: s.pendingClients,
    pool: { total: s.pool.total, free: s.pool.free, highWater: s.pool.highWater, failures: s.pool.failures },
  };
}

/** One virtual board inside the app (the VirtualFleet holds one per virtual profile), its events batched onto
 *  the hub, each tagged with the profile id it runs for. */
export class VirtualBoardService {
  private board: RunningBoard | undefined;
  private starting: Promise<RunningBoard> | undefined;
  /** The control of a board still in its first boot (startBoard has not resolved yet). */
  private booting: BoardControl | undefined;
  private uart: UartLineView[] = [];
  /** The last 500 UART lines (the board's own state carries only 100). */
  private tail: UartLineView[] = [];
  private logs: { time: number; text: string }[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private lastStatusAt = 0;
  private statusTimer: NodeJS.Timeout | undefined;

  private readonly uartListeners = new Set<(line: UartLine) => void>();
  private readonly statusListeners = new Set<() => void>();
  private readonly bootListeners = new Set<(ws: string) => void>();

  constructor(
    private readonly hub: EventHub,
    /** The virtual profile this board runs for; its events carry it. */
    readonly boardId: string,
    private readonly defaults?: VirtualBoardDefaults,
  ) {}

  /** Follows the UART of whatever virtual board runs, across stops and starts; first replays what it printed. */
  onUartLine(listener: (line: UartLine) => void): () => void {
    for (const line of this.control?.state().serialTail ?? []) listener(line);
    this.uartListeners.add(listener);
    return () => this.uartListeners.delete(listener);
  }

  /** Hears each status change (started, stopped, new ports) as the hub does, for core code that follows it. */
  onStatus(listener: () => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /**
   * Hears each time the board has booted and listens (a start, or a reboot), with its WebSocket address; returns
   * the unsubscribe. The app tries the board's links at once then, instead of at their retry timers.
   */
  onBooted(listener: (ws: string) => void): () => void {
    this.bootListeners.add(listener);
    return () => this.bootListeners.delete(listener);
  }

  /**
   * Starts the board with the defaults unless it runs; resolves with the running board. A board the app needs now
   * (it opens watching it, or the user watches a stopped one) is taken as already powered on: its first boot plays
   * at once, so the first telemetry comes one telemetry period after, as from a board that was on all along. A
   * start or reboot from the Board page takes the firmware's boot time.
   */
  async ensureStarted(): Promise<RunningBoard> {
    if (this.board) return this.board;
    if (this.starting) return this.starting;
    await this.start({ firstBootDelayMs: 0 });
    return this.board!;
  }

  /**
   * Options for a start: the caller's, over the defaults, with each preferred port used only where free
   * (`anyPort`: no preferred port at all, the OS picks every port the caller left open).
   */
  private async withDefaults(
    { ftpLoginTimeoutMs, ...options }: VirtualStartOptions,
    anyPort = false,
  ): Promise<BoardOptions> {
    const d = this.defaults ?? {};
    const login = ftpLoginTimeoutMs !== undefined ? { loginTimeoutMs: ftpLoginTimeoutMs } : {};
    const host = options.host ?? d.host ?? '127.0.0.1';
    // A port the caller chose is used as it is (taken → a clear error); a default one only where free.
    const isFree = d.portIsFree ?? portIsFree;
    const pick = async (port: number) => (anyPort ? 0 : port === 0 || (await isFree(port, host)) ? port : 0);
    return {
      // The app learns the virtual board's pools and eMMC space from its pool-status messages, as it would a real
      // board's that sends them (docs/pool-status.md): never by reading the board's objects.
      poolStatus: true,
      ...options,
      host,
      wsPort: options.wsPort ?? (await pick(d.wsPort ?? 8080)),
      ...(d.emmcDir
        ? {
            http: options.http ?? { port: await pick(d.httpPort ?? 8000) },
            ftp: options.ftp ?? { port: await pick(d.ftpPort ?? 2121), ...login },
            emmcDir: options.emmcDir ?? d.emmcDir,
          }
        : {}),
    };
  }

  /** The running board's control, or the booting one's during the first boot. */
  private get control(): BoardControl | undefined {
    return this.board?.control ?? this.booting;
  }

  /** `running` from the first boot on (its phase says `booting` until the servers listen). */
  status(): VirtualBoardStatus {
    const c = this.control;
    return c ? { kind: 'running', board: boardView(c.state()) } : { kind: 'stopped' };
  }

  /** The running board, or undefined. */
  get running(): RunningBoard | undefined {
    return this.board;
  }

  async start(options: VirtualStartOptions): Promise<VirtualBoardStatus> {
    if (this.board || this.starting) throw new Error('already running');
    // Follow the board from the moment its control exists, so the first boot (screens, boot log) shows live.
    this.starting = this.launch(options);
    try {
      this.board = await this.starting;
    } catch (err) {
      if (this.booting) {
        this.booting = undefined;
        this.tail = [];
        this.flush();
        this.hub.emit('vboard:status', { kind: 'stopped', boardId: this.boardId });
        this.toldStatus();
      }
      throw err;
    } finally {
      this.starting = undefined;
      this.booting = undefined;
    }
    this.statusSoon();
    return this.status();
  }

  /**
   * Starts the board on the preferred ports where free. A preferred port can be taken between the check and
   * the bind (another program starting at the same moment); then the board starts once more on ports the OS
   * picks. A port the caller chose is kept, so a conflict on it still fails with EADDRINUSE.
   */
  private async launch(options: VirtualStartOptions): Promise<RunningBoard> {
    const onControl = (c: BoardControl) => this.follow(c);
    try {
      return await startBoard({ ...(await this.withDefaults(options)), onControl });
    } catch (err) {
      if (!isAddressInUse(err)) throw err;
      this.booting = undefined;
      this.tail = [];
      return startBoard({ ...(await this.withDefaults(options, true)), onControl });
    }
  }

  /** Subscribes to a board's UART, log and state; events of a board that is no longer ours are ignored. */
  private follow(c: BoardControl): void {
    this.booting = c;
    const ours = () => this.control === c;
    // Lines printed before this call (none with startBoard's onControl, which runs before the boot).
    this.tail = c.state().serialTail.map((l) => ({ seq: l.seq, time: l.time, text: l.text }));
    for (const l of c.state().serialTail) {
      this.queue(() => this.uart.push({ seq: l.seq, time: l.time, text: l.text }));
      for (const listener of this.uartListeners) listener(l);
    }
    c.on('uart-line', (l) => {
      if (!ours()) return;
      const line = { seq: l.seq, time: l.time, text: l.text };
      this.tail.push(line);
      if (this.tail.length > 600) this.tail.splice(0, this.tail.length - 500);
      this.queue(() => this.uart.push(line));
      for (const listener of this.uartListeners) listener(l);
    });
    c.on('log', (l) => {
      if (ours()) this.queue(() => this.logs.push(l));
    });
    c.on('state', () => {
      if (ours()) this.statusSoon();
    });
    c.on('phase', (phase) => {
      if (!ours() || phase !== 'running') return;
      const ws = c.state().endpoints.ws;
      for (const listener of this.bootListeners) listener(ws);
    });
    this.statusSoon();
  }

  async stop(): Promise<VirtualBoardStatus> {
    const b = this.board;
    this.board = undefined;
    this.tail = [];
    await b?.close();
    this.flush();
    this.hub.emit('vboard:status', { kind: 'stopped', boardId: this.boardId });
    this.toldStatus();
    return this.status();
  }

  uartTail(max: number): UartLineView[] {
    return this.control ? this.tail.slice(-Math.min(max, 500)) : [];
  }

  async close(): Promise<void> {
    clearTimeout(this.flushTimer);
    clearTimeout(this.statusTimer);
    await this.board?.close();
    this.board = undefined;
  }

  /** Coalesces line events into one hub event per 100 ms, each batch bounded. */
  private queue(add: () => void): void {
    add();
    if (this.uart.length > 1000) this.uart.splice(0, this.uart.length - 1000);
    if (this.logs.length > 1000) this.logs.splice(0, this.logs.length - 1000);
    this.flushTimer ??= setTimeout(() => this.flush(), 100);
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.uart.length) this.hub.emit('vboard:uart', { boardId: this.boardId, lines: this.uart.splice(0) });
    if (this.logs.length) this.hub.emit('vboard:log', { boardId: this.boardId, lines: this.logs.splice(0) });
  }

  /** At most 10 status events per second, the last change always delivered. */
  private statusSoon(): void {
    if (this.statusTimer) return;
    const wait = Math.max(0, this.lastStatusAt + 100 - Date.now());
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      this.lastStatusAt = Date.now();
      if (this.control) this.hub.emit('vboard:status', { ...this.status(), boardId: this.boardId });
      this.toldStatus();
    }, wait);
  }

  private toldStatus(): void {
    for (const l of this.statusListeners) l();
  }
}
