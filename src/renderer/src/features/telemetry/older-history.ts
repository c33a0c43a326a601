// The part of a chart window older than the rows the page holds, asked from the core (which reads it from memory or
// from the board's session file being written: docs/sessions.md §Long history), on the page's own bucket grid so it
// joins the page's rows without a seam. Asked again when the window, its bucket width or the page's oldest row moves
// a bucket, at most once a second for the same width; the last answer is drawn until the next one arrives.
import type { HistoryReach, TelemetryHistory } from '../../../../shared/bridge/contracts/telemetry';
import { joinAtBoundary } from '../../../../shared/telemetry/history-merge';

/** How the page asks the core for the older part (telemetry-feed.ts gives it). */
export type OlderFetch = (req: {
  readonly fromT: number;
  readonly toT: number;
  readonly bucketMs: number;
}) => Promise<TelemetryHistory | undefined>;

/** Asks again for the same bucket width at most this often. */
const MIN_ASK_MS = 1000;

export class OlderHistory {
  /** How far back the shown board's history goes (the core's last word on it). */
  reach: HistoryReach | undefined;
  fetch: OlderFetch | undefined;
  private rows: TelemetryHistory | undefined;
  private asked = '';
  private askedWidth = NaN;
  private askedAt = -Infinity;
  private generation = 0;

  constructor(
    private readonly changed: () => void,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  /**
   * The older part last heard for the window [fromT, toT] where it lies before `firstT` (asking for a newer one if
   * needed): [fromT, min(firstT, toT)).
   */
  part(fromT: number, toT: number, firstT: number, width: number): TelemetryHistory | undefined {
    const end = Math.min(firstT, toT);
    if (!this.fetch || !(fromT < end) || !(width > 0)) return undefined;
    const key = `${width}:${Math.floor(fromT / width)}:${Math.floor(end / width)}`;
    const now = this.clock();
    const recent = width === this.askedWidth && now - this.askedAt < MIN_ASK_MS;
    if (key !== this.asked && !recent) {
      this.asked = key;
      this.askedWidth = width;
      this.askedAt = now;
      const generation = this.generation;
      void this.fetch({ fromT, toT: end, bucketMs: width }).then((h) => {
        if (!h || generation !== this.generation) return;
        this.rows = h;
        if (h.reach) this.reach = h.reach;
        this.changed();
      });
    }
    return this.rows?.boardId !== undefined && this.rows.t.length ? this.rows : undefined;
  }

  /** The core's word on how far back history goes. */
  heard(reach: HistoryReach | undefined): void {
    if (reach) this.reach = reach;
  }

  /** Another board: forget what was heard (an answer on its way is ignored). */
  clear(): void {
    this.generation++;
    this.rows = undefined;
    this.reach = undefined;
    this.asked = '';
    this.askedWidth = NaN;
    this.askedAt = -Infinity;
  }
}

/** Figures of one series over a window. */
interface Stats {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly count: number;
}

/**
 * The page's decimated rows of a window (`series` its series, from `firstT` on) with the older part before them:
 * joined at `firstT` on the grid of `width` (history-merge.ts), the rows outside the window left out. The minimum and
 * maximum of each series take in the older part (its rows keep every bucket's extremes), so the value axes hold it;
 * the mean stays that of the rows the page holds.
 */
export function withOlder(
  older: TelemetryHistory,
  newer: { series: readonly string[]; t: number[]; columns: Array<Array<number | null>> },
  stats: ReadonlyArray<Stats | undefined>,
  window: { readonly fromT: number; readonly toT: number },
  firstT: number,
  width: number,
) {
  // The last answer may be for a window a little apart (the next is on its way): only its rows inside this one.
  let start = 0;
  while (start < older.t.length && older.t[start]! < window.fromT) start++;
  let end = start;
  while (end < older.t.length && older.t[end]! <= window.toT) end++;
  const part = {
    series: older.series,
    t: older.t.slice(start, end),
    columns: older.columns.map((c) => c.slice(start, end)),
  };
  const joined = joinAtBoundary(part, newer, firstT, { origin: 0, width }, true);
  const n = newer.series.length;
  const merged = newer.series.map((name, i) => {
    const c = part.columns[part.series.indexOf(name)];
    let min = stats[i]?.min ?? Infinity;
    let max = stats[i]?.max ?? -Infinity;
    let count = stats[i]?.count ?? 0;
    for (let j = 0; c && j < c.length && part.t[j]! < firstT; j++) {
      const v = c[j];
      if (v === null || v === undefined) continue;
      min = Math.min(min, v);
      max = Math.max(max, v);
      if (!stats[i]) count++;
    }
    if (!(min <= max)) return undefined;
    return { min, max, mean: stats[i]?.mean ?? (min + max) / 2, count };
  });
  // The answer's samples count only when it is wholly inside the window (else the rows drawn say it).
  const rawRows = end - start === older.t.length ? older.rawRows : part.t.length;
  return { t: joined.t, columns: joined.columns.slice(0, n), stats: merged, rawRows };
}
