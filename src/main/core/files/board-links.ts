// One FTP session per board the Files page has used: a listing, an action or a transfer goes to the board it was
// asked for, so moving the focus neither cancels a transfer nor shows one board's files under another's name.
// Sessions of boards that are not focused and carry no transfer are closed (the firmware allows 4 FTP clients),
// and a board whose FTP server moved (a virtual board restarted) gets a new session.
import { FtpLink, type FtpLinkOptions } from './ftp-link';
import type { FtpTarget } from './target';

/** The FTP sessions of the files service, by board id. */
export class BoardLinks {
  private readonly links = new Map<string, FtpLink>();
  private watched = 0;

  constructor(
    private readonly options: Omit<FtpLinkOptions, 'onState'>,
    /** A board's session changed state (connecting, open, failed, closed). */
    private readonly onState: (boardId: string) => void,
  ) {}

  /** The session of `t`'s board, opened (lazily, on its first command) for its present address. */
  of(t: FtpTarget, focused: boolean): FtpLink {
    let link = this.links.get(t.boardId);
    if (!link || !sameTarget(link.target, t)) {
      link?.close();
      link = new FtpLink(t, { ...this.options, onState: () => this.onState(t.boardId) });
      this.links.set(t.boardId, link);
      if (focused && this.watched > 0) link.keepAlive(true);
    }
    return link;
  }

  /** The session of board `boardId` if it has one now. */
  peek(boardId: string): FtpLink | undefined {
    return this.links.get(boardId);
  }

  /** The page opened (+1) or closed (−1): the focused board's session is kept alive while it is open. */
  watch(delta: 1 | -1, focused: string | undefined): void {
    this.watched = Math.max(0, this.watched + delta);
    this.keepFocused(focused);
  }

  /**
   * After the focus or a board's address moved: closes the sessions whose board moved or is gone, and those of
   * boards not focused that carry no transfer (`busy`); keeps only the focused board's alive. Returns the boards
   * whose session was closed.
   */
  settle(
    focused: string | undefined,
    targetOf: (boardId: string) => FtpTarget | undefined,
    busy: (boardId: string) => boolean,
  ): string[] {
    const closed: string[] = [];
    for (const [id, link] of this.links) {
      const t = targetOf(id);
      const moved = !t || !sameTarget(link.target, t);
      if (moved || (id !== focused && !busy(id))) {
        link.close();
        this.links.delete(id);
        closed.push(id);
      }
    }
    this.keepFocused(focused);
    return closed;
  }

  close(): void {
    for (const link of this.links.values()) link.close();
    this.links.clear();
  }

  private keepFocused(focused: string | undefined): void {
    for (const [id, link] of this.links) link.keepAlive(this.watched > 0 && id === focused);
  }
}

function sameTarget(a: FtpTarget, b: FtpTarget): boolean {
  return a.boardId === b.boardId && a.host === b.host && a.port === b.port && a.user === b.user;
}
