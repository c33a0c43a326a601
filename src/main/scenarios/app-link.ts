// A scenario's link in the app: the app's own WebSocket link of the board (its BoardSession), not a second
// connection. On the firmware that link is the one client the board serves; a runner's own connection would only
// wait behind it. The session's received messages and WebSocket wire states are fed in from outside (the telemetry
// pipeline's tap and the sessions' wire hook); sending goes through the session's raw sender, so the frame log and
// the session file show the runner's commands like any other.
import type { RawSender } from '../core/frames/raw-sender';
import type { WireState } from '../../shared/bridge/contracts/links';
import { LinkLog } from './link-log';

/** What the app link reads of the board's session. */
export interface AppLinkSource {
  /** The session's sender while its WebSocket link is open, and the reason when it is not. */
  sender(): { readonly sender: RawSender | undefined; readonly reason?: string | undefined };
  /** The session's WebSocket wire now. */
  wire(): WireState;
  /** Asks the session to try its links now (the board is known to be back). */
  retryNow(): void;
}

/** The app's link of one board, as the steps read it. */
export class AppLink extends LinkLog {
  private closed = false;

  constructor(
    private readonly source: AppLinkSource,
    private readonly detach: () => void = () => undefined,
  ) {
    super();
  }

  get isOpen(): boolean {
    const k = this.source.wire().kind;
    return !this.closed && (k === 'open' || k === 'stale');
  }

  describeState(): string {
    const w = this.source.wire();
    if (w.kind === 'open' || w.kind === 'stale') return 'open';
    if (w.kind === 'waiting' || w.kind === 'failed') return `closed: ${w.reason}`;
    return w.kind === 'connecting' ? 'connecting' : `closed: ${w.detail}`;
  }

  /** Takes the session's new WebSocket wire state. */
  wireChanged(state: WireState): void {
    if (!this.closed) this.enter(state.kind);
  }

  retryNow(): void {
    this.source.retryNow();
  }

  /** Stops listening to the session; the session's link itself stays as it is (it is the app's). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopListening();
    this.detach();
  }

  protected senderNow(): { sender: RawSender } | { why: string } {
    if (this.closed) return { why: 'the scenario run has ended' };
    const s = this.source.sender();
    return s.sender
      ? { sender: s.sender }
      : { why: s.reason ?? `the WebSocket link is ${this.describeState()}` };
  }
}
