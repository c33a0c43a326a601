import type { FrameDir, LinkEventKind } from '../../../shared/frames/types';
import { FrameBoundaries } from '../frames/frame-boundaries';
import type { FrameTap, TapConnectionMeta } from '../frames/tap';

/** A connection of a watched board, followed (frame starts) whether or not its board is shown. */
interface Tracked {
  readonly connId: string;
  readonly boardId: string;
  readonly meta: TapConnectionMeta;
  readonly rx: FrameBoundaries;
  readonly tx: FrameBoundaries;
  /** The id the frame log knows it by while it is logged (a connection taken up again gets a new one). */
  logId: string | undefined;
  /** Times the log took it up again after the focus came back. */
  resumed: number;
  /** Directions that wait for a frame's first byte before the log takes their bytes again. */
  readonly waiting: Set<FrameDir>;
}

/**
 * The frame log follows the focused board: a connection is logged when it opens while its board is focused, and
 * until the focus leaves that board (the log then says the app stopped following it). When the focus comes back
 * to a board whose connection is still open, the log takes that connection up again from the next frame in each
 * direction (as a connection "tapped after the upgrade"). Other boards' connections are not logged, so the log
 * never mixes boards.
 */
export class FocusedTap {
  private readonly conns = new Map<string, Tracked>();

  constructor(
    private readonly to: FrameTap,
    private readonly focused: () => string | undefined,
  ) {}

  /** The tap board `boardId`'s WebSocket link is given. */
  forBoard(boardId: string): FrameTap {
    return {
      connectionOpened: (connId: string, meta: TapConnectionMeta, t?: number) => {
        const upgraded = meta.upgraded === true;
        const c: Tracked = {
          connId,
          boardId,
          meta,
          rx: new FrameBoundaries(upgraded),
          tx: new FrameBoundaries(upgraded),
          logId: undefined,
          resumed: 0,
          waiting: new Set(),
        };
        this.conns.set(connId, c);
        if (this.focused() !== boardId) return;
        c.logId = connId;
        this.to.connectionOpened(connId, meta, t);
      },
      chunk: (connId: string, dir: FrameDir, bytes: Uint8Array, t?: number) => {
        const c = this.conns.get(connId);
        if (!c) return;
        const start = c[dir].feed(bytes);
        if (!this.follows(c, t)) return;
        if (!c.waiting.has(dir)) return this.to.chunk(c.logId!, dir, bytes, t);
        if (start === undefined) return;
        c.waiting.delete(dir);
        this.to.chunk(c.logId!, dir, start === 0 ? bytes : bytes.subarray(start), t);
      },
      connectionEvent: (connId: string, kind: LinkEventKind, detail?: string, t?: number) => {
        const c = this.conns.get(connId);
        if (!c) return;
        const ends = kind === 'closed' || kind === 'reset' || kind === 'fin';
        if (this.follows(c, t)) this.to.connectionEvent(c.logId!, kind, detail, t);
        if (ends) this.conns.delete(connId);
      },
    };
  }

  /** Whether the log takes this connection's traffic now: it stops when the focus leaves, resumes when it is back. */
  private follows(c: Tracked, t?: number): boolean {
    const shown = this.focused() === c.boardId;
    if (c.logId !== undefined) {
      if (shown) return true;
      this.to.connectionEvent(c.logId, 'closed', 'the app now shows another board (this link stays open)', t);
      c.logId = undefined;
      return false;
    }
    // Taken up again only past the upgrade: before it, the head would be read from its middle.
    if (!shown || !c.rx.upgraded || !c.tx.upgraded) return false;
    c.resumed++;
    c.logId = `${c.connId}~${c.resumed}`;
    c.waiting.add('rx').add('tx');
    this.to.connectionOpened(c.logId, { ...c.meta, upgraded: true }, t);
    return true;
  }
}
