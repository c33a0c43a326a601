import { describe, expect, it } from 'vitest';
import type { TimelineMark } from '../../../../shared/telemetry/types';
import { layoutMarkLabels, type LabelSpace } from './mark-labels';

// A plot from x 64 to 1064 px showing t 0…1000 ms, one px a ms.
const space: LabelSpace = { left: 64, right: 1064, x: (t) => 64 + t, charPx: 7 };
const mark = (t: number, kind: TimelineMark['kind']): TimelineMark => ({ t, kind });

describe('layoutMarkLabels', () => {
  it('keeps a mark at the right edge whole, to the left of its line', () => {
    const [l] = layoutMarkLabels([mark(1000, 'disconnect')], space);
    expect(l).toMatchObject({ text: 'disconnect', anchor: 'end' });
    expect(l!.to).toBeLessThanOrEqual(space.right);
    expect(l!.from).toBeGreaterThanOrEqual(space.left);
  });

  it('keeps a mark at the left edge whole, to the right of its line', () => {
    const [l] = layoutMarkLabels([mark(0, 'reboot')], space);
    expect(l).toMatchObject({ text: 'reboot', anchor: 'start' });
    expect(l!.from).toBeGreaterThanOrEqual(space.left);
  });

  it('names marks at almost the same time in one label', () => {
    const labels = layoutMarkLabels([mark(503, 'connect'), mark(500, 'disconnect')], space);
    expect(labels.map((l) => l.text)).toEqual(['disconnect, connect']);
    expect(labels[0]!.t).toBe(500);
  });

  it('names a kind once however often it recurs close together', () => {
    const labels = layoutMarkLabels([mark(500, 'gap'), mark(502, 'gap'), mark(504, 'stale')], space);
    expect(labels.map((l) => l.text)).toEqual(['gap, stale']);
  });

  it('puts labels that would touch on different rows, and never two over each other', () => {
    const marks = [mark(100, 'disconnect'), mark(130, 'connect'), mark(160, 'gap'), mark(700, 'reboot')];
    const labels = layoutMarkLabels(marks, space);
    expect(labels.map((l) => [l.text, l.row])).toEqual([
      ['disconnect', 0],
      ['connect', 1],
      ['gap', 2],
      ['reboot', 0],
    ]);
    for (const a of labels)
      for (const b of labels)
        if (a !== b && a.row === b.row) expect(a.to <= b.from || b.to <= a.from).toBe(true);
  });

  it('leaves a label out rather than print it over another when every row is taken', () => {
    const marks = [100, 120, 140, 160].map((t) => mark(t, 'disconnect'));
    const labels = layoutMarkLabels(marks, { ...space, rows: 3 });
    expect(labels).toHaveLength(3);
  });
});
