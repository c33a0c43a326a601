import { describe, expect, it } from 'vitest';
import { clockTime, connectionName } from './format';

describe('frame log wording', () => {
  it('reads a time as a clock time with its sub-millisecond digits, and no unit after it', () => {
    const t = new Date(2026, 11, 7, 14, 29, 27, 973).getTime() + 0.418;
    expect(clockTime(t)).toBe('14:29:27.973');
    expect(clockTime(t, true)).toBe('14:29:27.973 418');
    expect(clockTime(Math.floor(t), true)).toBe('14:29:27.973 000');
  });

  it("names a connection by its board and its number, never by the link's internal id", () => {
    expect(connectionName('Bench B', 4)).toBe('Bench B · link 4');
    expect(connectionName('Bench B', 0)).toBe('Bench B');
  });
});
