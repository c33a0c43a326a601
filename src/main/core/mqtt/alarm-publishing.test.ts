import { describe, expect, it } from 'vitest';
import { FakeAlarms, hotRule } from '../../../../test/support/fake-alarms';
import { AlarmPublishing } from './alarm-publishing';
import type { OutgoingMessage } from './disk-queue';
import { Topics } from './topics';

const board = { id: 'b-1', name: 'Bench left' };
const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);

function setup() {
  const source = new FakeAlarms();
  const out: OutgoingMessage[] = [];
  const logs: string[] = [];
  const pub = new AlarmPublishing({
    source,
    topics: new Topics('p', 'bench'),
    publish: (m) => out.push(m),
    log: (m) => logs.push(m),
  });
  const on = (topic: string) =>
    out.filter((m) => m.topic === topic).map((m) => JSON.parse(m.payload) as unknown);
  return { source, out, pub, on, logs };
}

describe('AlarmPublishing', () => {
  it('publishes a raise and a clear on …/alarm and keeps …/alarms retained with the board’s alarms', () => {
    const { source, out, pub, on } = setup();
    pub.boardAdded(board.id, 'Bench-left');
    expect(on('p/bench/Bench-left/alarms')).toEqual([[]]);
    const a = source.raise(board, T0, 91.2);
    source.clear(a, T0 + 5000);
    expect(on('p/bench/Bench-left/alarm')).toEqual([
      {
        kind: 'raised',
        id: a.id,
        ruleId: 'hot',
        ruleName: 'Too hot',
        ruleKind: 'threshold',
        severity: 'critical',
        boardId: 'b-1',
        boardName: 'Bench left',
        raisedAt: '2026-12-01T12:00:00.000Z',
        value: 91.2,
        subject: 'junctionTemp',
        message: 'junctionTemp 91.2 °C above 85',
      },
      expect.objectContaining({ kind: 'cleared', id: a.id, clearedAt: '2026-12-01T12:00:05.000Z' }),
    ]);
    const lists = on('p/bench/Bench-left/alarms') as Array<Array<{ id: string }>>;
    expect(lists.map((l) => l.map((x) => x.id))).toEqual([[], [a.id], []]);
    for (const m of out)
      expect(m).toMatchObject({ kind: 'alarm', qos: 1, retain: m.topic.endsWith('/alarms') });
  });

  it('lists what the source has raised when a board is added, and [] when it goes', () => {
    const { source, pub, on } = setup();
    const a = source.raise(board, T0, 90);
    source.raise({ id: 'other', name: 'Other' }, T0, 99);
    pub.boardAdded(board.id, 'Bench-left');
    expect(on('p/bench/Bench-left/alarms')).toEqual([
      [expect.objectContaining({ id: a.id, boardId: 'b-1' })],
    ]);
    pub.boardRemoved(board.id);
    expect(on('p/bench/Bench-left/alarms').at(-1)).toEqual([]);
    // A clear that comes after the board went (the service clears a removed board's alarms) is still told…
    source.clear(a, T0 + 1000);
    expect(on('p/bench/Bench-left/alarm').at(-1)).toMatchObject({ kind: 'cleared', id: a.id });
    // …and the retained list, already [], is left alone.
    expect(on('p/bench/Bench-left/alarms')).toHaveLength(2);
  });

  it('ignores boards it does not publish, and stops listening on close', () => {
    const { source, out, pub } = setup();
    source.raise({ id: 'other', name: 'Other' }, T0, 99);
    expect(out).toEqual([]);
    expect(source.listening).toBe(1);
    pub.close();
    expect(source.listening).toBe(0);
  });

  it('lists several alarms of a board oldest first', () => {
    const { source, pub, on } = setup();
    pub.boardAdded(board.id, 'B');
    const later = source.raise(board, T0 + 10, 90);
    const earlier = source.raise(board, T0, 95, { ...hotRule, id: 'hotter' });
    const lists = on('p/bench/B/alarms') as Array<Array<{ id: string }>>;
    expect(lists.at(-1)!.map((x) => x.id)).toEqual([earlier.id, later.id]);
  });
});
