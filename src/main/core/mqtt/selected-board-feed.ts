import type { LedStatus, LinksState, WireState } from '../../../shared/bridge/contracts/links';
import type { ControllableLed, ParsedBoardMessage } from '../../../shared/protocol/messages';
import type { MessageRecord } from '../../../shared/recording/format';
import type { TimelineMark } from '../../../shared/telemetry/types';
import { FeedSinks, type BoardFeed, type BoardFeedSink, type FeedLinks } from './board-feed';
import type { LinkSummary } from './topics';

function summary(w: WireState): LinkSummary {
  if (w.kind === 'waiting' || w.kind === 'failed') return { state: w.kind, reason: w.reason };
  if (w.kind === 'stale') return { state: 'stale', reason: w.detail };
  return { state: w.kind };
}

/** The links of LinksState as published: the WebSocket link always, the others once they are watched. */
export function feedLinks(s: LinksState): FeedLinks {
  const links: Record<string, LinkSummary> = { ws: summary(s.ws) };
  for (const k of ['http', 'ftp', 'serial'] as const) if (s[k].kind !== 'idle') links[k] = summary(s[k]);
  return { online: s.ws.kind === 'open' || s.ws.kind === 'stale', links };
}

/**
 * The app's selected board (today's LinkManager and its events) as a BoardFeed. One instance per selection: when
 * the user selects another board, the MQTT service ends this feed and makes one for the new board. Replaced by the
 * BoardSession, which offers BoardFeed itself.
 */
export class SelectedBoardFeed implements BoardFeed {
  private readonly sinks: FeedSinks;
  private current: FeedLinks;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly virtual: boolean,
    initial: LinksState,
    private readonly setLed: (led: ControllableLed, state: boolean) => boolean,
    log?: (message: string) => void,
  ) {
    this.sinks = new FeedSinks(log);
    this.current = feedLinks(initial);
  }

  links(): FeedLinks {
    return this.current;
  }

  subscribe(sink: BoardFeedSink): () => void {
    return this.sinks.add(sink);
  }

  sendLedCommand(led: ControllableLed, state: boolean): { ok: true } | { ok: false; reason: string } {
    return this.setLed(led, state) ? { ok: true } : { ok: false, reason: 'the board is not connected' };
  }

  /** `links:state` of this board. */
  linksState(s: LinksState): void {
    const next = feedLinks(s);
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    this.sinks.links(next);
  }

  /** A received WebSocket message of this board (the link manager's onMessage), as the pipeline parsed it. */
  message(r: MessageRecord, m: ParsedBoardMessage): void {
    if (m.kind === 'telemetry') this.sinks.telemetry({ t: r.t, data: m.message.data });
  }

  /** `board:led-status` of this board. */
  ledStatus(s: LedStatus): void {
    this.sinks.led({ yellowLed: s.yellow, redLed: s.red }, s.at);
  }

  /** A connect / disconnect / stale mark of this board's link. */
  mark(mark: TimelineMark): void {
    if (mark.kind === 'stale')
      this.sinks.event({ t: mark.t, kind: 'gap', text: mark.detail ?? 'no telemetry' });
    else if (mark.kind === 'disconnect')
      this.sinks.event({ t: mark.t, kind: 'link', text: mark.detail ?? 'the link dropped' });
  }
}
