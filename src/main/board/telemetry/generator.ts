import type { RandomSource } from '../clock';
import { cjsonNumber } from './cjson-number';

/** Die temperature model: warm-up from ambient, a load term, noise and decaying spikes; integer °C like the DTS. */
export class DieTemperature {
  private spike = 0;
  private spikeAt = 0;

  constructor(
    private readonly random: RandomSource,
    /** Ambient °C at power-on. */
    public ambient = 24,
    /** Rise above ambient when fully warm (°C). */
    public rise = 19,
    /** Warm-up time constant (s). */
    public tau = 90,
    /** Extra load 0–1 (e.g. a busy link). */
    public load = 0,
  ) {}

  /** Adds `deltaC` that decays with a 20 s time constant from `uptimeS`. */
  addSpike(deltaC: number, uptimeS: number): void {
    this.spike = this.spikeNow(uptimeS) + deltaC;
    this.spikeAt = uptimeS;
  }

  private spikeNow(uptimeS: number): number {
    return this.spike * Math.exp(-(uptimeS - this.spikeAt) / 20);
  }

  /** `DTS_ReadTemperature()` at `uptimeS` seconds after boot. */
  read(uptimeS: number): number {
    const warm = this.ambient + this.rise * (1 - Math.exp(-uptimeS / this.tau)) + 6 * this.load;
    const noise = ((this.random() % 1001) / 1000 - 0.5) * 1.4;
    return Math.round(warm + noise + this.spikeNow(uptimeS));
  }
}

/** The firmware telemetry thread's values (`ws_telemetry.c`). */
export interface TelemetryValues {
  readonly junctionTemp: number;
  readonly randomFloat: number;
  readonly randomInt: number;
  readonly uptime: number;
}

/** One telemetry cycle after another: the 25 % change rule with r & 3, values starting at 0. */
export class TelemetryGenerator {
  private randomFloat = 0;
  private randomInt = 0;

  constructor(
    private readonly random: RandomSource,
    readonly temperature: DieTemperature,
  ) {}

  /** Back to the power-on values. */
  reset(): void {
    this.randomFloat = 0;
    this.randomInt = 0;
  }

  /** Runs one cycle of the loop body and returns the values it sends. */
  next(uptime: number): TelemetryValues {
    const junctionTemp = this.temperature.read(uptime);
    if ((this.random() & 3) === 0) this.randomFloat = Math.fround(Math.fround(this.random() % 10000) / 100);
    if ((this.random() & 3) === 0) this.randomInt = this.random() % 1001;
    return { junctionTemp, randomFloat: this.randomFloat, randomInt: this.randomInt, uptime };
  }
}

/** The exact text cJSON_PrintUnformatted makes of the telemetry object. */
export function telemetryText(v: TelemetryValues): string {
  return (
    `{"type":"telemetry","data":{"junctionTemp":${cjsonNumber(v.junctionTemp)},"randomFloat":${cjsonNumber(v.randomFloat)},` +
    `"randomInt":${cjsonNumber(v.randomInt)},"uptime":${cjsonNumber(v.uptime)}}}`
  );
}

/** The exact `led-status` text (docs/firmware-protocol.md §4.1). */
export function ledStatusText(yellowLed: boolean, redLed: boolean): string {
  return `{"type":"led-status","data":{"yellowLed":${yellowLed},"redLed":${redLed}}}`;
}
