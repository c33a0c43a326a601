import { createServer, type Server, type Socket } from 'node:net';
import { TickClock, TimerSet, mathRandom, realClock } from './clock';
import { BoardEmitter } from './events';
import { Leds } from './leds/leds';
import { openEmmc, type Emmc } from './emmc';
import { startFtpServer, type FtpServerHandle } from './ftp';
import { startHttpServer } from './http';
import { NX_HOSTNAME, startNameResponder, type NameResponder } from './net/name-responder';
import { BoardMemory } from './memory/board-memory';
import { BOOT_SCREENS, Oled } from './oled/oled';
import { DieTemperature, TelemetryGenerator, ledStatusText, telemetryText } from './telemetry/generator';
import { TelemetryLoop } from './telemetry/loop';
import { MAX_TELEMETRY_BATCH, batchOffsetsUs, telemetryBatchText } from './telemetry/batch';
import { loadReplay, type ReplayScript } from './telemetry/replay';
import type {
  BoardClientInfo,
  BoardControl,
  BoardOptions,
  BoardPhase,
  BoardProfile,
  BoardState,
  RunningBoard,
} from './types';
import { bootLines } from './uart/boot-log';
import { SerialLog, type SerialVerbosity } from './uart/serial-log';
import { openUartPort } from './uart/uart-port';
import { judgeCommand, ledUartLine } from './ws/commands';
import { CompliantWsServer } from './ws/compliant-server';
import { FirmwareWsServer } from './ws/firmware-server';
import type { WsClient, WsHost } from './ws/host';

/** WS_SERVER_PORT. */
export const DEFAULT_WS_PORT = 8080;
/** "WS Server Packet Pool": 20 480 bytes of 1024-byte packets. */
export const WS_POOL_PACKETS = 18;

/** Starts the virtual NUCLEO-MEM board; resolves once it has booted and its servers listen. */
export async function startBoard(options: BoardOptions = {}): Promise<RunningBoard> {
  const clock = options.clock ?? realClock;
  const random = options.random ?? mathRandom;
  const host = options.host ?? '127.0.0.1';
  const bootDelayMs = options.bootDelayMs ?? 1500;
  const poolPackets = options.poolPackets ?? WS_POOL_PACKETS;
  const replay: ReplayScript | undefined =
    typeof options.replay === 'string' ? loadReplay(options.replay) : options.replay;
  let profile: BoardProfile = options.profile ?? 'firmware';
  let verbosity: SerialVerbosity = options.serial ?? 'quiet';
  let telemetryMs = checkPeriod(options.telemetryMs ?? 1000);
  if (replay && options.telemetryBatch !== undefined)
    throw new RangeError('a replay sends the recorded messages as they are: it cannot be batched');
  let batch = checkBatch(options.telemetryBatch);
  let phase: BoardPhase = 'booting';
  let stalled = false;
  let telemetryCount = 0;
  let telemetrySamples = 0;
  let replayIndex = 0;
  let connIds = 0;
  let statePending = false;

  const events = new BoardEmitter();
  const timers = new TimerSet(clock);
  const tick = new TickClock(
    clock,
    options.tickScale ?? 1,
    options.uptimeWrap ?? true,
    options.startTicks ?? 0,
  );
  const serial = new SerialLog(clock);
  const leds = new Leds();
  const oled = new Oled();
  const memory = options.memory ?? new BoardMemory();
  const pool = memory.packetPool('ws')!;
  if (options.poolPackets !== undefined) pool.resize(poolPackets);
  const configuredPoolPackets = pool.stats().total;
  if ((options.http || options.ftp) && !options.emmcDir)
    throw new RangeError('the HTTP and FTP servers need an eMMC directory (emmcDir)');
  let emmc: Emmc | undefined;
  let http: Awaited<ReturnType<typeof startHttpServer>> | undefined;
  let ftp: FtpServerHandle | undefined;
  let httpPort = options.http?.port;
  let ftpPort = options.ftp?.port;
  let names: NameResponder[] = [];
  let llmnrPort = options.names?.llmnrPort;
  let mdnsPort = options.names?.mdnsPort;
  const httpSessionMax = options.http?.sessionMax ?? memory.config.httpSessionMax;
  const temperature = new DieTemperature(random, options.ambientC ?? 24);
  const generator = new TelemetryGenerator(random, temperature);
  const clients = new Map<number, WsClient>();

  const changed = () => {
    if (statePending || !events.has('state')) return;
    statePending = true;
    setImmediate(() => {
      statePending = false;
      if (phase !== 'closed' || events.has('state')) events.emit('state', state());
    });
  };
  serial.onLine((line) => {
    events.emit('uart-line', line);
    changed();
  });
  leds.onChange((l) => {
    events.emit('leds', l);
    changed();
  });
  oled.onChange((s) => {
    events.emit('oled', s);
    changed();
  });
  pool.onChange(changed);
  const log = (text: string) => events.emit('log', { time: clock.now(), text });
  const info = (c: WsClient): BoardClientInfo => ({
    id: c.id,
    remote: c.remote,
    profile: c.profile,
    since: c.since,
  });

  const wsHost: WsHost = {
    uart: (text) => serial.print(text),
    log,
    verbose: () => verbosity === 'verbose',
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
    nextConnId: () => ++connIds,
    now: () => clock.now(),
  };
  const firmware = new FirmwareWsServer(wsHost, pool, timers, {
    handshakeTimeoutMs: options.handshakeTimeoutMs,
    halfOpenLingerMs: options.halfOpenLingerMs,
  });
  const compliant = new CompliantWsServer(wsHost);

  const server: Server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (socket: Socket) => {
    if (phase !== 'running') return socket.resetAndDestroy();
    if (profile === 'firmware') firmware.accept(socket);
    else compliant.accept(socket);
  });
  server.on('error', (err) => log(`ws listener error: ${err.message}`));
  let wsPort = options.wsPort ?? DEFAULT_WS_PORT;
  const endpoints = { host, wsPort, ws: '' };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) =>
        reject(new Error(`cannot listen on ${host}:${wsPort}: ${err.code ?? err.message}`));
      server.once('error', onError);
      server.listen({ host, port: wsPort }, () => {
        server.off('error', onError);
        const addr = server.address();
        if (addr && typeof addr === 'object') wsPort = addr.port;
        Object.assign(endpoints, { wsPort, ws: `ws://${host.includes(':') ? `[${host}]` : host}:${wsPort}` });
        resolve();
      });
    });

  // Run-time loops on the tick clock.
  const nextTelemetryText = (): string => {
    if (replay) {
      const text = replay.texts[replayIndex % replay.texts.length]!;
      replayIndex++;
      return text;
    }
    // A served client keeps the network stack busy: a little extra die heat.
    temperature.load = Math.min(1, clients.size * 0.4);
    if (batch === undefined) return telemetryText(generator.next(tick.uptimeSeconds()));
    // N samples spread over the period that ends now; the last one is taken now, as a single message would be.
    const dtUs = batchOffsetsUs(batch, telemetryMs);
    const last = dtUs[dtUs.length - 1]!;
    const samples = dtUs.map((dt) => generator.next(Math.floor(tick.ticksBefore((last - dt) / 1000) / 1000)));
    return telemetryBatchText(dtUs, samples);
  };
  const sendTelemetry = () => {
    if (stalled) return;
    const text = nextTelemetryText();
    telemetryCount++;
    telemetrySamples += replay
      ? (replay.samples?.[(replayIndex - 1) % replay.texts.length] ?? 1)
      : (batch ?? 1);
    for (const c of clients.values()) c.send(text);
    if (options.poolStatus) {
      const space = emmc?.usage(); // the eMMC as FileX would report it (docs/pool-status.md "Storage")
      const status = memory.statusText(
        space && [{ name: 'eMMC', total: space.capacityBytes, free: space.freeBytes }],
      );
      for (const c of clients.values()) c.send(status);
    }
    events.emit('telemetry', { time: clock.now(), text });
    changed();
  };
  const telemetry = new TelemetryLoop(
    clock,
    timers,
    sendTelemetry,
    tick.msForTicks(telemetryMs),
    replay && (() => replay.gaps[replayIndex % replay.gaps.length]!),
  );
  const heartbeat = (on: boolean) => {
    leds.set('green', on);
    timers.after(tick.msForTicks(on ? 10 : 500), () => heartbeat(!on));
  };

  const boot = async (): Promise<void> => {
    phase = 'booting';
    events.emit('phase', phase);
    tick.restart();
    generator.reset();
    pool.resetCounters();
    leds.reset();
    replayIndex = 0;
    telemetryCount = 0;
    telemetrySamples = 0;
    const lines = bootLines(random, verbosity === 'verbose', wsPort);
    serial.print(lines[0]!);
    serial.print(lines[1]!);
    // Splash and info screens, compressed to fit the boot delay; PSRAM verify lights green.
    const nominal = BOOT_SCREENS.reduce((a, s) => a + s.ms, 0);
    const scale = (bootDelayMs * 0.6) / nominal;
    for (const s of BOOT_SCREENS) {
      oled.show(s.screen);
      if (bootDelayMs > 0) await delay(s.ms * scale);
    }
    leds.set('green', true);
    const perf = lines.slice(2, -4);
    for (const l of perf) serial.print(l);
    oled.showStatus(false);
    if (bootDelayMs > 0) await delay(bootDelayMs * 0.4);
    if ((phase as BoardPhase) === 'closed') return;
    // The NetXDuo App thread starts the servers in this order once the eMMC is mounted: HTTP, FTP, WebSocket.
    if (options.emmcDir && !emmc) {
      emmc = await openEmmc({
        root: options.emmcDir,
        capacityBytes: options.emmcCapacityBytes,
        log: (t) => log(t),
      });
    }
    if (emmc && options.http && httpPort !== undefined) {
      http = await startHttpServer({
        host,
        port: httpPort,
        emmc,
        sessionMax: httpSessionMax,
        allowWrite: options.http.allowWrite ?? true,
        pool: memory.packetPool('http'),
        log: (t) => log(t),
      });
      httpPort = http.port;
    }
    if (emmc && options.ftp && ftpPort !== undefined) {
      ftp = await startFtpServer({
        host,
        port: ftpPort,
        emmc,
        extended: options.ftp.extended ?? false,
        passivePorts: options.ftp.passivePorts
          ? [options.ftp.passivePorts[0], options.ftp.passivePorts[1]]
          : undefined,
        pool: memory.packetPool('ftp'),
        log: (t) => log(t),
      });
      ftpPort = ftp.port;
    }
    const shown = host.includes(':') ? `[${host}]` : host;
    Object.assign(endpoints, {
      ...(http ? { http: `http://${shown}:${httpPort}`, httpPort } : {}),
      ...(ftp ? { ftp: `ftp://${shown}:${ftpPort}`, ftpPort } : {}),
    });
    await listen();
    // Then mDNS and LLMNR (the NetXDuo App thread enables them last).
    if (mdnsPort !== undefined) {
      const r = await startNameResponder({
        protocol: 'mdns',
        host,
        port: mdnsPort,
        hostname: NX_HOSTNAME,
        log,
      });
      names.push(r);
      mdnsPort = r.port;
    }
    if (llmnrPort !== undefined) {
      const r = await startNameResponder({
        protocol: 'llmnr',
        host,
        port: llmnrPort,
        hostname: NX_HOSTNAME,
        log,
      });
      names.push(r);
      llmnrPort = r.port;
    }
    Object.assign(endpoints, {
      ...(mdnsPort !== undefined ? { mdnsPort } : {}),
      ...(llmnrPort !== undefined ? { llmnrPort } : {}),
    });
    phase = 'running';
    events.emit('phase', phase);
    for (const l of lines.slice(-4)) serial.print(l);
    heartbeat(false);
    telemetry.start();
    timers.after(tick.msForTicks(500), () => oled.showStatus(true));
    changed();
  };
  const delay = (ms: number) => new Promise<void>((r) => timers.after(ms, r));

  const dropAll = () => {
    firmware.closeAll();
    compliant.closeAll();
    for (const c of [...clients.values()]) wsHost.clientClosed(c);
  };
  const stopListening = () => new Promise<void>((r) => (server.listening ? server.close(() => r()) : r()));
  const powerOff = async () => {
    timers.cancelAll();
    telemetry.stop();
    dropAll();
    await stopListening();
    const servers = [http?.close(), ftp?.close(), ...names.map((n) => n.close())];
    http = undefined;
    ftp = undefined;
    names = [];
    await Promise.allSettled(servers);
  };

  const state = (): BoardState => ({
    phase,
    profile,
    serial: verbosity,
    endpoints: { ...endpoints },
    ticks: tick.ticks(),
    uptime: tick.uptimeSeconds(),
    tickScale: tick.tickScale,
    telemetryMs,
    telemetrySource: replay ? 'replay' : 'generator',
    telemetryStalled: stalled,
    telemetryCount,
    telemetrySamples,
    ...(batch !== undefined ? { telemetryBatch: batch } : {}),
    leds: leds.get(),
    trackedLeds: leds.trackedState(),
    oled: oled.get(),
    clients: [...clients.values()].map(info),
    pendingClients: firmware.pendingCount,
    pool: pool.stats(),
    serialTail: serial.tail(100),
    ...(emmc ? { emmc: emmcSpace(emmc) } : {}),
    ...(http ? { httpSessions: { ...http.sessions(), max: httpSessionMax } } : {}),
    ...(ftp ? { ftpClients: ftp.clients() } : {}),
  });

  const uart = options.uartPath ? await openUartPort(options.uartPath, serial, log) : undefined;

  const control: BoardControl = {
    state,
    setLed: (led, on) => leds.set(led, on),
    dropLink: () => {
      const a = firmware.dropLink();
      const b = compliant.dropLink();
      return a || b;
    },
    stallTelemetry: (s) => {
      stalled = s;
      log(`telemetry ${s ? 'stalled' : 'resumed'} by the control API`);
      changed();
    },
    reboot: async () => {
      if (phase === 'closed') throw new Error('the board is closed');
      log('reboot requested by the control API');
      await powerOff();
      await boot();
    },
    spikeTemperature: (deltaC = 25) => temperature.addSpike(deltaC, tick.ticks() / 1000),
    setPoolPackets: (n) => pool.resize(n),
    restorePool: () => pool.resize(configuredPoolPackets),
    setProfile: (p) => {
      if (p === profile) return;
      dropAll();
      profile = p;
      log(`profile changed to ${p}; clients dropped`);
      changed();
    },
    setTelemetryPeriod: (ms) => {
      telemetryMs = checkPeriod(ms);
      telemetry.setPeriod(tick.msForTicks(telemetryMs));
      changed();
    },
    setTelemetryBatch: (n) => {
      if (replay && n !== undefined)
        throw new RangeError('a replay sends the recorded messages as they are: it cannot be batched');
      batch = checkBatch(n);
      changed();
    },
    setSerialVerbosity: (v) => {
      verbosity = v;
      changed();
    },
    blastTelemetry: async (count) => {
      const started = clock.now();
      let sent = 0;
      const targets = [...clients.values()];
      const yieldEvery = profile === 'firmware' ? 16 : 256;
      for (let i = 0; i < count; i++) {
        // Yield now and then so write callbacks run; in the firmware profile more often than the 18 pool packets,
        // so that only a slow reader, not the burst itself, exhausts the pool.
        if (i % yieldEvery === yieldEvery - 1) await new Promise<void>((r) => setImmediate(r));
        const text = telemetryText(generator.next(tick.uptimeSeconds()));
        for (const c of targets) {
          if (c.backpressure()) await c.whenDrained();
          c.send(text);
          sent++;
        }
      }
      return { sent, ms: clock.now() - started };
    },
    on: (event, listener) => events.on(event, listener),
  };

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      phase = 'closed';
      events.emit('phase', phase);
      await powerOff();
      await uart?.close();
      if (!options.memory) memory.close();
    })());

  try {
    options.onControl?.(control);
    await boot();
  } catch (err) {
    await close();
    throw err;
  }
  return { endpoints, control, memory, close };
}

/** Used and total bytes of the eMMC (one usage reading). */
function emmcSpace(emmc: Emmc): { usedBytes: number; capacityBytes: number } {
  const { usedBytes, capacityBytes } = emmc.usage();
  return { usedBytes, capacityBytes };
}

function checkBatch(n: number | undefined): number | undefined {
  if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > MAX_TELEMETRY_BATCH))
    throw new RangeError(`telemetry batch must be 1–${MAX_TELEMETRY_BATCH} samples, not ${n}`);
  return n;
}

function checkPeriod(ms: number): number {
  if (!Number.isFinite(ms) || ms < 1 || ms > 60_000)
    throw new RangeError(`telemetry period must be 1–60000 ms, not ${ms}`);
  return ms;
}
