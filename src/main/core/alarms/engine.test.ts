import { describe, expect, it } from 'vitest';
import { AlarmRig } from '../../../../test/support/alarm-rig';

const hot = { id: 'hot', name: 'Hot', kind: 'threshold', series: 'junctionTemp', above: 85 } as const;

describe('AlarmEngine: threshold', () => {
  it('raises above the limit with a record that says what was seen, and clears after recovery', () => {
    const rig = new AlarmRig([{ ...hot, severity: 'critical' }]);
    rig.feed([80, 84, 85], 100);
    expect(rig.transitions).toEqual([]);
    rig.feed([91], 100);
    const raisedAt = rig.now;
    expect(rig.log()).toEqual(['raised b1/hot']);
    expect(rig.last().alarm).toEqual({
      id: `b1/hot/${raisedAt}`,
      ruleId: 'hot',
      ruleName: 'Hot',
      ruleKind: 'threshold',
      severity: 'critical',
      boardId: 'b1',
      boardName: 'Board 1',
      raisedAt,
      value: 91,
      subject: 'junctionTemp',
      message: 'junctionTemp 91 above 85',
    });
    expect(rig.engine.active().map((a) => a.id)).toEqual([`b1/hot/${raisedAt}`]);
    rig.feed([90, 86], 100);
    expect(rig.transitions).toHaveLength(1);
    rig.feed([84], 100);
    expect(rig.log()).toEqual(['raised b1/hot', 'cleared b1/hot']);
    expect(rig.last().alarm).toMatchObject({
      id: `b1/hot/${raisedAt}`,
      raisedAt,
      clearedAt: rig.now,
      value: 91,
    });
    expect(rig.engine.active()).toEqual([]);
  });

  it('with hysteresis clears only once back inside by the hysteresis', () => {
    const rig = new AlarmRig([{ ...hot, hysteresis: 3 }]);
    rig.feed([86], 100);
    rig.feed([84, 83, 82.5, 85.5, 82.1], 100);
    expect(rig.log()).toEqual(['raised b1/hot']);
    rig.feed([82], 100);
    expect(rig.log()).toEqual(['raised b1/hot', 'cleared b1/hot']);
  });

  it('below: raises under the limit and clears at or over limit + hysteresis', () => {
    const rig = new AlarmRig([
      { id: 'cold', name: 'Cold', kind: 'threshold', series: 't', below: 5, hysteresis: 1 },
    ]);
    rig.feed([6, 5, 4.5], 100, 't');
    expect(rig.last().alarm.message).toBe('t 4.5 below 5');
    rig.feed([5.9], 100, 't');
    expect(rig.transitions).toHaveLength(1);
    rig.feed([6], 100, 't');
    expect(rig.log()).toEqual(['raised b1/cold', 'cleared b1/cold']);
  });

  it('band: raises outside either limit and clears back inside the band by the hysteresis', () => {
    const band = { id: 'band', name: 'Band', kind: 'threshold', series: 'v', below: 10, above: 20 } as const;
    const rig = new AlarmRig([{ ...band, hysteresis: 1 }]);
    rig.feed([15, 21], 100, 'v');
    expect(rig.last().alarm.message).toBe('v 21 outside 10 to 20');
    rig.feed([15], 100, 'v');
    rig.feed([9], 100, 'v');
    expect(rig.last().alarm.message).toBe('v 9 outside 10 to 20');
    rig.feed([10.5, 5, 19.5], 100, 'v'); // inside, but not by the hysteresis on either side
    expect(rig.log()).toEqual(['raised b1/band', 'cleared b1/band', 'raised b1/band']);
    rig.feed([11], 100, 'v');
    expect(rig.log()).toHaveLength(4);
    // A band narrower than twice the hysteresis clears at its middle.
    const narrow = new AlarmRig([{ ...band, hysteresis: 50 }]);
    narrow.feed([25, 14.9, 15], 100, 'v');
    expect(narrow.log()).toEqual(['raised b1/band', 'cleared b1/band']);
  });

  it('minimum duration: raises only once the condition has held forS, at the first message after', () => {
    const rig = new AlarmRig([{ ...hot, forS: 2 }]);
    rig.feed([91], 100);
    const started = rig.now;
    rig.feed(Array<number>(19).fill(91), 100); // 1.9 s held
    expect(rig.transitions).toEqual([]);
    rig.feed([91], 100);
    expect(rig.now - started).toBe(2000);
    expect(rig.last().alarm).toMatchObject({
      raisedAt: rig.now,
      message: 'junctionTemp 91 above 85 for 2 s',
    });
  });

  it('minimum duration: a condition that breaks during forS starts over and never raises while it flaps', () => {
    const rig = new AlarmRig([{ ...hot, forS: 1 }]);
    const flapping = Array.from({ length: 2000 }, (_, i) => (i % 8 < 7 ? 90 : 80)); // 0.7 s over, 0.1 s under
    rig.feed(flapping, 100);
    expect(rig.transitions).toEqual([]);
    rig.feed(Array<number>(11).fill(90), 100);
    expect(rig.log()).toEqual(['raised b1/hot']);
  });

  it('no alarm storm: a signal flapping around the limit 1000 times raises once with hysteresis', () => {
    const rig = new AlarmRig([{ ...hot, hysteresis: 1 }]);
    rig.feed(
      Array.from({ length: 2000 }, (_, i) => (i % 2 ? 84.5 : 85.5)),
      10,
    );
    expect(rig.log()).toEqual(['raised b1/hot']);
    // Without hysteresis the same signal raises and clears as it crosses (no hidden re-raise gap).
    const bare = new AlarmRig([hot]);
    bare.feed(
      Array.from({ length: 2000 }, (_, i) => (i % 2 ? 84.5 : 85.5)),
      10,
    );
    expect(bare.transitions).toHaveLength(2000);
  });

  it('a missing or non-numeric value leaves the state alone; silence does not clear a threshold alarm', () => {
    const rig = new AlarmRig([hot]);
    rig.feed([91], 100);
    rig.tel({ junctionTemp: 'cool' });
    rig.tel({ junctionTemp: null });
    rig.tel({ junctionTemp: Number.NaN });
    rig.tel({ uptime: 4 });
    rig.wait(60_000);
    expect(rig.log()).toEqual(['raised b1/hot']);
    const fresh = new AlarmRig([{ ...hot, forS: 1 }]);
    fresh.feed([91], 100);
    fresh.wait(5000); // silence is not a condition held: no raise from stale data
    expect(fresh.transitions).toEqual([]);
  });
});

describe('AlarmEngine: rate of change', () => {
  const fast = {
    id: 'fast',
    name: 'Fast',
    kind: 'rate',
    series: 'junctionTemp',
    perS: 1,
    windowS: 2,
  } as const;

  it('raises when |Δv/Δt| over the last windowS exceeds perS, either way, and clears once it is slower', () => {
    const rig = new AlarmRig([fast]);
    // 0.5 °C/s for 4 s: slower than the limit.
    rig.feed(
      Array.from({ length: 40 }, (_, i) => 40 + i * 0.05),
      100,
    );
    expect(rig.transitions).toEqual([]);
    // Then 2 °C/s: over a 2 s window the rate crosses 1/s once the fast part outweighs the slow one.
    const base = 40 + 39 * 0.05;
    rig.feed(
      Array.from({ length: 20 }, (_, i) => base + (i + 1) * 0.2),
      100,
    );
    expect(rig.log()).toEqual(['raised b1/fast']);
    expect(rig.last().alarm.value).toBeGreaterThan(1);
    expect(rig.last().alarm.message).toMatch(/^junctionTemp rising [\d.]+\/s over 2 s, faster than 1\/s$/);
    // Flat: the window's change falls back under 1/s.
    rig.feed(Array<number>(30).fill(base + 4), 100);
    expect(rig.log()).toEqual(['raised b1/fast', 'cleared b1/fast']);
    // Falling fast raises too.
    rig.feed(
      Array.from({ length: 30 }, (_, i) => base + 4 - (i + 1) * 0.3),
      100,
    );
    expect(rig.last().alarm.message).toMatch(/falling/);
    expect(rig.last().alarm.value).toBeLessThan(-1);
  });

  it('says nothing until the history spans the window, so a step at the start is not a rate', () => {
    const rig = new AlarmRig([fast]);
    rig.feed([20, 30, 40], 100);
    expect(rig.transitions).toEqual([]);
  });

  it('measures a steady slope over the window at 1 kHz', () => {
    const rig = new AlarmRig([{ ...fast, perS: 3.01 }]);
    rig.feed(
      Array.from({ length: 10_000 }, (_, i) => i * 0.003),
      1,
    ); // 3/s: not faster than 3.01/s
    expect(rig.transitions).toEqual([]);
    rig.feed(
      Array.from({ length: 3000 }, (_, i) => 30 + i * 0.0031),
      1,
    );
    // Raised as soon as the window's average crosses the limit on the way from 3/s to 3.1/s.
    expect(rig.log()).toEqual(['raised b1/fast']);
    expect(rig.last().alarm.value).toBeGreaterThan(3.01);
    expect(rig.last().alarm.value).toBeLessThan(3.02);
  });
});

describe('AlarmEngine: stale data', () => {
  const quiet = { id: 'quiet', name: 'Quiet', kind: 'stale', afterS: 5 } as const;

  it('counts from when the board was added, raises after afterS of silence and clears at the next message', () => {
    const rig = new AlarmRig([quiet]);
    rig.wait(4750);
    expect(rig.transitions).toEqual([]);
    rig.wait(250);
    expect(rig.last().alarm).toMatchObject({ value: 5, message: 'no telemetry for 5 s (limit 5 s)' });
    rig.wait(10_000);
    expect(rig.transitions).toHaveLength(1);
    rig.tel({ junctionTemp: 40 });
    expect(rig.log()).toEqual(['raised b1/quiet', 'cleared b1/quiet']);
  });

  it('counts from the last message; messages in time keep it quiet; forS adds to the silence', () => {
    const rig = new AlarmRig([{ ...quiet, forS: 2 }]);
    rig.feed(Array<number>(100).fill(40), 1000); // 100 s of telemetry at 1 Hz
    expect(rig.transitions).toEqual([]);
    rig.wait(6750);
    expect(rig.transitions).toEqual([]);
    rig.wait(250);
    expect(rig.last().alarm.message).toBe('no telemetry for 7 s (limit 5 s)');
  });
});
