// Level 0 of a run's level-of-detail pyramid built while the run is recorded (docs/sessions.md §Review), so a run
// the bench recorded opens without reading its file. The run's end is not known yet, so the buckets start 1 ms wide
// and double (merging pairs) whenever the run outgrows LOD_BASE_BUCKETS of them; widths are powers of two, as
// LodPyramid's own, so at the end they are the very buckets one pass over the file would have made.
import { addBucket, level, LodPyramid, LOD_BASE_BUCKETS, seriesOf, type Level } from './lod';

/** Grows level 0 sample by sample; memory follows the run: 88 bytes a bucket with 4 series, at most LOD_BASE_BUCKETS. */
export class LodBuilder {
  private base: Level = level(1024, 1);
  /** Buckets in use (the arrays hold more). */
  private used = 0;

  constructor(readonly from: number) {}

  /** Adds one sample, as LodPyramid.add does (row[i]: series i, NaN when absent). */
  add(t: number, row: Float64Array, series: number): void {
    let b = Math.max(0, Math.floor((t - this.from) / this.base.width));
    while (b >= LOD_BASE_BUCKETS) {
      this.coarsen();
      b = Math.max(0, Math.floor((t - this.from) / this.base.width));
    }
    if (b >= this.base.count.length)
      this.resize(Math.min(LOD_BASE_BUCKETS, Math.max(b + 1, this.base.count.length * 2)));
    this.used = Math.max(this.used, b + 1);
    const l = this.base;
    const n = l.count[b]!;
    if (n === 0) l.tFirst[b] = t;
    l.tLast[b] = Math.max(l.tLast[b]!, t);
    l.count[b] = n + 1;
    for (let i = 0; i < series; i++) {
      const v = row[i]!;
      if (Number.isNaN(v)) continue;
      const [min, max, minFirst] = seriesOf(l, i);
      if (v < min[b]!) {
        min[b] = v;
        minFirst[b] = 0;
      }
      if (v > max[b]!) {
        max[b] = v;
        minFirst[b] = 1;
      }
    }
  }

  /** The pyramid of the run [from, to] (to: its last message); undefined when `from` is not the one built on. */
  finish(from: number, to: number): LodPyramid | undefined {
    if (from !== this.from) return undefined;
    const { n, width } = LodPyramid.shapeOf(from, to);
    while (this.base.width < width) this.coarsen();
    if (this.base.width !== width) return undefined;
    // The last bucket holds whatever lies at or past its start, as LodPyramid clamps a sample at `to`.
    const out = level(n, width);
    for (let b = 0; b < this.used; b++) addBucket(out, Math.min(b, n - 1), this.base, b);
    const lod = new LodPyramid(from, to, out);
    lod.finish();
    return lod;
  }

  /** Bytes it holds now. */
  get bytes(): number {
    const l = this.base;
    return l.count.length * (20 + l.min.filter(Boolean).length * 17);
  }

  /** Buckets twice as wide: pairs merged, in time order. */
  private coarsen(): void {
    const l = this.base;
    const up = level(Math.max(1, Math.ceil(l.count.length / 2)), l.width * 2);
    for (let b = 0; b < this.used; b++) addBucket(up, b >> 1, l, b);
    this.base = up;
    this.used = Math.ceil(this.used / 2);
  }

  private resize(n: number): void {
    const l = this.base;
    const to = level(n, l.width);
    to.count.set(l.count);
    to.tFirst.set(l.tFirst);
    to.tLast.set(l.tLast);
    l.min.forEach((_, i) => {
      if (!l.min[i]) return;
      const [min, max, minFirst] = seriesOf(to, i);
      min.set(l.min[i]);
      max.set(l.max[i]!);
      minFirst.set(l.minFirst[i]!);
    });
    this.base = to;
  }
}
