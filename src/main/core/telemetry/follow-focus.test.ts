import { describe, expect, it } from 'vitest';
import { followFocus } from './follow-focus';
import { TelemetryPipeline } from './pipeline';

/** A focus owner and a profile list the test moves by hand. */
function setup() {
  const p = new TelemetryPipeline({ batchMs: 0, emit: () => {} });
  const tel = (board: string, t: number) =>
    p.ingest(board, { t, dir: 'rx', op: 1, data: JSON.stringify({ type: 'telemetry', data: { a: t } }) });
  let focused: string | undefined = 'a';
  const focusCbs = new Set<(id: string | undefined) => void>();
  const removedCbs = new Set<(id: string) => void>();
  const profiles = new Set(['a', 'b']);
  const watched = new Set<string>();
  const stop = followFocus(p, {
    onFocus: (cb) => {
      focusCbs.add(cb);
      cb(focused);
      return () => focusCbs.delete(cb);
    },
    isWatched: (id) => watched.has(id),
    exists: (id) => profiles.has(id),
    onRemoved: (cb) => {
      removedCbs.add(cb);
      return () => removedCbs.delete(cb);
    },
  });
  const focus = (id: string) => {
    focused = id;
    for (const cb of focusCbs) cb(id);
  };
  const remove = (id: string) => {
    profiles.delete(id);
    for (const cb of removedCbs) cb(id);
  };
  return { p, tel, focus, remove, watched, stop, counts: () => [focusCbs.size, removedCbs.size] };
}

describe('followFocus', () => {
  it('shows the focused board at once, and each board it moves to', () => {
    const { p, focus } = setup();
    expect(p.currentBoard).toBe('a');
    focus('b');
    expect(p.currentBoard).toBe('b');
  });

  it('tells the pipeline whether the board left stays watched (its links stay open)', () => {
    const { p, focus, watched } = setup();
    const calls: Array<[string, boolean]> = [];
    const select = p.select.bind(p);
    p.select = (id, leftWatched = false) => {
      calls.push([id, leftWatched]);
      select(id, leftWatched);
    };
    focus('b');
    watched.add('b');
    focus('a');
    expect(calls).toEqual([
      ['b', false],
      ['a', true],
    ]);
  });

  it("forgets a removed board's history, and a board removed while shown once the focus leaves it", () => {
    const { p, tel, focus, remove } = setup();
    tel('a', 1);
    focus('b');
    tel('b', 2);
    remove('a');
    expect(p.held().map((b) => b.boardId)).toEqual(['b']);
    remove('b'); // shown: kept until the focus leaves it
    expect(p.held().map((b) => b.boardId)).toEqual(['b']);
    focus('a');
    expect(p.held().map((b) => b.boardId)).not.toContain('b');
  });

  it('stops following when told', () => {
    const { stop, counts } = setup();
    stop();
    expect(counts()).toEqual([0, 0]);
  });
});
