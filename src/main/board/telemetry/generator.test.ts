import { describe, expect, it } from 'vitest';
import { seededRandom } from '../clock';
import { DieTemperature, TelemetryGenerator, ledStatusText, telemetryText } from './generator';

describe('telemetry generator', () => {
  it('starts at 0 and changes a value only when r & 3 == 0', () => {
    const draws = [1, 2, 0, 123456, 4, 1000];
    let i = 0;
    const rnd = () => draws[i++ % draws.length]!;
    const temp = { read: () => 42 } as unknown as DieTemperature;
    const g = new TelemetryGenerator(rnd, temp);
    // cycle 1: float draw 1 (no change), int draw 2 (no change)
    expect(g.next(1)).toEqual({ junctionTemp: 42, randomFloat: 0, randomInt: 0, uptime: 1 });
    // cycle 2: float draw 0 → value from 123456 % 10000 = 3456 → 34.56f; int draw 4 → 1000 % 1001
    const v = g.next(2);
    expect(v.randomFloat).toBe(Math.fround(34.56));
    expect(v.randomInt).toBe(1000);
  });

  it('prints the firmware texts', () => {
    expect(ledStatusText(false, false)).toBe(
      '{"type":"led-status","data":{"yellowLed":false,"redLed":false}}',
    );
    expect(ledStatusText(false, false)).toHaveLength(63);
    expect(
      telemetryText({ junctionTemp: 42, randomFloat: Math.fround(73.21), randomInt: 456, uptime: 12345 }),
    ).toBe(
      '{"type":"telemetry","data":{"junctionTemp":42,"randomFloat":73.209999084472656,"randomInt":456,"uptime":12345}}',
    );
  });

  it('warms up from ambient into the typical DTS range', () => {
    const t = new DieTemperature(seededRandom(3), 24);
    expect(Math.abs(t.read(0) - 24)).toBeLessThanOrEqual(1);
    const warm = Array.from({ length: 50 }, (_, i) => t.read(600 + i));
    expect(Math.min(...warm)).toBeGreaterThanOrEqual(35);
    expect(Math.max(...warm)).toBeLessThanOrEqual(60);
    expect(warm.every(Number.isInteger)).toBe(true);
    t.addSpike(20, 700);
    expect(t.read(700)).toBeGreaterThan(55);
  });
});
