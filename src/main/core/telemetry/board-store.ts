// The per-board telemetry histories of the pipeline and their memory budget: which boards have a history, the
// bounds each ring gets (shown or watched), and which histories are forgotten when the boards not shown hold too
// much. The pipeline says which board is shown; the store keeps the rest.

import type { HistoryFigures } from '../../../shared/bridge/contracts/sessions';
import { BoardTelemetry } from './board-telemetry';
import type { TelemetryPipelineOptions } from './pipeline-options';

/** One history per board id, within the budget of `TelemetryPipeline`. */
export class BoardStore {
  private readonly boards = new Map<string, BoardTelemetry>();

  constructor(private readonly options: TelemetryPipelineOptions) {}

  /** Boards with a history, and the bytes each takes (for tests and the budget). */
  held(): Array<{ boardId: string; rows: number; bytes: number }> {
    return [...this.boards.values()].map((b) => ({
      boardId: b.boardId,
      rows: b.ring.length,
      bytes: b.bytes,
    }));
  }

  /**
   * The history kept of a board now: its samples, the bytes they take, the bytes its ring has set aside (allocated
   * ahead, up to the cap at once for the board shown) and the most it may take; zeros for a board with none.
   */
  historyOf(boardId: string, shown: BoardTelemetry | undefined): HistoryFigures {
    const b = this.boards.get(boardId);
    if (!b) return { samples: 0, sampleBytes: 0, reservedBytes: 0, capBytes: 0 };
    const cap =
      b === shown
        ? (this.options.maxBytes ?? 64 * 1024 * 1024)
        : b.watched
          ? Math.max(b.bytes, this.watchedBounds().maxBytes)
          : b.bytes;
    const samples = b.ring.length;
    // A time and a value per series, 8 bytes each: what the samples take, not the buffers set aside for more.
    const sampleBytes = samples * 8 * (1 + b.ring.series.length);
    return { samples, sampleBytes, reservedBytes: b.bytes, capBytes: cap };
  }

  /** The history of a board about to be shown: the one kept, or a new one with the full bounds. */
  toShow(boardId: string): BoardTelemetry {
    let b = this.boards.get(boardId);
    if (!b) {
      b = new BoardTelemetry(boardId, this.fullBounds());
      this.boards.set(boardId, b);
    }
    return b;
  }

  /** The history of a board fed while another is shown (made when first heard), with the watched bounds. */
  toWatch(boardId: string): BoardTelemetry {
    let b = this.boards.get(boardId);
    if (!b) {
      b = new BoardTelemetry(boardId, this.fullBounds(), this.watchedBounds());
      this.boards.set(boardId, b);
    } else b.watch(this.watchedBounds());
    return b;
  }

  /** Board `boardId`'s history, if it has one. */
  get(boardId: string): BoardTelemetry | undefined {
    return this.boards.get(boardId);
  }

  /** Drops a board's history. */
  delete(boardId: string): void {
    this.boards.delete(boardId);
  }

  watchedBounds() {
    return {
      maxRows: this.options.watchedMaxRows ?? 86_400,
      maxBytes: this.options.watchedMaxBytes ?? 16 * 1024 * 1024,
      maxSeries: this.options.maxSeries ?? 32,
    };
  }

  /** Forgets the boards shown longest ago while the boards not shown take more than their budget. */
  keepWithinBudget(shown: BoardTelemetry | undefined): void {
    const budget = this.options.maxHeldBytes ?? 192 * 1024 * 1024;
    const others = [...this.boards.values()].filter((b) => b !== shown && !b.watched);
    let total = others.reduce((sum, b) => sum + b.bytes, 0);
    others.sort((a, b) => a.lastShownAt - b.lastShownAt);
    for (const b of others) {
      if (total <= budget) break;
      total -= b.bytes;
      this.boards.delete(b.boardId);
      this.options.log?.(
        `telemetry: forgot the history of board ${b.boardId} (${b.ring.length} rows): the boards not shown keep ${Math.round(budget / 2 ** 20)} MiB at most`,
      );
    }
  }

  private fullBounds() {
    return {
      maxRows: this.options.maxRows ?? 600_000,
      maxBytes: this.options.maxBytes ?? 64 * 1024 * 1024,
      maxSeries: this.options.maxSeries ?? 32,
    };
  }
}
