// The samples of a review window read from the file, gathered as typed columns (no object per sample) in the shape
// decimateMinMax reads, so a window of 20,000 samples costs a few allocations, not 20,000.
import type { Decimated } from '../../../shared/telemetry/decimate';

/** Samples as columns: what decimateMinMax reads. */
export interface Samples {
  readonly t: Float64Array;
  readonly columns: Float64Array[];
  readonly start: 0;
  readonly end: number;
}

/** Samples gathered into growing typed columns (no object per sample), put in time order on view(). */
export class SampleColumns {
  length = 0;
  private t: Float64Array<ArrayBuffer> = new Float64Array(1024);
  private columns: Float64Array<ArrayBuffer>[];
  private ordered = true;

  constructor(private readonly n: number) {
    this.columns = Array.from({ length: n }, () => new Float64Array(1024));
  }

  push(t: number, row: Float64Array): void {
    if (this.length === this.t.length) {
      this.t = grow(this.t);
      this.columns = this.columns.map(grow);
    }
    if (this.length > 0 && t < this.t[this.length - 1]!) this.ordered = false;
    this.t[this.length] = t;
    for (let i = 0; i < this.n; i++) this.columns[i]![this.length] = row[i]!;
    this.length++;
  }

  view(): Samples {
    const end = this.length;
    let t = this.t.subarray(0, end);
    let columns = this.columns.map((c) => c.subarray(0, end));
    if (!this.ordered) {
      // Batches may overlap a little: order by time, keeping the file's order among equal times.
      const order = Array.from({ length: end }, (_, j) => j).sort((a, b) => t[a]! - t[b]! || a - b);
      t = Float64Array.from(order, (j) => t[j]!);
      columns = columns.map((c) => Float64Array.from(order, (j) => c[j]!));
    }
    return { t, columns, start: 0, end };
  }
}

function grow(a: Float64Array): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

/** Every sample as rows of the answer (absent values as null). */
export function rowsOf(s: Samples): Decimated {
  return {
    t: Array.from(s.t),
    columns: s.columns.map((c) => Array.from(c, (v) => (Number.isNaN(v) ? null : v))),
  };
}
