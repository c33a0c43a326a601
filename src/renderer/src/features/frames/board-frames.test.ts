import { describe, expect, it } from 'vitest';
import type { FramesListResult } from '../../../../shared/bridge/contracts/frames';
import type { FrameRow, FramesBatch } from '../../../../shared/frames/types';
import { ok, type Result } from '../../../../shared/result';
import { BoardFrames, type FramesBridge } from './board-frames';
import { frameRow } from '../../../../../test/support/frame-rows';

const row = (seq: number, preview: string): FrameRow => frameRow(seq, { preview });
const stats = { held: 0, dropped: 0, lastSeq: 0, bytes: 0, capacity: 50_000 };

/** A core with one log per board: `frames:list` answers from it, `emit` sends a batch. */
function fakeCore(logs: Record<string, FrameRow[]>) {
  const listeners = new Set<(b: FramesBatch) => void>();
  const asked: string[] = [];
  const bridge = {
    invoke: (name: string, req: { boardId: string }) => {
      if (name !== 'frames:list') throw new Error(`not in this test: ${name}`);
      asked.push(req.boardId);
      const value: FramesListResult = {
        boardId: req.boardId,
        matched: 0,
        from: 0,
        rows: [...(logs[req.boardId] ?? [])],
        stats,
      };
      return Promise.resolve(ok(value) as Result<never>);
    },
    on: (_name: string, l: (b: FramesBatch) => void) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  } as unknown as FramesBridge;
  const emit = (boardId: string, rows: FrameRow[]) => {
    (logs[boardId] ??= []).push(...rows);
    for (const l of listeners) l({ boardId, rows, notes: [], stats, cleared: false });
  };
  return { bridge, emit, asked };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const previews = (f: BoardFrames, id: string | undefined) =>
  f
    .forBoard(id)
    .getView()
    .rows.map((r) => r.preview);

describe('BoardFrames (the page copy of each board log)', () => {
  it("shows only the shown board's rows, and a board shown before at once with what came meanwhile", async () => {
    const core = fakeCore({ a: [row(1, 'a1')], b: [row(1, 'b1'), row(2, 'b2')] });
    const f = new BoardFrames(core.bridge);
    f.forBoard('a');
    f.start();
    await settle();
    expect(previews(f, 'a')).toEqual(['a1']);
    // B's rows go to B's log only, even those that come while A is shown.
    core.emit('b', [row(3, 'b3')]);
    core.emit('a', [row(2, 'a2')]);
    expect(previews(f, 'a')).toEqual(['a1', 'a2']);
    // B shown: its rows from the core, never A's.
    f.forBoard('b');
    await settle();
    expect(previews(f, 'b')).toEqual(['b1', 'b2', 'b3']);
    core.emit('a', [row(3, 'a3')]);
    core.emit('b', [row(4, 'b4')]);
    expect(previews(f, 'b')).toEqual(['b1', 'b2', 'b3', 'b4']);
    // Back to A: its rows are there at once (no new request), including a3 from while B was shown.
    expect(previews(f, 'a')).toEqual(['a1', 'a2', 'a3']);
    expect(core.asked).toEqual(['a', 'b']);
    expect(previews(f, undefined)).toEqual([]);
  });

  it('filters every board alike and keeps a bounded number of boards', async () => {
    const core = fakeCore({});
    const f = new BoardFrames(core.bridge, 2);
    f.start();
    f.updateFilter({ search: 'keep' });
    for (const id of ['a', 'b', 'c']) {
      f.forBoard(id);
      await settle();
      core.emit(id, [row(1, `${id} keep`), row(2, `${id} drop`)]);
    }
    expect(previews(f, 'c')).toEqual(['c keep']);
    expect(previews(f, 'b')).toEqual(['b keep']);
    // A was let go (two boards kept): shown again, it is read from the core once more.
    expect(core.asked).toEqual(['a', 'b', 'c']);
    f.forBoard('a');
    await settle();
    expect(core.asked).toEqual(['a', 'b', 'c', 'a']);
    expect(previews(f, 'a')).toEqual(['a keep']);
  });
});
