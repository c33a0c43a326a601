// The virtual board's servers and the firmware's start order: what power-on brings up over the model (model.ts)
// and power-off takes down.
import { createServer, type Server, type Socket } from 'node:net';
import { openEmmc } from './emmc';
import { startFtpServer, type FtpServerHandle } from './ftp';
import { startHttpServer } from './http';
import type { BoardModel } from './model';
import { listenError } from './net/listen';
import { NX_HOSTNAME, startNameResponder, type NameResponder } from './net/name-responder';
import { BOOT_SCREENS } from './oled/oled';
import { ledStatusText } from './telemetry/generator';
import type { BoardOptions, BoardPhase } from './types';
import { bootLines, serverLines } from './uart/boot-log';
import { judgeCommand, ledUartLine } from './ws/commands';
import { CompliantWsServer } from './ws/compliant-server';
import { FirmwareWsServer } from './ws/firmware-server';
import type { WsHost } from './ws/host';

/** WS_SERVER_PORT. */
export const DEFAULT_WS_PORT = 8080;

export class BoardServers {
  readonly wsHost: WsHost;
  readonly firmware: FirmwareWsServer;
  readonly compliant: CompliantWsServer;
  readonly endpoints: { host: string; wsPort: number; ws: string };
  readonly httpSessionMax: 1 | 2;
  http: Awaited<ReturnType<typeof startHttpServer>> | undefined;
  ftp: FtpServerHandle | undefined;
  private readonly server: Server;
  private wsPort: number;
  private httpPort: number | undefined;
  private ftpPort: number | undefined;
  private names: NameResponder[] = [];
  /** The name responders' UDP ports: as asked (0: any free one) until they listen, then as bound; absent: off. */
  private readonly namePorts: { mdns?: number; llmnr?: number } = {};
  private connIds = 0;

  constructor(
    private readonly model: BoardModel,
    private readonly options: BoardOptions,
  ) {
    const { host, serial, leds, events, clients, changed, log, info } = model;
    this.httpPort = options.http?.port;
    this.ftpPort = options.ftp?.port;
    this.namePorts.llmnr = options.names?.llmnrPort;
    this.namePorts.mdns = options.names?.mdnsPort;
    this.httpSessionMax = options.http?.sessionMax ?? model.memory.config.httpSessionMax;

    const wsHost: WsHost = {
      uart: (text) => serial.print(text),
      log,
      verbose: () => model.verbosity === 'verbose',
      ledStatus: () => {
        const t = leds.trackedState();
        return ledStatusText(t.yellowLed, t.redLed);
      },
      command: (text) => {
        const out = judgeCommand(text);
        if (out.kind === 'rejected') {
          if (out.uart) serial.print(out.uart);
          log(`command rejected: ${out.reason}`);
          return false;
        }
        leds.command(out.led, out.state);
        serial.print(ledUartLine(out.led, out.state));
        return true;
      },
      clientOpened: (c) => {
        clients.set(c.id, c);
        events.emit('client', { kind: 'open', client: info(c) });
        changed();
      },
      clientClosed: (c) => {
        if (!clients.delete(c.id)) return;
        events.emit('client', { kind: 'close', client: info(c) });
        changed();
      },
      pendingChanged: changed,
      tap: options.onWire,
      nextConnId: () => ++this.connIds,
      now: () => model.clock.now(),
    };
    this.wsHost = wsHost;
    this.firmware = new FirmwareWsServer(wsHost, model.pool, model.timers, {
      handshakeTimeoutMs: options.handshakeTimeoutMs,
      halfOpenLingerMs: options.halfOpenLingerMs,
    });
    this.compliant = new CompliantWsServer(wsHost, model.timers, options.compliant);

    this.server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (socket: Socket) => {
      if (model.phase !== 'running') return socket.resetAndDestroy();
      if (model.profile === 'firmware') this.firmware.accept(socket);
      else this.compliant.accept(socket);
    });
    this.server.on('error', (err) => log(`ws listener error: ${err.message}`));
    this.wsPort = options.wsPort ?? DEFAULT_WS_PORT;
    this.endpoints = { host, wsPort: this.wsPort, ws: '' };
  }

  private listen(): Promise<void> {
    const { host } = this.model;
    const server = this.server;
    return new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) =>
        reject(listenError('WebSocket', host, this.wsPort, err));
      server.once('error', onError);
      server.listen({ host, port: this.wsPort }, () => {
        server.off('error', onError);
        const addr = server.address();
        if (addr && typeof addr === 'object') this.wsPort = addr.port;
        const wsPort = this.wsPort;
        Object.assign(this.endpoints, {
          wsPort,
          ws: `ws://${host.includes(':') ? `[${host}]` : host}:${wsPort}`,
        });
        resolve();
      });
    });
  }

  /** Power-on: the boot log and screens, then the servers in the firmware's order, then the run-time loops. The boot
   *  delay spreads the screens and self-tests over that long (0: all at once). */
  async boot(bootDelayMs = this.model.bootDelayMs): Promise<void> {
    const model = this.model;
    const options = this.options;
    const { events, tick, generator, pool, leds, serial, oled, timers, telemetry, host, log } = model;
    model.phase = 'booting';
    events.emit('phase', model.phase);
    tick.restart();
    generator.reset();
    pool.resetCounters();
    leds.reset();
    model.replay?.rewind();
    model.telemetryCount = 0;
    model.telemetrySamples = 0;
    const lines = bootLines(model.random);
    serial.print(lines[0]!);
    serial.print(lines[1]!);
    // Splash and info screens, compressed to fit the boot delay; PSRAM verify lights green.
    const nominal = BOOT_SCREENS.reduce((a, s) => a + s.ms, 0);
    const scale = (bootDelayMs * 0.6) / nominal;
    for (const s of BOOT_SCREENS) {
      oled.show(s.screen);
      if (bootDelayMs > 0) await model.delay(s.ms * scale);
    }
    leds.set('green', true);
    const perf = lines.slice(2);
    for (const l of perf) serial.print(l);
    oled.showStatus(false);
    if (bootDelayMs > 0) await model.delay(bootDelayMs * 0.4);
    if ((model.phase as BoardPhase) === 'closed') return;
    // The NetXDuo App thread starts the servers in this order once the eMMC is mounted: HTTP, FTP, WebSocket.
    if (options.emmcDir && !model.emmc) {
      model.emmc = await openEmmc({
        root: options.emmcDir,
        capacityBytes: options.emmcCapacityBytes,
        log: (t) => log(t),
      });
    }
    const emmc = model.emmc;
    if (emmc && options.http && this.httpPort !== undefined) {
      this.http = await startHttpServer({
        host,
        port: this.httpPort,
        emmc,
        sessionMax: this.httpSessionMax,
        allowWrite: options.http.allowWrite ?? true,
        pool: model.memory.packetPool('http'),
        log: (t) => log(t),
      });
      this.httpPort = this.http.port;
    }
    if (emmc && options.ftp && this.ftpPort !== undefined) {
      this.ftp = await startFtpServer({
        host,
        port: this.ftpPort,
        emmc,
        extended: options.ftp.extended ?? false,
        loginTimeoutMs: options.ftp.loginTimeoutMs,
        passivePorts: options.ftp.passivePorts
          ? [options.ftp.passivePorts[0], options.ftp.passivePorts[1]]
          : undefined,
        pool: model.memory.packetPool('ftp'),
        log: (t) => log(t),
      });
      this.ftpPort = this.ftp.port;
    }
    const shown = host.includes(':') ? `[${host}]` : host;
    Object.assign(this.endpoints, {
      ...(this.http ? { http: `http://${shown}:${this.httpPort}`, httpPort: this.httpPort } : {}),
      ...(this.ftp ? { ftp: `ftp://${shown}:${this.ftpPort}`, ftpPort: this.ftpPort } : {}),
    });
    await this.listen();
    // Then mDNS and LLMNR (the NetXDuo App thread enables them last).
    for (const protocol of ['mdns', 'llmnr'] as const) {
      const port = this.namePorts[protocol];
      if (port === undefined) continue;
      const r = await startNameResponder({ protocol, host, port, hostname: NX_HOSTNAME, log });
      this.names.push(r);
      this.namePorts[protocol] = r.port;
    }
    const { mdns, llmnr } = this.namePorts;
    Object.assign(this.endpoints, {
      ...(mdns !== undefined ? { mdnsPort: mdns } : {}),
      ...(llmnr !== undefined ? { llmnrPort: llmnr } : {}),
    });
    model.phase = 'running';
    events.emit('phase', model.phase);
    // Said after listening, so the port is the one bound (with --ws-port 0 the OS picks it).
    for (const l of serverLines(model.verbosity === 'verbose', this.wsPort)) serial.print(l);
    model.heartbeat(false);
    telemetry.start();
    timers.after(tick.msForTicks(500), () => oled.showStatus(true));
    model.changed();
  }

  /** Drops every WebSocket client of both servers. */
  dropAll(): void {
    this.firmware.closeAll();
    this.compliant.closeAll();
    for (const c of [...this.model.clients.values()]) this.wsHost.clientClosed(c);
  }

  private stopListening(): Promise<void> {
    const server = this.server;
    return new Promise<void>((r) => (server.listening ? server.close(() => r()) : r()));
  }

  /** Power-off: timers, loops, clients and servers; the eMMC stays mounted. */
  async powerOff(): Promise<void> {
    this.model.timers.cancelAll();
    this.model.telemetry.stop();
    this.dropAll();
    await this.stopListening();
    const servers = [this.http?.close(), this.ftp?.close(), ...this.names.map((n) => n.close())];
    this.http = undefined;
    this.ftp = undefined;
    this.names = [];
    await Promise.allSettled(servers);
  }
}
