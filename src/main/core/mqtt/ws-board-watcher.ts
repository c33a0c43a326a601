import { ledCommandText, parseBoardMessage, type ControllableLed } from '../../../shared/protocol/messages';
import { WsLink, type WsLinkOptions, type WsLinkState } from '../links/ws-link';
import { FeedSinks, type BoardFeed, type BoardFeedSink, type FeedLinks } from './board-feed';
import type { LinkSummary } from './topics';

export interface WsBoardWatcherOptions {
  readonly id: string;
  readonly name: string;
  readonly virtual: boolean;
  readonly host: string;
  readonly wsPort: number;
  readonly log?: (message: string) => void;
  /** Overrides for the WebSocket link (tests shorten timeouts). */
  readonly wsOptions?: Partial<WsLinkOptions>;
}

function summary(s: WsLinkState): LinkSummary {
  switch (s.kind) {
    case 'open':
    case 'idle':
    case 'connecting':
      return { state: s.kind };
    case 'stale':
      return { state: 'stale', reason: 'connected, but the board has gone quiet' };
    case 'waiting':
    case 'failed':
      return { state: s.kind, reason: s.reason };
  }
}

/**
 * STAND-IN for the board session: watches one board over the core's WebSocket link and telemetry parsing, and
 * offers it as a BoardFeed for the headless agent. When BoardSession exists, it implements BoardFeed itself and this
 * file goes. WebSocket only: no HTTP/FTP probes, no recorder.
 */
export class WsBoardWatcher implements BoardFeed {
  readonly id: string;
  readonly name: string;
  readonly virtual: boolean;
  private readonly sinks: FeedSinks;
  private readonly link: WsLink;
  private current: FeedLinks = { online: false, links: { ws: { state: 'idle' } } };

  constructor(opts: WsBoardWatcherOptions) {
    this.id = opts.id;
    this.name = opts.name;
    this.virtual = opts.virtual;
    this.sinks = new FeedSinks(opts.log);
    this.link = new WsLink({
      host: opts.host,
      port: opts.wsPort,
      boardId: opts.id,
      isPeriodic: (text) => text.includes('"telemetry"'),
      ...opts.wsOptions,
      onRecord: (r) => {
        if (r.dir !== 'rx' || r.op !== 1 || r.data === undefined) return;
        const m = parseBoardMessage(r.data);
        if (m.kind === 'telemetry') this.sinks.telemetry({ t: r.t, data: m.message.data });
        else if (m.kind === 'led-status') this.sinks.led(m.message.data, r.t);
      },
      onState: (s) => {
        const online = s.kind === 'open' || s.kind === 'stale';
        const next: FeedLinks = { online, links: { ws: summary(s) } };
        // 'connecting' between two 'waiting's is not news for the broker.
        if (!online && this.current.online === false && s.kind === 'connecting') return;
        this.current = next;
        this.sinks.links(next);
      },
      onMark: (mark) => {
        if (mark.kind === 'stale')
          this.sinks.event({ t: mark.t, kind: 'gap', text: mark.detail ?? 'no telemetry' });
        else if (mark.kind === 'disconnect')
          this.sinks.event({ t: mark.t, kind: 'link', text: mark.detail ?? 'the link dropped' });
      },
    });
  }

  start(): void {
    this.link.start();
  }

  async close(): Promise<void> {
    await this.link.close();
  }

  links(): FeedLinks {
    return this.current;
  }

  subscribe(sink: BoardFeedSink): () => void {
    return this.sinks.add(sink);
  }

  sendLedCommand(led: ControllableLed, state: boolean): { ok: true } | { ok: false; reason: string } {
    return this.link.send(ledCommandText(led, state))
      ? { ok: true }
      : { ok: false, reason: 'the board is not connected' };
  }
}
