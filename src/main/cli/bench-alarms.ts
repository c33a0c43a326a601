// `npm run bench -- alarms [--rules 200] [--boards 20] [--rate 100] [--seconds 60] [--any 20] [--realtime]`: what
// the alarm rule engine costs the core. Simulated boards (bench-alarms-feed.ts) send `rate` telemetry messages a
// second each, a pool-status each second, and now and then drop their link or restart; the engine is ticked every
// 250 ms as the alarm service does. Each simulated second's input is made first, then fed to the engine with the
// CPU time (process.cpuUsage) counted around the feeding only, so making the data is not charged to the engine.
// By default the simulated time is replayed as fast as it goes; --realtime feeds it on a 10 ms timer instead.
// corePct is the engine's CPU time per simulated second as a share of one core (the target is ≤ 5 %).
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { PoolStatus } from '../../shared/protocol/pool-status';
import { AlarmEngine } from '../core/alarms/engine';
import { numberFlag, parseFlags } from './args';
import { benchRules, boardId, SimBoard } from './bench-alarms-feed';

const TICK_MS = 250;
const T0 = 1_700_000_000_000;

type Input =
  | {
      readonly kind: 'telemetry';
      readonly board: string;
      readonly t: number;
      readonly data: Record<string, number>;
    }
  | { readonly kind: 'link'; readonly board: string; readonly t: number; readonly open: boolean }
  | { readonly kind: 'reboot'; readonly board: string; readonly t: number }
  | { readonly kind: 'pools'; readonly board: string; readonly t: number; readonly status: PoolStatus }
  | { readonly kind: 'tick'; readonly t: number };

interface Config {
  readonly rules: number;
  readonly boards: number;
  readonly rate: number;
  readonly any: number;
}

/** The engine, its simulated boards and what was measured. */
class World {
  readonly engine: AlarmEngine;
  private readonly sims: SimBoard[];
  private readonly periodMs: number;
  private step = 0;
  transitions = 0;
  messages = 0;
  cpuUs = 0;
  /** Each telemetry call's time, µs. */
  readonly perMessage: Float64Array;

  constructor(
    private readonly cfg: Config,
    simSeconds: number,
  ) {
    this.periodMs = 1000 / cfg.rate;
    this.engine = new AlarmEngine({
      rules: benchRules(cfg.rules, cfg.boards, cfg.any),
      onTransition: () => this.transitions++,
    });
    this.sims = Array.from({ length: cfg.boards }, (_, i) => new SimBoard(boardId(i), 1000 + i, T0));
    for (const sim of this.sims) {
      this.engine.addBoard({ id: sim.id, name: sim.id }, T0);
      this.engine.link(sim.id, T0, true);
    }
    this.perMessage = new Float64Array(Math.ceil(simSeconds * cfg.rate * cfg.boards) + cfg.boards);
  }

  /** The input of the telemetry periods up to simulated time `until` (ms after the start), in order. */
  make(until: number): Input[] {
    const inputs: Input[] = [];
    const periodS = this.periodMs / 1000;
    for (; (this.step + 1) * this.periodMs <= until; this.step++) {
      const t = T0 + (this.step + 1) * this.periodMs;
      const prevT = t - this.periodMs;
      for (const sim of this.sims) {
        if (sim.downUntil > prevT && sim.downUntil <= t)
          inputs.push({ kind: 'link', board: sim.id, t, open: true });
        if (sim.maybeDrop(t, periodS)) inputs.push({ kind: 'link', board: sim.id, t, open: false });
        if (t < sim.downUntil) continue;
        if (sim.maybeReboot(t, periodS)) inputs.push({ kind: 'reboot', board: sim.id, t });
        inputs.push({ kind: 'telemetry', board: sim.id, t, data: sim.telemetry(t, periodS) });
        if (Math.floor(t / 1000) !== Math.floor(prevT / 1000))
          inputs.push({ kind: 'pools', board: sim.id, t, status: sim.pools() });
      }
      if (Math.floor(t / TICK_MS) !== Math.floor(prevT / TICK_MS)) inputs.push({ kind: 'tick', t });
    }
    return inputs;
  }

  /** Feeds the input to the engine, counting the CPU time and each telemetry message's time. */
  feed(inputs: readonly Input[]): void {
    const { engine } = this;
    const cpu0 = process.cpuUsage();
    for (const input of inputs) {
      switch (input.kind) {
        case 'telemetry': {
          const s = performance.now();
          engine.telemetry(input.board, input.t, input.data);
          if (this.messages < this.perMessage.length)
            this.perMessage[this.messages] = (performance.now() - s) * 1000;
          this.messages++;
          break;
        }
        case 'link':
          engine.link(input.board, input.t, input.open);
          break;
        case 'reboot':
          engine.reboot(input.board, input.t);
          break;
        case 'pools':
          engine.pools(input.board, input.t, input.status);
          break;
        case 'tick':
          engine.tick(input.t);
          break;
      }
    }
    const cpu = process.cpuUsage(cpu0);
    this.cpuUs += cpu.user + cpu.system;
  }

  /** Replays `seconds` of simulated time as fast as it goes, one simulated second at a time. */
  replay(seconds: number): void {
    for (let s = 1; s <= seconds; s++) this.feed(this.make(s * 1000));
  }

  /** Feeds `seconds` in real time: each 10 ms, what is due. */
  async realtime(seconds: number): Promise<number> {
    const started = performance.now();
    await new Promise<void>((done) => {
      const timer = setInterval(() => {
        const elapsed = Math.min(seconds * 1000, performance.now() - started);
        this.feed(this.make(elapsed));
        if (elapsed >= seconds * 1000) {
          clearInterval(timer);
          done();
        }
      }, 10);
    });
    return performance.now() - started;
  }

  pairs(): number {
    const any = Math.min(this.cfg.any, this.cfg.rules);
    return any * this.cfg.boards + (this.cfg.rules - any);
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export async function benchAlarms(argv: string[]): Promise<Record<string, unknown>> {
  const f = parseFlags(argv, {
    rules: { type: 'string' },
    boards: { type: 'string' },
    rate: { type: 'string' },
    seconds: { type: 'string' },
    any: { type: 'string' },
    realtime: { type: 'boolean' },
  });
  const cfg: Config = {
    rules: numberFlag('rules', f.rules, 200, 1, 500),
    boards: numberFlag('boards', f.boards, 20, 1, 200),
    rate: numberFlag('rate', f.rate, 100, 1, 1000),
    any: numberFlag('any', f.any, 20, 0, 500),
  };
  const seconds = numberFlag('seconds', f.seconds, 60, 1, 3600);
  // Warm the JIT on a world of its own first, so the figure is the steady cost.
  new World(cfg, 5).replay(5);
  const world = new World(cfg, seconds);
  const wallMs = f.realtime ? await world.realtime(seconds) : undefined;
  if (!f.realtime) world.replay(seconds);
  const times = world.perMessage.slice(0, Math.min(world.messages, world.perMessage.length)).sort();
  const cpuMs = world.cpuUs / 1000;
  const cpuMsPerSimSecond = cpuMs / seconds;
  return {
    rules: cfg.rules,
    boards: cfg.boards,
    rateHz: cfg.rate,
    ruleBoardPairs: world.pairs(),
    mode: f.realtime ? 'realtime' : 'replay',
    simulatedSeconds: seconds,
    ...(wallMs !== undefined ? { wallMs: Math.round(wallMs) } : {}),
    messages: world.messages,
    transitions: world.transitions,
    activeAtEnd: world.engine.active().length,
    cpuMs: round(cpuMs, 1),
    cpuMsPerSimSecond: round(cpuMsPerSimSecond, 2),
    corePct: round(cpuMsPerSimSecond / 10, 2),
    p50MessageUs: round(percentile(times, 0.5), 2),
    p99MessageUs: round(percentile(times, 0.99), 2),
    maxMessageUs: round(percentile(times, 1), 1),
    loadAvg1m: round(loadavg()[0]!, 2),
    cpus: cpus().length,
  };
}
