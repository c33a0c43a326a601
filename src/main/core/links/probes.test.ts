import { describe, expect, it, vi } from 'vitest';
import { PeriodicProbe, type ProbeState } from './probes';

/** Lets the probe's awaited promise settle (one turn of the event loop, no timer). */
const settle = () => new Promise((r) => setImmediate(r));

/** A probe whose runs the test settles one by one. */
function controlled() {
  const runs: Array<{ ok: () => void; fail: (why: string) => void }> = [];
  const fn = () =>
    new Promise<string>((resolve, reject) =>
      runs.push({ ok: () => resolve('answered'), fail: (why) => reject(new Error(why)) }),
    );
  return { runs, fn };
}

describe('PeriodicProbe', () => {
  it('checks again at once when kicked, instead of at its next period', async () => {
    const { runs, fn } = controlled();
    const states: ProbeState['kind'][] = [];
    const probe = new PeriodicProbe(fn, 60_000, (s) => states.push(s.kind));
    probe.start();
    runs[0]!.fail('refused');
    await settle();
    expect(states.includes('failed')).toBe(true);
    probe.kick();
    expect(runs).toHaveLength(2);
    runs[1]!.ok();
    await settle();
    expect(states.at(-1) === 'open').toBe(true);
    probe.stop();
  });

  it('runs once more right after a check that was running when kicked', async () => {
    const { runs, fn } = controlled();
    const states: ProbeState['kind'][] = [];
    const probe = new PeriodicProbe(fn, 60_000, (s) => states.push(s.kind));
    probe.start();
    probe.kick(); // the board just came back while the first check (started before) is still out
    expect(runs).toHaveLength(1);
    runs[0]!.fail('refused');
    await settle();
    expect(runs.length === 2).toBe(true);
    runs[1]!.ok();
    await settle();
    expect(states.at(-1) === 'open').toBe(true);
    probe.kick();
    probe.stop();
    expect(states).toEqual(['connecting', 'failed', 'open', 'idle']);
  });

  it('checks every second while the board is away, for as long as the watch lasts, then at its period', async () => {
    vi.useFakeTimers();
    try {
      const { runs, fn } = controlled();
      const probe = new PeriodicProbe(fn, 60_000, () => {}, Date.now, { everyMs: 1000, forMs: 3000 });
      probe.start();
      runs[0]!.fail('refused');
      await vi.advanceTimersByTimeAsync(1000);
      expect(runs).toHaveLength(2);
      runs[1]!.fail('refused');
      await vi.advanceTimersByTimeAsync(1000);
      runs[2]!.fail('refused');
      await vi.advanceTimersByTimeAsync(1000);
      expect(runs).toHaveLength(4);
      runs[3]!.fail('refused'); // three seconds away: the watch is over
      await vi.advanceTimersByTimeAsync(59_000);
      expect(runs).toHaveLength(4);
      await vi.advanceTimersByTimeAsync(1000);
      expect(runs).toHaveLength(5);
      runs[4]!.ok();
      await vi.advanceTimersByTimeAsync(1000);
      expect(runs).toHaveLength(5); // answering: back to its period
      probe.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
