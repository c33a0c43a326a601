import { describe, expect, it } from 'vitest';
import { float32Text } from './float32';

describe('float32Text (shortest text that round-trips through float32)', () => {
  it('gives what the firmware meant for float32 values widened to double', () => {
    expect(float32Text(Math.fround(0.1))).toBe('0.1');
    expect(Math.fround(55.31)).toBe(55.310001373291016);
    expect(float32Text(55.310001373291016)).toBe('55.31');
    expect(float32Text(Math.fround(99.99))).toBe('99.99');
    expect(float32Text(73.209999084472656)).toBe('73.21');
    expect(float32Text(7.30999994277954)).toBe('7.31');
    expect(float32Text(Math.fround(0.01))).toBe('0.01');
  });

  it('reads back as the very same float32 for every value the firmware can send', () => {
    for (let r = 0; r < 10_000; r++) {
      const v = Math.fround(Math.fround(r) / Math.fround(100));
      const text = float32Text(v);
      expect(Math.fround(Number(text))).toBe(v);
      expect(text).toBe(String(r / 100));
    }
  });

  it('keeps integers, zero, negatives and large values plain', () => {
    expect(float32Text(42)).toBe('42');
    expect(float32Text(0)).toBe('0');
    expect(float32Text(-0)).toBe('0');
    expect(float32Text(100)).toBe('100');
    expect(float32Text(Math.fround(-12.34))).toBe('-12.34');
    expect(float32Text(16_777_216)).toBe('16777216');
    expect(float32Text(Math.fround(3.4e38))).toBe('3.4e+38');
  });

  it('gives a value that is no float32 by its own shortest double text, rounding nothing away', () => {
    expect(float32Text(55.31)).toBe('55.31');
    expect(float32Text(0.1)).toBe('0.1');
    expect(float32Text(1 / 3)).toBe(String(1 / 3));
  });

  it('refuses NaN and infinities', () => {
    expect(() => float32Text(NaN)).toThrow(RangeError);
    expect(() => float32Text(Infinity)).toThrow(RangeError);
    expect(() => float32Text(-Infinity)).toThrow(RangeError);
  });
});
