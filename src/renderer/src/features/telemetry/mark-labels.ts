// Where the marks' labels go on a chart: each label whole, inside the plot, and never over another. Marks a few
// pixels apart (a disconnect and the connect right after it) share one label, "disconnect, connect"; labels that
// would still touch go on the next row down.

import type { TimelineMark } from '../../../../shared/telemetry/types';

/** One label to draw, hung on the line of the mark at `t` (the first of the marks it names). */
export interface MarkLabel {
  readonly t: number;
  /** The kinds it names, in time order, each once. */
  readonly kinds: readonly TimelineMark['kind'][];
  readonly text: string;
  /** 'start': the text runs right from the line; 'end': it ends left of it. */
  readonly anchor: 'start' | 'end';
  /** 0 is the top row. */
  readonly row: number;
  /** The text's left and right edges, px. */
  readonly from: number;
  readonly to: number;
}

/** The plot the labels go in. */
export interface LabelSpace {
  /** The plot's left and right edges, px. */
  readonly left: number;
  readonly right: number;
  /** The x of a time, px. */
  readonly x: (t: number) => number;
  /** Width of one character of the labels' (monospaced) font, px. */
  readonly charPx: number;
  /** Rows available; a label that finds no free row is left out (its line still shows). */
  readonly rows?: number;
}

/** Between a line and its label, and between two labels in a row, px. */
const PAD = 4;
/** Marks closer than this share a label, px. */
const NEAR = 8;

/** Lays out the labels of `marks` (any order) in `space`. */
export function layoutMarkLabels(marks: readonly TimelineMark[], space: LabelSpace): MarkLabel[] {
  const sorted = [...marks].sort((a, b) => a.t - b.t);
  const groups: TimelineMark[][] = [];
  for (const m of sorted) {
    const g = groups.at(-1);
    if (g && space.x(m.t) - space.x(g[0]!.t) <= NEAR) g.push(m);
    else groups.push([m]);
  }
  const rowEnds: number[] = Array.from({ length: space.rows ?? 3 }, () => -Infinity);
  const out: MarkLabel[] = [];
  for (const g of groups) {
    const kinds = [...new Set(g.map((m) => m.kind))];
    const text = kinds.join(', ');
    const width = text.length * space.charPx;
    const x = space.x(g[0]!.t);
    // To the right of the line if it fits there, else to its left, else on the side with more room.
    const fitsRight = x + PAD + width <= space.right;
    const fitsLeft = x - PAD - width >= space.left;
    const anchor = fitsRight || (!fitsLeft && space.right - x >= x - space.left) ? 'start' : 'end';
    const from = anchor === 'start' ? x + PAD : x - PAD - width;
    const to = from + width;
    const row = rowEnds.findIndex((end) => end + PAD <= from);
    if (row < 0) continue;
    rowEnds[row] = to;
    out.push({ t: g[0]!.t, kinds, text, anchor, row, from, to });
  }
  return out;
}
