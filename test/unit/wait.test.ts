import { afterEach, describe, expect, it, vi } from 'vitest';
import { until } from '../support/wait';

describe('until, the tests’ one polling helper', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('returns the first truthy value of a sync or async probe', async () => {
    let n = 0;
    expect(await until(() => ++n >= 3 && n, 'three probes')).toBe(3);
    let m = 0;
    expect(await until(async () => (++m >= 2 ? 'ready' : undefined), 'an async probe')).toBe('ready');
  });

  it('names what it waited for, and for how long, when it gives up', async () => {
    await expect(until(() => false, 'the board to boot', 30)).rejects.toThrow(
      'timed out after 30 ms waiting for the board to boot',
    );
  });

  it('keeps polling on real time while the test has faked the timers and the clock', async () => {
    vi.useFakeTimers();
    let ready = false;
    void Promise.resolve().then(() => (ready = true));
    expect(await until(() => ready, 'a microtask', 1000)).toBe(true);
    await expect(until(() => false, 'nothing', 30)).rejects.toThrow(/timed out after 30 ms/);
  });
});
