import { describe, expect, it } from 'vitest';
import { bundleName, isBundleName, safePart, stamp } from './bundle-name';

describe('capture bundle names', () => {
  const t = Date.UTC(2026, 11, 7, 22, 15, 3, 456);

  it('names a bundle by UTC time, board and rule', () => {
    expect(stamp(t)).toBe('20261207-221503');
    expect(bundleName(t, 'bench-1', 'Temp high', () => false)).toBe('20261207-221503_bench-1_temp-high');
  });

  it('keeps only characters every file system takes', () => {
    expect(safePart('a/b\\c:d*e?f"g<h>i|j')).toBe('a-b-c-d-e-f-g-h-i-j');
    expect(safePart('Température > 85 °C.')).toBe('temperature-85-c');
    expect(safePart('..')).toBe('x');
    expect(safePart('   ')).toBe('x');
    expect(safePart('\u0000\u001f')).toBe('x');
    expect(safePart('CON')).toBe('con-');
    expect(safePart('lpt1')).toBe('lpt1-');
    expect(safePart('x'.repeat(200))).toHaveLength(40);
    expect(safePart(`${'a'.repeat(39)}-b`)).toBe('a'.repeat(39));
  });

  it('numbers a second bundle of the same second, board and rule', () => {
    const used = new Set(['20261207-221503_b_r', '20261207-221503_b_r-2']);
    expect(bundleName(t, 'b', 'r', (n) => used.has(n))).toBe('20261207-221503_b_r-3');
  });

  it('tells its own names from anything else in the folder', () => {
    expect(isBundleName(bundleName(t, 'virtual', 'Temp high', () => false))).toBe(true);
    expect(isBundleName('20261207-221503_b_r-12')).toBe(true);
    expect(isBundleName('../20261207-221503_b_r')).toBe(false);
    expect(isBundleName('.zip')).toBe(false);
    expect(isBundleName('20261207-221503_b')).toBe(false);
  });
});
