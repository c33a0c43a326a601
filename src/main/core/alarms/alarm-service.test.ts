import { afterEach, describe, expect, it, vi } from 'vitest';
import { alarmRuleSchema, type AlarmRule } from '../../../shared/alarms/rules';
import type { PayloadOf } from '../../../shared/bridge/contract';
import { alarmRecord, FakeAlarmEngine } from '../../../../test/support/fake-alarm-engine';
import { FakeFeed } from '../../../../test/support/fake-feed';
import { PoolStatusFeed } from '../memory/pool-feed';
import type { BoardFeed } from '../mqtt/board-feed';
import { AlarmService, type AlarmEventName } from './alarm-service';
import { RECENT_MAX } from './alarm-book';
import type { AlarmTransition } from './types';

const hot: AlarmRule = alarmRuleSchema.parse({
  id: 'hot',
  name: 'Hot board',
  kind: 'threshold',
  series: 'junctionTemp',
  above: 40,
});
const quiet: AlarmRule = alarmRuleSchema.parse({ id: 'quiet', name: 'Quiet', kind: 'stale', afterS: 5 });

class Boards {
  private feeds: BoardFeed[] = [];
  private readonly cbs = new Set<() => void>();
  list = () => this.feeds;
  onChange = (cb: () => void) => {
    this.cbs.add(cb);
    return () => this.cbs.delete(cb);
  };
  set(feeds: BoardFeed[]): void {
    this.feeds = feeds;
    for (const cb of this.cbs) cb();
  }
}

const services: AlarmService[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.close();
  vi.useRealTimers();
});

function setup(feeds: BoardFeed[] = [], more: { rules?: AlarmRule[]; pools?: PoolStatusFeed } = {}) {
  let now = 1_000;
  let engine!: FakeAlarmEngine;
  const boards = new Boards();
  boards.set(feeds);
  const events: Array<{ name: AlarmEventName; payload: unknown }> = [];
  const logs: string[] = [];
  const service = new AlarmService({
    engine: (o) => (engine = new FakeAlarmEngine(o)),
    boards,
    rules: more.rules ?? [hot, quiet],
    ...(more.pools ? { pools: more.pools } : {}),
    now: () => now,
    tickMs: 0,
    log: (m) => logs.push(m),
    emit: (name, payload) => events.push({ name, payload }),
  });
  services.push(service);
  const transitions: AlarmTransition[] = [];
  service.onTransition((t) => transitions.push(t));
  return {
    engine,
    boards,
    service,
    events,
    logs,
    transitions,
    at: (t: number) => (now = t),
    emitted: <E extends AlarmEventName>(name: E) =>
      events.filter((e) => e.name === name).map((e) => e.payload as PayloadOf<E>),
  };
}

describe('AlarmService', () => {
  it('feeds the engine every watched board: added with its link, telemetry, link changes, reboots', () => {
    const a = new FakeFeed('a', 'Bench A');
    const b = new FakeFeed('b', 'Bench B');
    const { engine, boards } = setup([a]);
    expect(engine.calls).toEqual([
      { call: 'addBoard', t: 1000, board: { id: 'a', name: 'Bench A' } },
      { call: 'link', t: 1000, boardId: 'a', open: true },
    ]);
    engine.calls.length = 0;
    boards.set([a, b]);
    a.sinks.telemetry({ t: 1500, data: { junctionTemp: 41 } });
    b.setLinks({ online: false, links: { ws: { state: 'waiting', reason: 'gone' } } });
    b.setLinks({ online: false, links: { ws: { state: 'failed', reason: 'gone' } } });
    a.sinks.event({ t: 1600, kind: 'reboot', text: 'The board restarted.' });
    a.sinks.event({ t: 1700, kind: 'gap', text: 'no telemetry' });
    boards.set([b]);
    expect(engine.calls).toEqual([
      { call: 'addBoard', t: 1000, board: { id: 'b', name: 'Bench B' } },
      { call: 'link', t: 1000, boardId: 'b', open: true },
      { call: 'telemetry', t: 1500, boardId: 'a', data: { junctionTemp: 41 } },
      // The link's words changed twice; whether it is open changed once.
      { call: 'link', t: 1000, boardId: 'b', open: false },
      { call: 'reboot', t: 1600, boardId: 'a' },
      { call: 'removeBoard', t: 1000, boardId: 'a' },
    ]);
    // A board let go is no longer heard.
    a.sinks.telemetry({ t: 1800, data: { junctionTemp: 41 } });
    expect(engine.calls.filter((c) => c.call === 'telemetry')).toHaveLength(1);
  });

  it('judges every sample of a telemetry-batch frame, each at its own time', () => {
    const a = new FakeFeed('a', 'A');
    const { engine } = setup([a]);
    a.sinks.samples([
      { t: 1100, data: { junctionTemp: 40 } },
      { t: 1200, data: { junctionTemp: 41 } },
    ]);
    expect(engine.calls.filter((c) => c.call === 'telemetry')).toEqual([
      { call: 'telemetry', t: 1100, boardId: 'a', data: { junctionTemp: 40 } },
      { call: 'telemetry', t: 1200, boardId: 'a', data: { junctionTemp: 41 } },
    ]);
  });

  it('passes each pool-status report of a watched board to the engine', () => {
    const pools = new PoolStatusFeed(() => 2000);
    const { engine } = setup([new FakeFeed('a', 'A')], { pools });
    const status = {
      packetPools: [{ name: 'ip', payload: 1536, total: 10, free: 1, failures: 2 }],
      bytePools: [],
    };
    pools.push('a', { type: 'pool-status', data: status });
    pools.push('elsewhere', { type: 'pool-status', data: status });
    pools.forget('a');
    const seen = engine.calls.filter((c) => c.call === 'pools');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      boardId: 'a',
      t: 2000,
      status: { packetPools: [{ name: 'ip', free: 1 }] },
    });
  });

  it('tells a raise and a clear, with the rule, as events and to listeners; the record names its board', () => {
    const a = new FakeFeed('a', 'Bench A');
    const { engine, service, transitions, emitted, at } = setup([a]);
    engine.react = (c, e) => {
      if (c.call !== 'telemetry') return;
      const temp = c.data.junctionTemp;
      const held = e.active().find((h) => h.ruleId === 'hot');
      if (typeof temp === 'number' && temp > 40) {
        if (!held) e.hold(alarmRecord(hot, c.boardId, c.t, temp));
      } else if (held) e.release(held.id, c.t);
    };
    a.sinks.telemetry({ t: 1500, data: { junctionTemp: 45 } });
    a.sinks.telemetry({ t: 1600, data: { junctionTemp: 46 } });
    at(2000);
    a.sinks.telemetry({ t: 2000, data: { junctionTemp: 30 } });
    expect(transitions.map((t) => [t.kind, t.alarm.id, t.alarm.boardId, t.rule.id])).toEqual([
      ['raised', 'a/hot/1500', 'a', 'hot'],
      ['cleared', 'a/hot/1500', 'a', 'hot'],
    ]);
    expect(transitions[1]!.alarm.clearedAt).toBe(2000);
    expect(emitted('alarms:transition').map((p) => [p.kind, p.alarm.boardId])).toEqual([
      ['raised', 'a'],
      ['cleared', 'a'],
    ]);
    // One state per change, not per message.
    const states = emitted('alarms:changed');
    expect(states.map((s) => s.active.length)).toEqual([1, 0]);
    expect(service.state()).toMatchObject({
      active: [],
      recent: [{ id: 'a/hot/1500', clearedAt: 2000, value: 45 }],
      unacknowledged: 1,
    });
    expect(service.active()).toEqual([]);
  });

  it('ticks the engine every 250 ms until closed, on a timer that keeps no process alive', () => {
    vi.useFakeTimers({ now: 5000 });
    let engine!: FakeAlarmEngine;
    const service = new AlarmService({
      engine: (o) => (engine = new FakeAlarmEngine(o)),
      boards: new Boards(),
    });
    vi.advanceTimersByTime(1000);
    expect(engine.calls.filter((c) => c.call === 'tick').map((c) => c.t)).toEqual([5250, 5500, 5750, 6000]);
    service.close();
    vi.advanceTimersByTime(1000);
    expect(engine.calls.filter((c) => c.call === 'tick')).toHaveLength(4);
  });

  it('a removed rule clears with the rule it had, at the time of the change', () => {
    const { engine, service, transitions, at } = setup([new FakeFeed('a', 'A')]);
    engine.hold(alarmRecord(quiet, 'a', 1000));
    at(3000);
    service.setRules([hot]);
    expect(transitions.map((t) => [t.kind, t.rule.name, t.alarm.clearedAt])).toEqual([
      ['raised', 'Quiet', undefined],
      ['cleared', 'Quiet', 3000],
    ]);
  });

  it('acknowledges one alarm or all of them; an unknown id is refused in words', () => {
    const { engine, service, emitted, at } = setup([new FakeFeed('a', 'A'), new FakeFeed('b', 'B')]);
    engine.hold(alarmRecord(hot, 'a', 1000));
    engine.hold(alarmRecord(hot, 'b', 1000));
    expect(service.state().unacknowledged).toBe(2);
    at(4000);
    const one = service.ack({ id: 'b/hot/1000' });
    expect(one.unacknowledged).toBe(1);
    expect(one.active.find((x) => x.boardId === 'b')?.ackedAt).toBe(4000);
    expect(emitted('alarms:changed').at(-1)?.unacknowledged).toBe(1);
    expect(() => service.ack({ id: 'nope' })).toThrow(/no alarm "nope"/);
    const all = service.ack({ all: true });
    expect(all.unacknowledged).toBe(0);
    expect(all.recent.every((r) => r.ackedAt !== undefined)).toBe(true);
    // Acknowledged stays acknowledged when it clears.
    engine.release('a/hot/1000', 5000);
    expect(service.state().recent.find((r) => r.id === 'a/hot/1000')).toMatchObject({ ackedAt: 4000 });
    expect(service.state().unacknowledged).toBe(0);
  });

  it(`keeps the last ${RECENT_MAX} alarms, newest first`, () => {
    const { engine, service } = setup([new FakeFeed('a', 'A')]);
    for (let i = 0; i < RECENT_MAX + 20; i++) {
      engine.hold(alarmRecord(hot, 'a', i));
      engine.release(`a/hot/${i}`, i + 1);
    }
    const s = service.state();
    expect(s.recent).toHaveLength(RECENT_MAX);
    expect(s.recent[0]!.id).toBe(`a/hot/${RECENT_MAX + 19}`);
    expect(s.recent.at(-1)!.id).toBe('a/hot/20');
    expect(s.unacknowledged).toBe(RECENT_MAX);
  });

  it('a throwing listener stops no other, and an engine error is logged, not thrown into the board feed', () => {
    const a = new FakeFeed('a', 'A');
    const { engine, service, transitions, logs } = setup([a]);
    service.onTransition(() => {
      throw new Error('listener broke');
    });
    const after: string[] = [];
    service.onTransition((t) => after.push(t.kind));
    engine.hold(alarmRecord(hot, 'a', 1000));
    expect(transitions).toHaveLength(1);
    expect(after).toEqual(['raised']);
    expect(logs.join('\n')).toMatch(/listener broke/);
    engine.react = () => {
      throw new Error('engine broke');
    };
    expect(() => a.sinks.telemetry({ t: 1, data: {} })).not.toThrow();
    expect(logs.join('\n')).toMatch(/alarm engine: engine broke/);
  });

  it('names a capture bundle on its alarm', () => {
    const { engine, service, emitted } = setup([new FakeFeed('a', 'A')]);
    engine.hold(alarmRecord(hot, 'a', 1000));
    service.setCapture('a/hot/1000', 'cap-1');
    expect(service.state().active[0]).toMatchObject({ captureId: 'cap-1' });
    expect(emitted('alarms:changed').at(-1)?.recent[0]?.captureId).toBe('cap-1');
  });

  it('after close nothing reaches the engine and no board is followed', () => {
    const a = new FakeFeed('a', 'A');
    const { engine, service } = setup([a]);
    service.close();
    const n = engine.calls.length;
    a.sinks.telemetry({ t: 1, data: { junctionTemp: 1 } });
    service.tick();
    expect(engine.calls).toHaveLength(n);
  });
});
