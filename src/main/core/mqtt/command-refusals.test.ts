import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clip, CommandRefusals } from './command-refusals';

describe('CommandRefusals', () => {
  const lines: string[] = [];
  const events: Array<[string, string]> = [];
  let refusals: CommandRefusals;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    lines.length = 0;
    events.length = 0;
    refusals = new CommandRefusals({ log: (l) => lines.push(l), event: (t, e) => events.push([t, e]) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says a lone refusal at once, in the words it always had', () => {
    refusals.refuse('lab-1', 'remote commands are off for this board', 'lab-1');
    expect(lines).toEqual([
      'MQTT: refused a remote LED command for lab-1: remote commands are off for this board',
    ]);
    expect(events).toEqual([
      ['lab-1', 'A remote LED command was refused: remote commands are off for this board.'],
    ]);
  });

  it('sums up a flood in one line and one event per board per 5 s, every refusal counted', () => {
    for (let i = 0; i < 25_000; i++)
      if (i % 2500 === 0) refusals.refuse('lab-2', '"state" must be true or false', 'lab-2');
      else refusals.refuse('lab-1', 'remote commands are off for this board', 'lab-1');
    // The first at once, the rest when the 5 s end.
    expect(lines).toHaveLength(1);
    vi.advanceTimersByTime(4999);
    expect(lines).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      'MQTT: refused 24,999 remote LED commands in the last 5 s (lab-1: remote commands are off for this board: 24,990; lab-2: "state" must be true or false: 9)',
    );
    expect(events.slice(1)).toEqual([
      [
        'lab-1',
        '24,990 remote LED commands were refused in the last 5 s: remote commands are off for this board: 24,990.',
      ],
      ['lab-2', '9 remote LED commands were refused in the last 5 s: "state" must be true or false: 9.'],
    ]);
    // Quiet again: nothing more, and the next refusal after the period is said at once.
    vi.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(2);
    refusals.refuse('lab-1', 'remote commands are off for this board', 'lab-1');
    expect(lines).toHaveLength(3);
  });

  it('tells at most 20 reasons apart and sums the others; a command for no watched board has no event', () => {
    refusals.refuse('"x"', 'first');
    for (let i = 0; i < 1000; i++)
      refusals.refuse(`"board-${i}"`, 'this bench watches no board of that name');
    vi.advanceTimersByTime(5000);
    expect(lines[1]).toMatch(/^MQTT: refused 1,000 remote LED commands in the last 5 s \(/);
    expect(lines[1]).toContain('other reasons: 980');
    expect(lines[1]!.split('; ')).toHaveLength(21);
    expect(events).toEqual([]);
  });

  it('says what is counted when closed, and then nothing more', () => {
    refusals.refuse('lab-1', 'a', 'lab-1');
    refusals.refuse('lab-1', 'a', 'lab-1');
    refusals.close();
    expect(lines).toHaveLength(2);
    vi.advanceTimersByTime(10_000);
    expect(lines).toHaveLength(2);
  });
});

describe('clip', () => {
  it('cuts a name from outside to 200 characters with an ellipsis', () => {
    expect(clip('lab-1')).toBe('lab-1');
    const cut = clip('x'.repeat(60_000));
    expect(cut).toHaveLength(200);
    expect(cut.endsWith('x…')).toBe(true);
  });
});
