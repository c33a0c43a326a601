// What `npm run bench -- alarms` feeds the rule engine: a lab's worth of rules (every kind, some for every board,
// most for one) and firmware-like boards (the telemetry fields of ws_telemetry.c: an integer die temperature that
// warms up and spikes now and then, randomFloat, randomInt, uptime), with a pool-status each second, a reboot and a
// dropped link now and then. Seeded, so two runs feed the same data. The rules are set as a lab would set them:
// a minimum duration where the signal is noisy (an integer temperature's rate, a random value's band), so the
// alarms raised are events rather than noise.
import { alarmRuleSchema, type AlarmRule, type AlarmRuleInput } from '../../shared/alarms/rules';
import type { PoolStatus } from '../../shared/protocol/pool-status';

/** A small fast seeded generator (mulberry32): the same numbers every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const boardId = (i: number) => `board-${i + 1}`;

/** One rule of each kind in turn; the first `anyBoard` rules watch every board, the rest one board each. */
export function benchRules(count: number, boards: number, anyBoard: number): AlarmRule[] {
  const rules: AlarmRule[] = [];
  for (let i = 0; i < count; i++) {
    const base = { id: `r${i}`, name: `Rule ${i}`, board: i < anyBoard ? '*' : boardId(i % boards) };
    const k = i % 10;
    const input: AlarmRuleInput =
      k <= 3
        ? {
            ...base,
            kind: 'threshold',
            series: 'junctionTemp',
            above: 50 + (i % 7),
            hysteresis: 1,
            forS: (i % 3) / 2,
          }
        : k === 4
          ? { ...base, kind: 'threshold', series: 'randomFloat', below: 2, above: 98, hysteresis: 1, forS: 1 }
          : k === 5
            ? { ...base, kind: 'threshold', series: 'randomInt', above: 995, forS: 0.2 }
            : k === 6
              ? { ...base, kind: 'rate', series: 'junctionTemp', perS: 3, windowS: 5, forS: 1 }
              : k === 7
                ? { ...base, kind: 'rate', series: 'uptime', perS: 2, windowS: 2 }
                : k === 8
                  ? i % 20 === 8
                    ? { ...base, kind: 'stale', afterS: 2 }
                    : { ...base, kind: 'link', afterS: 5 }
                  : i % 20 === 9
                    ? { ...base, kind: 'reboot', holdS: 10 }
                    : { ...base, kind: 'pool', abovePct: 90, failures: true, holdS: 10 };
    rules.push(alarmRuleSchema.parse(input));
  }
  return rules;
}

/** One simulated board: its telemetry at `rateHz`, its pools, and now and then a spike, a reboot, a dropped link. */
export class SimBoard {
  private readonly random: () => number;
  private bootT: number;
  private spike = 0;
  private randomFloat = 0;
  private randomInt = 0;
  private failures = 0;
  /** Until when the link is down (no telemetry), ms. */
  downUntil = -Infinity;

  constructor(
    readonly id: string,
    seed: number,
    t0: number,
  ) {
    this.random = seeded(seed);
    this.bootT = t0 - this.random() * 600_000;
  }

  /** A telemetry message's data at `t` (as the pipeline hands it on: a fresh parsed object). */
  telemetry(t: number, periodS: number): Record<string, number> {
    const r = this.random;
    const uptimeS = (t - this.bootT) / 1000;
    if (r() < periodS / 30) this.spike += 15 + r() * 30; // a spike about every 30 s
    this.spike *= Math.exp(-periodS / 8);
    if (r() < 0.25) this.randomFloat = Math.round(r() * 10000) / 100;
    if (r() < 0.25) this.randomInt = Math.floor(r() * 1001);
    const warm = 24 + 19 * (1 - Math.exp(-uptimeS / 90));
    return {
      junctionTemp: Math.round(warm + (r() - 0.5) * 1.4 + this.spike),
      randomFloat: this.randomFloat,
      randomInt: this.randomInt,
      uptime: Math.floor(uptimeS),
    };
  }

  /** A restart about every 10 minutes: true when it restarts now (its uptime starts over). */
  maybeReboot(t: number, periodS: number): boolean {
    if (this.random() >= periodS / 600) return false;
    this.bootT = t;
    this.failures = 0;
    return true;
  }

  /** The link drops about every 5 minutes, for 3 to 10 s: true when it drops now. */
  maybeDrop(t: number, periodS: number): boolean {
    if (t < this.downUntil || this.random() >= periodS / 300) return false;
    this.downUntil = t + 3000 + this.random() * 7000;
    return true;
  }

  pools(): PoolStatus {
    const r = this.random;
    if (r() < 0.02) this.failures++;
    const mainFree = Math.floor(r() * 60);
    return {
      packetPools: [
        { name: 'NetX Main Packet Pool', payload: 1536, total: 60, free: mainFree, failures: this.failures },
        {
          name: 'WS Server Packet Pool',
          payload: 1024,
          total: 18,
          free: 16 + Math.floor(r() * 3),
          failures: 0,
        },
      ],
      bytePools: [
        {
          name: 'Tx App memory pool',
          size: 512_000,
          available: 500_000 - Math.floor(r() * 4000),
          fragments: 6,
        },
      ],
    };
  }
}
