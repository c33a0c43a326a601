// What the engine knows of one watched board: when it last spoke, its link, and the cells of the rules that apply
// to it, indexed by what feeds them so a telemetry message touches only the cells of its own series.
import type { Cell } from './cell';
import type { LinkCell, RebootCell, StaleCell } from './time-cells';
import type { PoolCell } from './pool-cell';
import type { SeriesCell } from './series-cells';

/** The cells fed by one telemetry field. */
export interface SeriesSlot {
  readonly name: string;
  readonly cells: SeriesCell[];
}

export class BoardState {
  /** Last telemetry message, or when the board was added; ms (NaN: not yet known, set at the first time given). */
  lastMessageT = NaN;
  linkOpen = false;
  /** When the link last opened or closed, or when the board was added; ms (NaN as above). */
  linkSince = NaN;
  /** A stale cell is pending or raised: the next message must tell them (keeps the hot path to one test). */
  staleBusy = false;

  /** Every cell of this board, by rule id. */
  readonly cells = new Map<string, Cell>();
  series: SeriesSlot[] = [];
  stale: StaleCell[] = [];
  link: LinkCell[] = [];
  reboot: RebootCell[] = [];
  pool: PoolCell[] = [];
  /** Cells that need the clock: stale, link, reboot and pool holds. */
  timed: Cell[] = [];

  constructor(
    readonly id: string,
    public name: string,
  ) {}

  /** Times not known yet (a board given to the constructor) start at the first time the engine is given. */
  start(t: number): void {
    if (Number.isNaN(this.lastMessageT)) this.lastMessageT = t;
    if (Number.isNaN(this.linkSince)) this.linkSince = t;
  }
}
