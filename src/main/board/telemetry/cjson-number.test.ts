import { describe, expect, it } from 'vitest';
import { cjsonNumber, formatG } from './cjson-number';

describe('cJSON number printing', () => {
  it('prints float32 values widened to double like the firmware', () => {
    expect(cjsonNumber(Math.fround(73.21))).toBe('73.209999084472656');
    expect(cjsonNumber(Math.fround(12.34))).toBe('12.340000152587891');
    expect(cjsonNumber(Math.fround(7.31))).toBe('7.30999994277954');
    expect(cjsonNumber(Math.fround(42.5))).toBe('42.5');
    expect(cjsonNumber(Math.fround(0.5))).toBe('0.5');
    expect(cjsonNumber(0)).toBe('0');
    expect(cjsonNumber(42)).toBe('42');
  });

  it('matches C %g exponent rules', () => {
    expect(formatG(1e-5, 15)).toBe('1.00000000000000e-05'.replace(/\.?0+e/, 'e'));
    expect(formatG(1.5e20, 15)).toBe('1.5e+20');
    expect(formatG(0.0001, 15)).toBe('0.0001');
    expect(cjsonNumber(3e9)).toBe('3000000000');
    expect(cjsonNumber(NaN)).toBe('null');
  });

  it('about 70 % of the 10 000 randomFloat values need 17 digits (relative-epsilon compare of cJSON)', () => {
    let long = 0;
    for (let i = 0; i < 10000; i++) {
      const v = Math.fround(i / 100);
      if (cjsonNumber(v) !== formatG(v, 15)) long++;
    }
    expect(long / 10000).toBeGreaterThan(0.65);
    expect(long / 10000).toBeLessThan(0.75);
  });
});
