import {
  FeedSinks,
  type BoardFeed,
  type BoardFeedSink,
  type FeedLinks,
} from '../../src/main/core/mqtt/board-feed';

/** A BoardFeed driven by the test: what it emits is exactly what the test says. */
export class FakeFeed implements BoardFeed {
  readonly sinks = new FeedSinks();
  readonly commands: Array<{ led: string; state: boolean }> = [];
  private current: FeedLinks = { online: true, links: { ws: { state: 'open' } } };
  constructor(
    readonly id: string,
    readonly name: string,
    readonly virtual = true,
  ) {}
  links(): FeedLinks {
    return this.current;
  }
  setLinks(l: FeedLinks): void {
    this.current = l;
    this.sinks.links(l);
  }
  subscribe(sink: BoardFeedSink): () => void {
    return this.sinks.add(sink);
  }
  sendLedCommand(led: 'yellow' | 'red', state: boolean) {
    this.commands.push({ led, state });
    return { ok: true as const };
  }
  /** `n` telemetry messages with uptime counting up from `from`. */
  telemetry(n: number, from = 0): void {
    for (let i = 0; i < n; i++)
      this.sinks.telemetry({ t: Date.now(), data: { uptime: from + i, randomInt: i } });
  }
}
