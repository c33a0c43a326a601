import { describe, expect, it } from 'vitest';
import { boardStatusPayload, parseLedSet, telemetryPayload, topicName, Topics } from './topics';

describe('topics', () => {
  const t = new Topics('nucleo-mem', 'bench-7');

  it('builds the documented topic tree', () => {
    expect(t.benchStatus()).toBe('nucleo-mem/bench-7/status');
    expect(t.boardStatus('lab-web')).toBe('nucleo-mem/bench-7/lab-web/status');
    expect(t.telemetry('lab-web')).toBe('nucleo-mem/bench-7/lab-web/telemetry');
    expect(t.led('lab-web')).toBe('nucleo-mem/bench-7/lab-web/led');
    expect(t.event('lab-web')).toBe('nucleo-mem/bench-7/lab-web/event');
    expect(t.ledSetFilter()).toBe('nucleo-mem/bench-7/+/led/set');
  });

  it('reads the board of a command topic, and only of this bench', () => {
    expect(t.ledSetBoard('nucleo-mem/bench-7/lab-web/led/set')).toBe('lab-web');
    expect(t.ledSetBoard('nucleo-mem/bench-8/lab-web/led/set')).toBeUndefined();
    expect(t.ledSetBoard('nucleo-mem/bench-7/a/b/led/set')).toBeUndefined();
    expect(t.ledSetBoard('nucleo-mem/bench-7/lab-web/led')).toBeUndefined();
  });

  it('turns any board name into one safe topic level', () => {
    expect(topicName('Bench #3 / left')).toBe('Bench-3-left');
    expect(topicName('+++')).toBe('unnamed');
    expect(topicName('Virtual board')).toBe('Virtual-board');
  });

  it('builds payloads with ISO times', () => {
    const at = Date.UTC(2026, 11, 1, 12, 0, 0, 250);
    expect(JSON.parse(telemetryPayload(at, 3, { uptime: 12, randomInt: 5 }))).toEqual({
      t: '2026-12-01T12:00:00.250Z',
      seq: 3,
      uptime: 12,
      data: { uptime: 12, randomInt: 5 },
    });
    expect(JSON.parse(boardStatusPayload('online', { ws: { state: 'open' } }, true, at))).toEqual({
      state: 'online',
      links: { ws: { state: 'open' } },
      virtual: true,
      t: '2026-12-01T12:00:00.250Z',
    });
  });

  it('accepts a well-formed LED command and explains a bad one', () => {
    expect(parseLedSet('{"led":"red","state":true}')).toEqual({ ok: true, led: 'red', state: true });
    expect(parseLedSet('nope')).toMatchObject({ ok: false, reason: 'the command is not JSON' });
    expect(parseLedSet('{"led":"green","state":true}')).toMatchObject({ ok: false });
    expect(parseLedSet('{"led":"red","state":"on"}')).toMatchObject({ ok: false });
  });
});
