import { describe, expect, it } from 'vitest';
import type { SerialLine } from '../../../../shared/bridge/contracts/serial';
import { matchLabel, searchMatches } from './search-matches';

describe('the Serial page search', () => {
  it('counts matches in words before one is chosen, and says which one after', () => {
    expect(matchLabel(5, -1)).toBe('5 matches');
    expect(matchLabel(1, -1)).toBe('1 match');
    expect(matchLabel(5, 1)).toBe('2 of 5');
    expect(matchLabel(3, 7)).toBe('3 of 3'); // a chosen match past the end (lines dropped) reads as the last
    expect(matchLabel(0, -1)).toBe('no matches');
  });

  it('finds received lines only, not the separators', () => {
    const lines: SerialLine[] = [
      { seq: 1, t: 0, text: '/dev/pts/4 opened', mark: 'opened' },
      { seq: 2, t: 0, text: 'WS: Yellow LED ON' },
      { seq: 3, t: 0, text: 'read /dev/pts/4' },
    ];
    expect(searchMatches(lines, 'pts', false)).toEqual([3]);
    expect(searchMatches(lines, 'yellow', false)).toEqual([2]);
    expect(searchMatches(lines, '', false)).toEqual([]);
  });
});
