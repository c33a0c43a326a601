import { describe, expect, it } from 'vitest';
import { RateWindow } from './rate-window';

describe('RateWindow', () => {
  it('gives (v − v₀)/(t − t₀) against the newest sample at least the window old, NaN before', () => {
    const w = new RateWindow(1000);
    expect(w.push(0, 0)).toBeNaN();
    expect(w.push(500, 10)).toBeNaN();
    expect(w.push(1000, 20)).toBe(20); // (20 − 0) / 1 s
    expect(w.push(1600, 20)).toBeCloseTo(10 / 1.1, 9); // base (500, 10)
  });

  it('keeps at most 514 samples at any rate, the base at most windowS/512 late', () => {
    const w = new RateWindow(5000);
    let rate = NaN;
    for (let t = 0; t <= 60_000; t += 0.5) rate = w.push(t, t * 0.002); // 2/s, 2 kHz
    expect(w.size).toBeLessThanOrEqual(514);
    expect(rate).toBeCloseTo(2, 9);
    // A step: the base is the sample at or before t − 5 s, even with samples skipped.
    const step = new RateWindow(5000);
    for (let t = 0; t <= 10_000; t += 1) step.push(t, t < 5005 ? 0 : 100);
    const r = step.push(10_001, 100);
    // Base: a kept sample in [5001 − 5000/512, 5001], so Δt is 5 s to 5.01 s.
    expect(r).toBeGreaterThanOrEqual(100 / 5.01);
    expect(r).toBeLessThanOrEqual(100 / 5);
  });

  it('starts over when the clock goes back', () => {
    const w = new RateWindow(1000);
    w.push(5000, 0);
    w.push(6000, 100);
    expect(w.push(1000, 100)).toBeNaN();
    expect(w.size).toBe(1);
  });
});
