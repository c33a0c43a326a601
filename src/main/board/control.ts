// The virtual board's control: its full state and the fault and setting API (docs/architecture.md §7), over the
// model (model.ts) and its servers (boot.ts).
import type { BoardServers } from './boot';
import type { Emmc } from './emmc';
import { checkBatch, checkPeriod, type BoardModel } from './model';
import { telemetryText } from './telemetry/generator';
import type { BoardControl, BoardState } from './types';

/** The board's state as the Board page and the CLI see it. */
export function boardState(model: BoardModel, servers: BoardServers): BoardState {
  const { tick, leds, oled, pool, serial, clients, replay, info } = model;
  const { emmc } = model;
  const { http, ftp, firmware, endpoints, httpSessionMax } = servers;
  return {
    phase: model.phase,
    profile: model.profile,
    serial: model.verbosity,
    endpoints: { ...endpoints },
    ticks: tick.ticks(),
    uptime: tick.uptimeSeconds(),
    tickScale: tick.tickScale,
    telemetryMs: model.telemetryMs,
    telemetrySource: replay ? 'replay' : 'generator',
    telemetryStalled: model.stalled,
    telemetryCount: model.telemetryCount,
    telemetrySamples: model.telemetrySamples,
    ...(model.batch !== undefined ? { telemetryBatch: model.batch } : {}),
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
  };
}

/** The fault and setting API over one board. */
export function boardControl(model: BoardModel, servers: BoardServers): BoardControl {
  const { clock, leds, pool, tick, temperature, generator, clients, telemetry, events, log, changed } = model;
  return {
    state: () => boardState(model, servers),
    setLed: (led, on) => leds.set(led, on),
    dropLink: () => {
      const a = servers.firmware.dropLink();
      const b = servers.compliant.dropLink();
      return a || b;
    },
    stallTelemetry: (s) => {
      model.stalled = s;
      log(`telemetry ${s ? 'stalled' : 'resumed'} by the control API`);
      changed();
    },
    reboot: async () => {
      if (model.phase === 'closed') throw new Error('the board is closed');
      log('reboot requested by the control API');
      await servers.powerOff();
      await servers.boot();
    },
    spikeTemperature: (deltaC = 25) => temperature.addSpike(deltaC, tick.ticks() / 1000),
    setPoolPackets: (n) => pool.resize(n),
    restorePool: () => pool.resize(model.configuredPoolPackets),
    setProfile: (p) => {
      if (p === model.profile) return;
      servers.dropAll();
      model.profile = p;
      log(`profile changed to ${p}; clients dropped`);
      changed();
    },
    setTelemetryPeriod: (ms) => {
      model.telemetryMs = checkPeriod(ms);
      telemetry.setPeriod(tick.msForTicks(model.telemetryMs));
      changed();
    },
    setTelemetryBatch: (n) => {
      if (model.replay && n !== undefined)
        throw new RangeError('a replay sends the recorded messages as they are: it cannot be batched');
      model.batch = checkBatch(n);
      changed();
    },
    setSerialVerbosity: (v) => {
      model.verbosity = v;
      changed();
    },
    blastTelemetry: async (count) => {
      const started = clock.now();
      let sent = 0;
      const targets = [...clients.values()];
      const yieldEvery = model.profile === 'firmware' ? 16 : 256;
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
}

/** Used and total bytes of the eMMC (one usage reading). */
function emmcSpace(emmc: Emmc): { usedBytes: number; capacityBytes: number } {
  const { usedBytes, capacityBytes } = emmc.usage();
  return { usedBytes, capacityBytes };
}
