// The virtual board's model: its parts (LEDs, telemetry source, uptime clock, UART, OLED, pools, eMMC) and the state
// they share, with no servers. Boot (boot.ts) starts the servers over it; control (control.ts) changes it.
import { TickClock, TimerSet, mathRandom, realClock, type BoardClock, type RandomSource } from './clock';
import type { Emmc } from './emmc';
import { BoardEmitter } from './events';
import { Leds } from './leds/leds';
import { BoardMemory } from './memory/board-memory';
import type { PacketPool } from './memory/packet-pool';
import { Oled } from './oled/oled';
import { DieTemperature, TelemetryGenerator, telemetryText } from './telemetry/generator';
import { TelemetryLoop } from './telemetry/loop';
import { MAX_TELEMETRY_BATCH, batchOffsetsUs, telemetryBatchText } from './telemetry/batch';
import { isReplaySource, scriptReplay, type ReplaySource } from './telemetry/replay';
import type { BoardClientInfo, BoardOptions, BoardPhase, BoardProfile, BoardState } from './types';
import { SerialLog, type SerialVerbosity } from './uart/serial-log';
import type { WsClient } from './ws/host';

/** "WS Server Packet Pool": 20 480 bytes of 1024-byte packets. */
export const WS_POOL_PACKETS = 18;

export class BoardModel {
  readonly clock: BoardClock;
  readonly random: RandomSource;
  readonly host: string;
  readonly bootDelayMs: number;
  /** The replay's messages, instead of the generator's; a file path is opened by startBoard. */
  readonly replay: ReplaySource | undefined;
  readonly events = new BoardEmitter();
  readonly timers: TimerSet;
  readonly tick: TickClock;
  readonly serial: SerialLog;
  readonly leds = new Leds();
  readonly oled = new Oled();
  readonly memory: BoardMemory;
  readonly pool: PacketPool;
  readonly configuredPoolPackets: number;
  readonly temperature: DieTemperature;
  readonly generator: TelemetryGenerator;
  readonly clients = new Map<number, WsClient>();
  readonly telemetry: TelemetryLoop;

  profile: BoardProfile;
  verbosity: SerialVerbosity;
  telemetryMs: number;
  phase: BoardPhase = 'booting';
  stalled = false;
  telemetryCount = 0;
  /** Telemetry samples produced since boot: telemetryCount, times the batch size when batching. */
  telemetrySamples = 0;
  /** Samples per telemetry-batch frame (docs/telemetry-batch.md); undefined for the firmware's single messages. */
  batch: number | undefined;
  /** Mounted by the first boot that needs it, kept across reboots. */
  emmc: Emmc | undefined;

  private statePending = false;
  /** The full state (model and servers), set once control exists. */
  private stateSource: (() => BoardState) | undefined;

  constructor(private readonly options: BoardOptions) {
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? mathRandom;
    this.host = options.host ?? '127.0.0.1';
    this.bootDelayMs = options.bootDelayMs ?? 1500;
    const poolPackets = options.poolPackets ?? WS_POOL_PACKETS;
    const replay = options.replay;
    if (typeof replay === 'string')
      throw new RangeError('a replay file is opened by startBoard: give the model its source');
    this.replay = replay && (isReplaySource(replay) ? replay : scriptReplay(replay));
    if (this.replay) this.replay.onError ??= (message) => this.log(message);
    this.profile = options.profile ?? 'firmware';
    this.verbosity = options.serial ?? 'quiet';
    this.telemetryMs = checkPeriod(options.telemetryMs ?? 1000);
    if (this.replay && options.telemetryBatch !== undefined)
      throw new RangeError('a replay sends the recorded messages as they are: it cannot be batched');
    this.batch = checkBatch(options.telemetryBatch);

    this.timers = new TimerSet(this.clock);
    this.tick = new TickClock(
      this.clock,
      options.tickScale ?? 1,
      options.uptimeWrap ?? true,
      options.startTicks ?? 0,
    );
    this.serial = new SerialLog(this.clock);
    this.memory = options.memory ?? new BoardMemory();
    this.pool = this.memory.packetPool('ws')!;
    if (options.poolPackets !== undefined) this.pool.resize(poolPackets);
    this.configuredPoolPackets = this.pool.stats().total;
    if ((options.http || options.ftp) && !options.emmcDir)
      throw new RangeError('the HTTP and FTP servers need an eMMC directory (emmcDir)');
    this.temperature = new DieTemperature(this.random, options.ambientC ?? 24);
    this.generator = new TelemetryGenerator(this.random, this.temperature);

    this.serial.onLine((line) => {
      this.events.emit('uart-line', line);
      this.changed();
    });
    this.leds.onChange((l) => {
      this.events.emit('leds', l);
      this.changed();
    });
    this.oled.onChange((s) => {
      this.events.emit('oled', s);
      this.changed();
    });
    this.pool.onChange(this.changed);

    const source = this.replay;
    this.telemetry = new TelemetryLoop(
      this.clock,
      this.timers,
      this.sendTelemetry,
      this.tick.msForTicks(this.telemetryMs),
      source && (() => source.peek()?.gapMs),
    );
  }

  setStateSource(source: () => BoardState): void {
    this.stateSource = source;
  }

  /** Coalesces changes into one `state` event per turn of the event loop, only while someone listens. */
  readonly changed = (): void => {
    if (this.statePending || !this.events.has('state')) return;
    this.statePending = true;
    setImmediate(() => {
      this.statePending = false;
      if ((this.phase !== 'closed' || this.events.has('state')) && this.stateSource)
        this.events.emit('state', this.stateSource());
    });
  };

  readonly log = (text: string): void => this.events.emit('log', { time: this.clock.now(), text });

  readonly info = (c: WsClient): BoardClientInfo => ({
    id: c.id,
    remote: c.remote,
    profile: c.profile,
    since: c.since,
  });

  // Run-time loops on the tick clock.
  /** The next message and the samples it carries; undefined when a replay has none ready. */
  private nextTelemetry(): { text: string; samples: number } | undefined {
    const replay = this.replay;
    if (replay) {
      const step = replay.peek();
      replay.advance();
      return step;
    }
    // A served client keeps the network stack busy: a little extra die heat.
    this.temperature.load = Math.min(1, this.clients.size * 0.4);
    if (this.batch === undefined)
      return { text: telemetryText(this.generator.next(this.tick.uptimeSeconds())), samples: 1 };
    // N samples spread over the period that ends now; the last one is taken now, as a single message would be.
    const dtUs = batchOffsetsUs(this.batch, this.telemetryMs);
    const last = dtUs[dtUs.length - 1]!;
    const samples = dtUs.map((dt) =>
      this.generator.next(Math.floor(this.tick.ticksBefore((last - dt) / 1000) / 1000)),
    );
    return { text: telemetryBatchText(dtUs, samples), samples: this.batch };
  }

  private readonly sendTelemetry = (): void => {
    if (this.stalled) return;
    const next = this.nextTelemetry();
    if (!next) return;
    const text = next.text;
    this.telemetryCount++;
    this.telemetrySamples += next.samples;
    for (const c of this.clients.values()) c.send(text);
    if (this.options.poolStatus) {
      const space = this.emmc?.usage(); // the eMMC as FileX would report it (docs/pool-status.md "Storage")
      const status = this.memory.statusText(
        space && [{ name: 'eMMC', total: space.capacityBytes, free: space.freeBytes }],
      );
      for (const c of this.clients.values()) c.send(status);
    }
    this.events.emit('telemetry', { time: this.clock.now(), text });
    this.changed();
  };

  heartbeat(on: boolean): void {
    this.leds.set('green', on);
    this.timers.after(this.tick.msForTicks(on ? 10 : 500), () => this.heartbeat(!on));
  }

  delay(ms: number): Promise<void> {
    return new Promise<void>((r) => this.timers.after(ms, r));
  }
}

export function checkBatch(n: number | undefined): number | undefined {
  if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > MAX_TELEMETRY_BATCH))
    throw new RangeError(`telemetry batch must be 1–${MAX_TELEMETRY_BATCH} samples, not ${n}`);
  return n;
}

export function checkPeriod(ms: number): number {
  if (!Number.isFinite(ms) || ms < 1 || ms > 60_000)
    throw new RangeError(`telemetry period must be 1–60000 ms, not ${ms}`);
  return ms;
}
