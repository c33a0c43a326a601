// Where markers go in a CSV export (docs/telemetry-exports.md §Markers): a marker's note goes in the `marker` column
// of the first row at or after its time, when that row is at most MARKER_ATTACH_MS after it; otherwise (a gap in the
// telemetry, or nothing after it in the window) the marker gets a row of its own at its time, with empty values.
// Several markers on one row are joined with " | ".

/** A marker as an export needs it: its time (ms since the epoch) and its note. */
export interface ColumnMarker {
  readonly t: number;
  readonly note: string;
}

/** How far after a marker a sample may be and still carry it (a reboot's gap is longer: the marker stands alone). */
export const MARKER_ATTACH_MS = 1000;

/** What a marker says in the column: its note, or "Marker" for one without. */
function words(m: ColumnMarker): string {
  const note = m.note.trim();
  return note === '' ? 'Marker' : note;
}

/**
 * Hands out markers to the rows of an export written in time order. Call `before(t)` before writing the row at `t`
 * (the markers that need their own rows first), then `at(t)` for the row's own cell, and `rest()` after the last row.
 */
export class MarkerColumn {
  private readonly markers: ColumnMarker[];
  private next = 0;

  /** `markers` in any order; those outside [fromT, toT] are left out. */
  constructor(markers: readonly ColumnMarker[], fromT: number, toT: number) {
    this.markers = markers.filter((m) => m.t >= fromT && m.t <= toT).sort((a, b) => a.t - b.t);
  }

  /** Markers that lie too far before a row at `t` to go on it: each is a row of its own, in time order. */
  before(t: number): ColumnMarker[] {
    const alone: ColumnMarker[] = [];
    while (this.next < this.markers.length && this.markers[this.next]!.t < t - MARKER_ATTACH_MS)
      alone.push(this.markers[this.next++]!);
    return alone;
  }

  /** The cell of the row at `t` (call `before(t)` first): the notes of the markers it carries, or ''. */
  at(t: number): string {
    const notes: string[] = [];
    while (this.next < this.markers.length && this.markers[this.next]!.t <= t)
      notes.push(words(this.markers[this.next++]!));
    return notes.join(' | ');
  }

  /** Markers after the last row: each a row of its own. */
  rest(): ColumnMarker[] {
    const left = this.markers.slice(this.next);
    this.next = this.markers.length;
    return left;
  }

  /** The text of a marker that stands on a row of its own. */
  static cell(m: ColumnMarker): string {
    return words(m);
  }
}
