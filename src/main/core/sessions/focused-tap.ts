import type { FrameDir, LinkEventKind } from '../../../shared/frames/types';
import type { FrameTap, TapConnectionMeta } from '../frames/tap';

/**
 * The frame log follows the focused board: a connection is logged when it opens while its board is focused, and
 * until the focus leaves that board (the log then says the app stopped following it). Other boards' connections
 * are not logged, so the log never mixes boards.
 */
export class FocusedTap {
  /** Connections being logged, with their board. */
  private readonly logged = new Map<string, string>();

  constructor(
    private readonly to: FrameTap,
    private readonly focused: () => string | undefined,
  ) {}

  /** The tap board `boardId`'s WebSocket link is given. */
  forBoard(boardId: string): FrameTap {
    return {
      connectionOpened: (connId: string, meta: TapConnectionMeta, t?: number) => {
        if (this.focused() !== boardId) return;
        this.logged.set(connId, boardId);
        this.to.connectionOpened(connId, meta, t);
      },
      chunk: (connId: string, dir: FrameDir, bytes: Uint8Array, t?: number) => {
        if (this.follows(connId, boardId, t)) this.to.chunk(connId, dir, bytes, t);
      },
      connectionEvent: (connId: string, kind: LinkEventKind, detail?: string, t?: number) => {
        if (!this.follows(connId, boardId, t)) return;
        this.to.connectionEvent(connId, kind, detail, t);
        if (kind === 'closed' || kind === 'reset' || kind === 'fin') this.logged.delete(connId);
      },
    };
  }

  private follows(connId: string, boardId: string, t?: number): boolean {
    if (!this.logged.has(connId)) return false;
    if (this.focused() === boardId) return true;
    this.logged.delete(connId);
    this.to.connectionEvent(connId, 'closed', 'the app now shows another board (this link stays open)', t);
    return false;
  }
}
