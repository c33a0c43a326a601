import type { FramesSenderState } from '../../../shared/bridge/contracts/frames';
import type { RawSender } from './raw-sender';

const NO_LINK = 'No WebSocket link to a board: connect one to use the composer.';

/** Holds the RawSender of the focused board's link (or none) and tells listeners when it changes. */
export class SenderSlot {
  private sender: RawSender | undefined;
  private boardId: string | undefined;
  private reason = NO_LINK;
  private readonly listeners = new Set<(s: FramesSenderState) => void>();

  /** The link calls this when it opens (with its sender) and when it closes (undefined, optionally why); `boardId`
   *  is the board it belongs to. */
  set(sender: RawSender | undefined, reason?: string, boardId?: string): void {
    this.sender = sender;
    this.boardId = boardId;
    this.reason = sender ? '' : (reason ?? NO_LINK);
    const state = this.state();
    for (const l of this.listeners) l(state);
  }

  get(): RawSender | undefined {
    return this.sender;
  }

  state(): FramesSenderState {
    return {
      boardId: this.boardId,
      canSend: this.sender !== undefined,
      reason: this.sender ? undefined : this.reason,
    };
  }

  onChange(listener: (s: FramesSenderState) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}
