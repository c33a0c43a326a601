import { describe, expect, it } from 'vitest';
import { alarmRuleSchema } from '../../../shared/alarms/rules';
import type { PoolStatus } from '../../../shared/protocol/pool-status';
import { AlarmRig, rule } from '../../../../test/support/alarm-rig';
import { AlarmEngine } from './engine';

const hot = { id: 'hot', name: 'Hot', kind: 'threshold', series: 'junctionTemp', above: 85 } as const;
const two = [
  { id: 'b1', name: 'Board 1' },
  { id: 'b2', name: 'Board 2' },
];

function pools(main: { total: number; free: number; failures?: number }, bytes?: number): PoolStatus {
  return {
    packetPools: [
      { name: 'NetX Main Packet Pool', payload: 1536, ...main },
      { name: 'WS Server Packet Pool', payload: 1024, total: 18, free: 17, failures: 0 },
    ],
    bytePools: [
      { name: 'Tx App memory pool', size: 1000, available: bytes ?? 900, fragments: 3 },
      { name: 'Nx App memory pool', available: 10, fragments: 3 }, // size unknown: never judged
    ],
  };
}

describe('AlarmEngine: link', () => {
  const down = { id: 'down', name: 'Down', kind: 'link', afterS: 10 } as const;

  it('a board starts with its link not open: raises afterS after it was added unless the link opens', () => {
    const rig = new AlarmRig([down], two);
    rig.wait(5000);
    rig.engine.link('b1', rig.now, true);
    rig.wait(5000);
    expect(rig.log()).toEqual(['raised b2/down']);
    expect(rig.last().alarm.message).toBe('link not open for 10 s (limit 10 s)');
  });

  it('counts from the close, clears when it opens again, and a quick reconnect raises nothing', () => {
    const rig = new AlarmRig([{ ...down, forS: 1 }]);
    rig.engine.link('b1', rig.now, true);
    rig.wait(60_000);
    rig.engine.link('b1', rig.now, false);
    rig.wait(9000);
    rig.engine.link('b1', rig.now, false); // a repeated "closed" does not restart the count
    rig.wait(1750);
    expect(rig.transitions).toEqual([]);
    rig.wait(250);
    expect(rig.last().alarm.message).toBe('link not open for 11 s (limit 10 s)');
    rig.engine.link('b1', rig.now, true);
    expect(rig.log()).toEqual(['raised b1/down', 'cleared b1/down']);
    rig.engine.link('b1', rig.now, false);
    rig.wait(5000);
    rig.engine.link('b1', rig.now, true);
    rig.wait(60_000);
    expect(rig.transitions).toHaveLength(2);
  });
});

describe('AlarmEngine: reboot', () => {
  it('raises at the reboot and clears holdS after the last one, one alarm for reboots in a row', () => {
    const rig = new AlarmRig([{ id: 'rb', name: 'Reboot', kind: 'reboot', holdS: 30, forS: 10 }]);
    rig.engine.reboot('b1', rig.now);
    const first = rig.now;
    expect(rig.last().alarm).toMatchObject({ raisedAt: first, message: 'the board restarted' });
    rig.wait(20_000);
    rig.engine.reboot('b1', rig.now);
    rig.wait(29_750);
    expect(rig.log()).toEqual(['raised b1/rb']);
    rig.wait(250);
    expect(rig.log()).toEqual(['raised b1/rb', 'cleared b1/rb']);
    expect(rig.last().alarm.clearedAt).toBe(first + 50_000);
  });
});

describe('AlarmEngine: pools', () => {
  it("a named pool's % in use, (total − free) / total, raises above abovePct and clears at abovePct − hysteresisPct", () => {
    const rig = new AlarmRig([
      {
        id: 'full',
        name: 'Full',
        kind: 'pool',
        pool: 'netx main packet pool',
        abovePct: 80,
        hysteresisPct: 10,
      },
    ]);
    rig.engine.pools('b1', rig.now, pools({ total: 60, free: 12 })); // 80 %: not above
    expect(rig.transitions).toEqual([]);
    rig.engine.pools('b1', rig.now, pools({ total: 60, free: 6 })); // 90 %
    expect(rig.last().alarm).toMatchObject({
      value: 90,
      subject: 'NetX Main Packet Pool',
      message: 'NetX Main Packet Pool 90 % in use, above 80 %',
    });
    rig.engine.pools('b1', rig.now, pools({ total: 60, free: 11 })); // 81.7 %
    rig.engine.pools('b1', rig.now, pools({ total: 60, free: 15 })); // 75 %: not back by 10
    rig.engine.pools('b1', rig.now, { packetPools: [], bytePools: [] }); // not reported: nothing known
    expect(rig.transitions).toHaveLength(1);
    rig.engine.pools('b1', rig.now, pools({ total: 60, free: 18 })); // 70 %
    expect(rig.log()).toEqual(['raised b1/full', 'cleared b1/full']);
  });

  it('any pool: the fullest decides, byte pools by (size − available) / size', () => {
    const rig = new AlarmRig([{ id: 'any', name: 'Any', kind: 'pool', abovePct: 50 }]);
    rig.engine.pools('b1', rig.now, pools({ total: 60, free: 50 }, 300)); // Tx App 70 %
    expect(rig.last().alarm).toMatchObject({ value: 70, subject: 'Tx App memory pool' });
  });

  it('failures: the counter going up raises at once and clears holdS later; the first report is the baseline', () => {
    const rig = new AlarmRig([
      { id: 'fail', name: 'Fail', kind: 'pool', failures: true, holdS: 10, forS: 5 },
    ]);
    rig.engine.pools('b1', rig.now, pools({ total: 60, free: 0, failures: 7 }));
    rig.wait(1000);
    rig.engine.pools('b1', rig.now, pools({ total: 60, free: 0, failures: 7 }));
    expect(rig.transitions).toEqual([]);
    rig.engine.pools('b1', rig.now, pools({ total: 60, free: 0, failures: 9 }));
    const at = rig.now;
    expect(rig.last().alarm).toMatchObject({
      raisedAt: at,
      value: 2,
      message: 'NetX Main Packet Pool: 2 allocations failed (pool empty)',
    });
    rig.wait(5000);
    rig.engine.pools('b1', rig.now, pools({ total: 60, free: 0, failures: 10 })); // holds it longer
    rig.wait(9750);
    expect(rig.transitions).toHaveLength(1);
    rig.wait(250);
    expect(rig.log()).toEqual(['raised b1/fail', 'cleared b1/fail']);
    expect(rig.last().alarm.clearedAt).toBe(at + 15_000);
    rig.engine.pools('b1', rig.now, pools({ total: 60, free: 0, failures: 0 })); // restarted: new baseline
    rig.engine.pools('b1', rig.now, pools({ total: 60, free: 0, failures: 0 }));
    expect(rig.transitions).toHaveLength(2);
  });

  it('one alarm for both conditions: cleared once the pool is emptier and the failure hold is over', () => {
    const rig = new AlarmRig([{ id: 'p', name: 'P', kind: 'pool', abovePct: 90, failures: true, holdS: 5 }]);
    rig.engine.pools('b1', rig.now, pools({ total: 60, free: 10, failures: 0 }));
    rig.engine.pools('b1', rig.now, pools({ total: 60, free: 10, failures: 1 }));
    rig.engine.pools('b1', rig.now, pools({ total: 60, free: 0, failures: 1 }));
    rig.wait(10_000);
    expect(rig.log()).toEqual(['raised b1/p']);
    rig.engine.pools('b1', rig.now, pools({ total: 60, free: 30, failures: 1 }));
    expect(rig.log()).toEqual(['raised b1/p', 'cleared b1/p']);
  });
});

describe('AlarmEngine: boards and rules', () => {
  it("'*' applies to every board, one id to that board only, one alarm per rule and board", () => {
    const rig = new AlarmRig([hot, { ...hot, id: 'hot2', board: 'b2', above: 50 }], two);
    rig.feed([60], 100, 'junctionTemp', 'b1');
    expect(rig.transitions).toEqual([]);
    rig.feed([60], 100, 'junctionTemp', 'b2');
    rig.feed([90, 95, 99], 100, 'junctionTemp', 'b2');
    rig.feed([90], 100, 'junctionTemp', 'b1');
    expect(rig.log()).toEqual(['raised b2/hot2', 'raised b2/hot', 'raised b1/hot']);
    expect(rig.engine.active().map((a) => `${a.boardName}: ${a.ruleName}`)).toEqual([
      'Board 2: Hot',
      'Board 2: Hot',
      'Board 1: Hot',
    ]);
  });

  it('setRules clears the alarms of rules removed, disabled or changed, and keeps the others', () => {
    const rules = ['a', 'b', 'c', 'd'].map((id) => rule({ ...hot, id }));
    const rig = new AlarmRig(rules);
    rig.feed([90], 100);
    expect(rig.transitions).toHaveLength(4);
    // Same rule d, keys in another order: unchanged.
    const sameD = alarmRuleSchema.parse(Object.fromEntries(Object.entries(rules[3]!).reverse()));
    const changedC = rule({ ...hot, id: 'c', above: 95 });
    rig.engine.setRules([rules[0]!, { ...rules[1]!, enabled: false }, changedC, sameD], rig.now);
    expect(rig.log().slice(4)).toEqual(['cleared b1/b', 'cleared b1/c']);
    expect(rig.engine.active().map((a) => a.ruleId)).toEqual(['a', 'd']);
    rig.engine.setRules([rules[0]!], rig.now);
    expect(rig.log().slice(6)).toEqual(['cleared b1/d']);
    // A rule added later applies to boards already watched.
    rig.engine.setRules([rules[0]!, rule({ ...hot, id: 'e' })], rig.now);
    rig.feed([91], 100);
    expect(rig.engine.active().map((a) => a.ruleId)).toEqual(['a', 'e']);
  });

  it('removeBoard clears its alarms and forgets it; messages from a board not added are ignored', () => {
    const rig = new AlarmRig([hot, { id: 'q', name: 'Quiet', kind: 'stale', afterS: 1 }], two);
    rig.feed([90], 100, 'junctionTemp', 'b1');
    rig.feed([90], 100, 'junctionTemp', 'b2');
    rig.engine.removeBoard('b1', rig.now);
    expect(rig.log()).toEqual(['raised b1/hot', 'raised b2/hot', 'cleared b1/hot']);
    rig.tel({ junctionTemp: 99 }, 'b1');
    rig.engine.link('b1', rig.now, true);
    rig.wait(1000);
    expect(rig.log().slice(3)).toEqual(['raised b2/q']);
  });

  it('boards given to the constructor start counting at the first time given', () => {
    const seen: string[] = [];
    const engine = new AlarmEngine({
      rules: [rule({ id: 'q', name: 'Quiet', kind: 'stale', afterS: 5 })],
      boards: [{ id: 'b1', name: 'Board 1' }],
      onTransition: (t) => seen.push(`${t.kind} ${t.alarm.message}`),
    });
    engine.tick(1_000_000);
    engine.tick(1_004_000);
    expect(seen).toEqual([]);
    engine.tick(1_005_000);
    expect(seen).toEqual(['raised no telemetry for 5 s (limit 5 s)']);
  });

  it('a throwing listener does not leave the engine half decided: every cell is decided, then it throws', () => {
    let calls = 0;
    const engine = new AlarmEngine({
      rules: [rule({ ...hot, id: 'a' }), rule({ ...hot, id: 'b' })],
      boards: [{ id: 'b1', name: 'Board 1' }],
      onTransition: () => {
        calls++;
        throw new Error('listener broke');
      },
    });
    expect(() => engine.telemetry('b1', 1000, { junctionTemp: 90 })).toThrow('listener broke');
    expect(calls).toBe(2);
    expect(engine.active().map((a) => a.ruleId)).toEqual(['a', 'b']);
  });
});
