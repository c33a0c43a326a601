import { describe, expect, it } from 'vitest';
import { beforeRunWords, reachWords, spanWords } from './reach-words';

const now = 1_765_100_000_000;
const min = 60_000;

describe('reach words', () => {
  it('says how far back the history goes and where it comes from', () => {
    expect(reachWords({ memoryFrom: now - 10 * min, fileFrom: now - 192 * min, recorded: true }, now)).toBe(
      "history: 3 h 12 min (10 min in memory, the rest from this run's session file)",
    );
    expect(reachWords({ memoryFrom: now - 4 * min, fileFrom: now - 4 * min, recorded: true }, now)).toBe(
      'history: 4 min, all in memory',
    );
    expect(reachWords({ memoryFrom: now - 10 * min, fileFrom: null, recorded: false }, now)).toBe(
      'history: 10 min (only what is in memory: this run is not being recorded)',
    );
    expect(reachWords({ memoryFrom: null, fileFrom: null, recorded: false }, now)).toBeUndefined();
    expect(spanWords(45_000)).toBe('45 s');
  });

  it('says when a window lies before the run', () => {
    const reach = { memoryFrom: now - min, fileFrom: now - 30 * min, recorded: true };
    expect(beforeRunWords(now - 40 * min, now - 31 * min, reach)).toMatch(
      /^before this run began \(\d\d:\d\d:\d\d\): nothing recorded then$/,
    );
    expect(beforeRunWords(now - 60 * min, now, reach)).toMatch(/^this run began at \d\d:\d\d:\d\d$/);
    expect(beforeRunWords(now - 29 * min, now, reach)).toBeUndefined();
    expect(
      beforeRunWords(now - 3 * min, now - 2 * min, {
        memoryFrom: now - min,
        fileFrom: null,
        recorded: false,
      }),
    ).toMatch(/^older than the history in memory .*this run is not recorded$/);
  });
});
