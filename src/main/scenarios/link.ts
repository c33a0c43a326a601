// The runner's own WebSocket connection to the board: the app's WsLink (tuned for the firmware: no pings, Nagle
// off, reconnect with backoff), with what it heard kept in order so steps can look for a message "since the last
// command". On the firmware this connection IS the one client the board serves (docs/firmware-protocol.md §3.6), so
// the app runs scenarios on its own session's link instead (app-link.ts).
import type { RawSender } from '../core/frames/raw-sender';
import { WsLink, type WsLinkState } from '../core/links/ws-link';
import { LinkLog } from './link-log';

export type { LinkMoment, Received, ScenarioLink } from './link-log';

/** Everything the runner hears on its own connection, and a way to wait for something in it. */
export class RunnerLink extends LinkLog {
  private readonly link: WsLink;
  private sender: RawSender | undefined;
  private senderWhy = 'The WebSocket link has not opened yet.';

  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super();
    this.link = new WsLink({
      host,
      port,
      reconnect: true,
      // A board that rebooted or dropped the link is tried again soon: a scenario waits in seconds, not minutes.
      backoff: { stepsMs: [250, 500, 1000, 2000] },
      onRecord: (r) => this.record(r),
      onState: (state) => this.enter(state.kind),
      onSender: (s, why) => {
        this.sender = s;
        if (why) this.senderWhy = why;
      },
    });
  }

  start(): void {
    this.link.start();
  }

  get state(): WsLinkState {
    return this.link.state;
  }

  get isOpen(): boolean {
    return this.link.state.kind === 'open' || this.link.state.kind === 'stale';
  }

  describeState(): string {
    const s = this.link.state;
    if (s.kind === 'open' || s.kind === 'stale') return 'open';
    if (s.kind === 'waiting' || s.kind === 'failed') return `closed: ${s.reason}`;
    return s.kind === 'connecting' ? 'connecting' : 'closed';
  }

  retryNow(): void {
    this.link.retryNow();
  }

  async close(): Promise<void> {
    this.stopListening();
    await this.link.close();
  }

  protected senderNow(): { sender: RawSender } | { why: string } {
    return this.sender ? { sender: this.sender } : { why: this.senderWhy };
  }
}
