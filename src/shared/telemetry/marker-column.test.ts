import { describe, expect, it } from 'vitest';
import { MARKER_ATTACH_MS, MarkerColumn } from './marker-column';

/** The marker column of rows at `times`: [row time, cell] for every row written, own rows included. */
function place(markers: { t: number; note: string }[], times: number[], from = 0, to = 100_000) {
  const c = new MarkerColumn(markers, from, to);
  const out: Array<[number, string]> = [];
  for (const t of times) {
    for (const m of c.before(t)) out.push([m.t, MarkerColumn.cell(m)]);
    out.push([t, c.at(t)]);
  }
  for (const m of c.rest()) out.push([m.t, MarkerColumn.cell(m)]);
  return out;
}

describe('MarkerColumn', () => {
  it('puts a note on the row at its time, or on the next row right after it', () => {
    expect(
      place(
        [
          { t: 200, note: 'at' },
          { t: 250, note: 'between' },
        ],
        [100, 200, 300],
      ),
    ).toEqual([
      [100, ''],
      [200, 'at'],
      [300, 'between'],
    ]);
  });

  it('joins markers that fall on one row, in time order; a marker without a note says "Marker"', () => {
    expect(
      place(
        [
          { t: 290, note: 'b' },
          { t: 210, note: ' ' },
          { t: 250, note: 'a' },
        ],
        [200, 300],
      ),
    ).toEqual([
      [200, ''],
      [300, 'Marker | a | b'],
    ]);
  });

  it('gives a marker its own row when no sample follows it closely (a gap) or at all', () => {
    const gap = 200 + MARKER_ATTACH_MS + 1;
    expect(
      place(
        [
          { t: 200, note: 'reboot' },
          { t: 5000, note: 'last' },
        ],
        [100, 200 + gap],
      ),
    ).toEqual([
      [100, ''],
      [200, 'reboot'],
      [200 + gap, ''],
      [5000, 'last'],
    ]);
    // Exactly MARKER_ATTACH_MS after still carries it.
    expect(place([{ t: 1000, note: 'x' }], [1000 + MARKER_ATTACH_MS])).toEqual([[2000, 'x']]);
  });

  it('leaves out markers outside the window, and writes every marker of an empty window on its own row', () => {
    expect(
      place(
        [
          { t: 5, note: 'early' },
          { t: 50, note: 'in' },
          { t: 500, note: 'late' },
        ],
        [],
        10,
        100,
      ),
    ).toEqual([[50, 'in']]);
  });
});
