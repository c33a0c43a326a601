import { describe, expect, it } from 'vitest';
import { RebootWatch } from './reboot-watch';

/** Feeds `w` one uptime a second from `from` s, received at `t0` + 1 s each (with `jitter(i)` ms added). */
function run(w: RebootWatch, t0: number, from: number, n: number, jitter = (_i: number) => 0) {
  const seen = [];
  for (let i = 0; i < n; i++) {
    const r = w.see(t0 + 1000 * i + jitter(i), from + i);
    if (r) seen.push(r);
  }
  return seen;
}

describe('the reboot rule', () => {
  it('sees nothing in a board that just runs', () => {
    const w = new RebootWatch();
    expect(run(w, 0, 0, 100)).toEqual([]);
  });

  it('sees a reboot when the uptime goes back', () => {
    const w = new RebootWatch();
    run(w, 0, 100, 5);
    expect(w.see(5000, 1)).toMatchObject({
      t: 5000,
      from: 104,
      to: 1,
      detail: 'uptime went from 104 s to 1 s',
    });
  });

  it('sees a board rebooted a few seconds after it started, back with an uptime past its old one', () => {
    const w = new RebootWatch();
    run(w, 0, 0, 4); // uptimes 0..3, the last at 3 s
    // It reboots at once; the link drops, the board boots for 4.5 s and the link finds it again at 8 s.
    w.linkChanged();
    w.linkChanged();
    const r = w.see(8000, 4);
    expect(r).toMatchObject({ t: 8000, from: 3, to: 4 });
    expect(r!.detail).toBe(
      'uptime is 4 s where 8.0 s was expected (3 s 5.0 s before): the board restarted while the link was down',
    );
    // And it runs on from there without another.
    expect(run(w, 9000, 5, 10)).toEqual([]);
  });

  it('sees no reboot in a board that stalled and resumed, the link dropped meanwhile', () => {
    const w = new RebootWatch();
    run(w, 0, 10, 5); // 10..14 s, the last at 4 s
    w.linkChanged();
    w.linkChanged();
    // 20 s later, the uptime is the last one plus the time elapsed (rounded down, as the board counts).
    expect(w.see(24_000, 34)).toBeUndefined();
    expect(w.see(24_900, 34)).toBeUndefined();
    expect(run(w, 26_000, 36, 5)).toEqual([]);
  });

  it('sees no reboot in messages held up on a live link (they arrive late, below the expected uptime)', () => {
    const w = new RebootWatch();
    run(w, 0, 10, 5);
    // The bench was busy for 6 s: the messages of those seconds arrive together.
    for (let u = 15; u <= 20; u++) expect(w.see(10_000, u)).toBeUndefined();
  });

  it('sees no reboot in receipt jitter and the uptime rounded to whole seconds, also across reconnects', () => {
    const w = new RebootWatch();
    // ±900 ms on every receipt, reconnecting every 7 messages.
    const jitter = (i: number) => (i % 2 ? 900 : -900);
    let t = 0;
    for (let k = 0; k < 20; k++) {
      expect(run(w, t, k * 7, 7, jitter)).toEqual([]);
      w.linkChanged();
      t += 7000;
    }
  });

  it('takes a slow telemetry period into the slack', () => {
    const w = new RebootWatch();
    for (let i = 0; i < 10; i++) w.see(i * 5000, i * 5); // a message every 5 s
    w.linkChanged();
    // 4 s below the expected 50 s: within 2 s + 5 s (beyond 2 s + 1 s, the slack of a 1 s period).
    expect(w.see(50_000, 46)).toBeUndefined();
    const fast = new RebootWatch();
    for (let i = 0; i < 10; i++) fast.see(i * 1000, i);
    fast.linkChanged();
    expect(fast.see(14_000, 10)).toMatchObject({ from: 9, to: 10 });
  });
});
