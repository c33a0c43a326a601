// The bench's own moments that other features see first, as events of a board's session file (docs/sessions.md,
// `/bench/events`): the HTTP and FTP wires finding or losing the board, and FTP transfers ending. Each is a marker on
// the Sessions page. The WebSocket wire's states come from the link's marks, the serial console's from its lines.
import type { WireState } from '../../../shared/bridge/contracts/links';
import type { TransfersSnapshot } from '../../../shared/bridge/contracts/files';
import type { BenchEventMessage } from '../../../shared/session-file/messages';

type Record_ = (boardId: string, e: BenchEventMessage) => void;

const WIRE_WORDS = { http: 'HTTP', ftp: 'FTP' } as const;

/**
 * Wire states as events: only a wire finding the board (open) or losing it (waiting, failed), and a stale one, each
 * once per change: the probes' own comings and goings (connecting every 10 s) are not moments of the board.
 */
export class WireEvents {
  private readonly last = new Map<string, string>();

  constructor(private readonly record: Record_) {}

  wire(boardId: string, wire: 'ws' | 'http' | 'ftp', state: WireState): void {
    if (wire === 'ws') return;
    const up = state.kind === 'open' || state.kind === 'stale';
    const down = state.kind === 'waiting' || state.kind === 'failed';
    if (!up && !down) return;
    const key = `${boardId}\u0000${wire}`;
    const kind = state.kind === 'waiting' ? 'failed' : state.kind; // a retry is still lost
    if (this.last.get(key) === kind) return;
    const first = !this.last.has(key);
    this.last.set(key, kind);
    if (first && down) return; // a board not found yet has not been lost
    const words = state.kind === 'open' ? 'answers' : state.kind === 'stale' ? 'is stale' : 'lost the board';
    const why = 'reason' in state ? state.reason : state.detail;
    this.record(boardId, {
      kind: 'link',
      wire,
      state: state.kind,
      detail: `${WIRE_WORDS[wire]} ${words}${why ? `: ${why}` : ''}`,
    });
  }

  /** Keeps only the watched boards: a board watched again starts a new run, and its wires start over. */
  retain(watched: ReadonlySet<string>): void {
    for (const key of this.last.keys()) if (!watched.has(key.split('\u0000')[0]!)) this.last.delete(key);
  }
}

/** FTP transfers that ended (done, failed, cancelled) as events of their board's run, once each. */
export class TransferEvents {
  private readonly told = new Set<number>();

  constructor(private readonly record: Record_) {}

  snapshot(s: TransfersSnapshot): void {
    const present = new Set<number>();
    for (const item of s.items) {
      present.add(item.id);
      if (item.state !== 'done' && item.state !== 'failed' && item.state !== 'cancelled') continue;
      if (this.told.has(item.id) || !item.board) continue;
      this.told.add(item.id);
      const verb = item.direction === 'upload' ? 'Upload of' : 'Download of';
      const outcome = item.state === 'done' ? 'done' : item.state;
      this.record(item.board.id, {
        kind: 'transfer',
        direction: item.direction,
        path: item.remote,
        outcome,
        bytes: item.bytes,
        detail: `${verb} ${item.remote} ${outcome}${item.message ? `: ${item.message}` : ''}`,
      });
    }
    // Items cleared from the list are not coming back: their ids need not be kept.
    for (const id of this.told) if (!present.has(id)) this.told.delete(id);
  }
}
