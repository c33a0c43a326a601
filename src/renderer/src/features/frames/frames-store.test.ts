import { describe, expect, it } from 'vitest';
import type { FrameRow } from '../../../../shared/frames/types';
import { FramesStore } from './frames-store';
import { frameRow } from '../../../../../test/support/frame-rows';

const row = (seq: number, over: Partial<FrameRow> = {}): FrameRow =>
  frameRow(seq, { dir: seq % 2 ? 'rx' : 'tx', ...over });

describe('FramesStore (the page copy)', () => {
  it('filters incrementally, keeps the view frozen while paused, and counts what arrived since', () => {
    const s = new FramesStore();
    s.apply({ rows: [row(1), row(2), row(3)], notes: [], cleared: false });
    s.updateFilter({ dirs: ['rx'] });
    expect(s.getView().rows.map((r) => r.seq)).toEqual([1, 3]);
    s.setPaused(true);
    s.apply({ rows: [row(4), row(5)], notes: [], cleared: false });
    expect(s.getView()).toMatchObject({ paused: true, newSincePause: 2 });
    expect(s.getView().rows.map((r) => r.seq)).toEqual([1, 3]);
    s.setPaused(false);
    expect(s.getView().rows.map((r) => r.seq)).toEqual([1, 3, 5]);
    s.updateFilter({ search: '(a+)+', regex: true });
    expect(s.getView().filterError).toMatch(/nested quantifiers/);
  });

  it('applies late notes (a search can then match), ignores duplicates, and clears', () => {
    const s = new FramesStore();
    s.apply({ rows: [row(1), row(2)], notes: [], cleared: false });
    s.updateFilter({ search: 'no pong' });
    expect(s.getView().rows).toHaveLength(0);
    s.apply({
      rows: [row(2)],
      notes: [
        { seq: 2, note: 'no PONG within 2 s' },
        { seq: 2, note: 'no PONG within 2 s' },
      ],
      cleared: false,
    });
    expect(s.getView().rows.map((r) => [r.seq, r.notes])).toEqual([[2, ['no PONG within 2 s']]]);
    expect(s.getView().total).toBe(2);
    s.apply({ rows: [], notes: [], cleared: true });
    expect(s.getView()).toMatchObject({ total: 0, rows: [], types: [] });
  });

  it('holds at most 50,000 rows', () => {
    const s = new FramesStore();
    s.apply({ rows: Array.from({ length: 50_010 }, (_, i) => row(i + 1)), notes: [], cleared: false });
    const v = s.getView();
    expect(v.total).toBeLessThanOrEqual(50_000);
    expect(v.rows.at(-1)!.seq).toBe(50_010);
    expect(s.row(1)).toBeUndefined();
  });
});
