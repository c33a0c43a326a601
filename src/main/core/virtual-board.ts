import type { UartLineView, VirtualBoardStatus, VirtualBoardView } from '../../shared/bridge/contracts/board';
import { startBoard, type BoardOptions, type BoardState, type RunningBoard } from '../board';
import type { EventHub } from './event-hub';

/** Maps the board's state to the bridge view (no host paths, only what the UI shows). */
export function boardView(s: BoardState): VirtualBoardView {
  return {
    phase: s.phase,
    profile: s.profile,
    serial: s.serial,
    ws: s.endpoints.ws,
    uptime: s.uptime,
    tickScale: s.tickScale,
    telemetryMs: s.telemetryMs,
    telemetrySource: s.telemetrySource,
    telemetryStalled: s.telemetryStalled,
    telemetryCount: s.telemetryCount,
    leds: s.leds,
    trackedLeds: s.trackedLeds,
    oled: s.oled,
    clients: s.clients.map((c) => ({ id: c.id, remote: c.remote, since: c.since })),
    pendingClients: s.pendingClients,
    pool: { total: s.pool.total, free: s.pool.free, highWater: s.pool.highWater, failures: s.pool.failures },
  };
}

/** The virtual board inside the app: at most one, with its events batched onto the hub. */
export class VirtualBoardService {
  private board: RunningBoard | undefined;
  private starting: Promise<RunningBoard> | undefined;
  private uart: UartLineView[] = [];
  /** The last 500 UART lines (the board's own state carries only 100). */
  private tail: UartLineView[] = [];
  private logs: { time: number; text: string }[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private lastStatusAt = 0;
  private statusTimer: NodeJS.Timeout | undefined;

  constructor(private readonly hub: EventHub) {}

  status(): VirtualBoardStatus {
    return this.board ? { kind: 'running', board: boardView(this.board.control.state()) } : { kind: 'stopped' };
  }

  /** The running board, or undefined. */
  get running(): RunningBoard | undefined {
    return this.board;
  }

  async start(options: BoardOptions): Promise<VirtualBoardStatus> {
    if (this.board || this.starting) throw new Error('already running');
    this.starting = startBoard(options);
    try {
      this.board = await this.starting;
    } finally {
      this.starting = undefined;
    }
    const c = this.board.control;
    this.tail = c.state().serialTail.map((l) => ({ seq: l.seq, time: l.time, text: l.text }));
    c.on('uart-line', (l) => {
      const line = { seq: l.seq, time: l.time, text: l.text };
      this.tail.push(line);
      if (this.tail.length > 600) this.tail.splice(0, this.tail.length - 500);
      this.queue(() => this.uart.push(line));
    });
    c.on('log', (l) => this.queue(() => this.logs.push(l)));
    c.on('state', () => this.statusSoon());
    this.statusSoon();
    return this.status();
  }

  async stop(): Promise<VirtualBoardStatus> {
    const b = this.board;
    this.board = undefined;
    this.tail = [];
    await b?.close();
    this.flush();
    this.hub.emit('vboard:status', { kind: 'stopped' });
    return this.status();
  }

  uartTail(max: number): UartLineView[] {
    return this.board ? this.tail.slice(-Math.min(max, 500)) : [];
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
    if (this.uart.length) this.hub.emit('vboard:uart', { lines: this.uart.splice(0) });
    if (this.logs.length) this.hub.emit('vboard:log', { lines: this.logs.splice(0) });
  }

  /** At most 10 status events per second, the last change always delivered. */
  private statusSoon(): void {
    if (this.statusTimer) return;
    const wait = Math.max(0, this.lastStatusAt + 100 - Date.now());
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      this.lastStatusAt = Date.now();
      if (this.board) this.hub.emit('vboard:status', this.status());
    }, wait);
  }
}
