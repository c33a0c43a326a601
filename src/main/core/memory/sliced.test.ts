import { setImmediate as turn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Steps } from '../../../shared/memory/steps';
import { runSliced } from './sliced';

/** Ten steps of work, each advancing a fake clock by 10 ms, with a log of what ran. */
function* work(log: string[], clock: { t: number }): Steps<string> {
  for (let i = 0; i < 10; i++) {
    clock.t += 10;
    log.push(`step ${i}`);
    yield;
  }
  return 'done';
}

describe('runSliced', () => {
  it('gives the event loop a turn after each slice, so others are served before the work ends', async () => {
    const log: string[] = [];
    const clock = { t: 0 };
    const result = runSliced(work(log, clock), 20, () => clock.t);
    // Another client's request, as it would arrive while the import runs.
    void turn().then(() => log.push('other'));
    expect(await result).toBe('done');
    const other = log.indexOf('other');
    expect(other).toBeGreaterThan(0);
    expect(other).toBeLessThan(log.length - 1);
    // 20 ms slices of 10 ms steps: two steps, a turn (queued before the other request's), two steps, a turn.
    expect(log.slice(0, 5)).toEqual(['step 0', 'step 1', 'step 2', 'step 3', 'other']);
  });

  it('passes on what the work throws', async () => {
    function* failing(): Steps<never> {
      yield;
      throw new Error('line 3: bad');
    }
    await expect(runSliced(failing())).rejects.toThrow('line 3: bad');
  });
});
