// One SVG path per series, built straight from the decimated columns (min/max per pixel column) instead of handing
// the chart library thousands of point objects: the library draws axes, grid and marks; this draws the lines.
// Pure, so the drawing rules (what breaks a line, what every pixel column keeps) are tested without a browser.

import type { TimelineMark } from '../../../../shared/telemetry/types';

/** Where the plot area is and what it spans. */
export interface PlotFrame {
  readonly fromT: number;
  readonly toT: number;
  /** Plot area in SVG pixels. */
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** Marks that mean the samples either side are not one continuous signal. */
const BREAKING: ReadonlySet<TimelineMark['kind']> = new Set(['gap', 'reboot', 'disconnect', 'stale']);

/**
 * Times at which the line must break, from the marks (sorted). A gap is marked at the last sample before the
 * silence, so the line breaks after it; the other kinds are marked at (or before) the first sample after.
 */
export function lineBreaks(marks: readonly TimelineMark[]): Array<{ t: number; after: boolean }> {
  return marks
    .filter((m) => BREAKING.has(m.kind))
    .map((m) => ({ t: m.t, after: m.kind === 'gap' }))
    .sort((a, b) => a.t - b.t);
}

/**
 * The `d` of one series: rows `t[j]`, values `v[j]` (null or NaN where the series has no value, which breaks the
 * line), mapped linearly into the plot with the value domain [lo, hi]. A break between two rows starts a new
 * subpath; a point with no neighbour is drawn as a 1 px stroke so it stays visible.
 */
export function seriesPath(
  t: ArrayLike<number>,
  v: ArrayLike<number | null>,
  lo: number,
  hi: number,
  frame: PlotFrame,
  breaks: ReadonlyArray<{ t: number; after: boolean }> = [],
): string {
  const sx = frame.width / Math.max(1e-9, frame.toT - frame.fromT);
  const sy = frame.height / (hi > lo ? hi - lo : 1);
  const parts: string[] = [];
  let open = 0; // points in the current subpath
  let prevT = NaN;
  let b = 0;
  for (let j = 0; j < t.length; j++) {
    const value = v[j];
    const tj = t[j]!;
    if (value === null || value === undefined || !Number.isFinite(value)) {
      if (open === 1) parts.push('h1');
      open = 0;
      continue;
    }
    if (open > 0) {
      // Any breaking mark between the previous point and this one?
      while (b < breaks.length && breaks[b]!.t < prevT) b++;
      let k = b;
      let cut = false;
      for (; k < breaks.length && breaks[k]!.t <= tj; k++) {
        const m = breaks[k]!;
        if (m.after ? m.t < tj : m.t > prevT) cut = true;
      }
      if (cut) {
        if (open === 1) parts.push('h1');
        open = 0;
      }
    }
    const x = Math.round((frame.left + (tj - frame.fromT) * sx) * 10) / 10;
    const y = Math.round((frame.top + (hi - value) * sy) * 10) / 10;
    parts.push(`${open === 0 ? 'M' : 'L'}${x} ${y}`);
    open++;
    prevT = tj;
  }
  if (open === 1) parts.push('h1');
  return parts.join('');
}
