import { describe, expect, it } from 'vitest';
import { formatSpan } from './run-words';

describe('formatSpan', () => {
  it('reads a run length at a glance, from under a second to hours', () => {
    expect(formatSpan(350)).toBe('0.35 s');
    expect(formatSpan(12_440)).toBe('12.4 s');
    expect(formatSpan(252_000)).toBe('4 min 12 s');
    expect(formatSpan(7_500_000)).toBe('2 h 05 min');
    expect(formatSpan(-1)).toBe('—');
  });
});
