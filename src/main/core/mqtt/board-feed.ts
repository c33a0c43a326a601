import type { ControllableLed } from '../../../shared/protocol/messages';
import type { BoardEventKind, LinkSummary } from './topics';

/** One telemetry message of a board, with the bench's receipt time. */
export interface FeedTelemetry {
  /** Receipt time at the bench, ms since the epoch. */
  readonly t: number;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The board's link health: whether it is online (its WebSocket link hears it) and each link's state. */
export interface FeedLinks {
  readonly online: boolean;
  readonly links: Readonly<Record<string, LinkSummary>>;
}

/** Something that happened to the board, in words (a gap in telemetry, a link failure). */
export interface FeedEvent {
  readonly t: number;
  readonly kind: Exclude<BoardEventKind, 'command'>;
  readonly text: string;
}

export interface BoardFeedSink {
  links(l: FeedLinks): void;
  telemetry(m: FeedTelemetry): void;
  led(status: { readonly yellowLed: boolean; readonly redLed: boolean }, t: number): void;
  event(e: FeedEvent): void;
  /**
   * The samples of one telemetry-batch frame, each at its own time (docs/telemetry-batch.md). Optional: the lab
   * data path publishes the board's messages as they came, the alarms judge every sample.
   */
  samples?(batch: readonly FeedTelemetry[]): void;
}

/**
 * What a watched board offers the lab data path. The board session (BoardSession, in the app and in the headless
 * agent alike) implements it; the MQTT side knows nothing else of boards.
 */
export interface BoardFeed {
  /** Stable id (the board profile's id). */
  readonly id: string;
  /** The name shown to people; its topic-safe form is the board's level in the topic tree. */
  readonly name: string;
  readonly virtual: boolean;
  /** The links now. */
  links(): FeedLinks;
  /** Receives everything from now on; returns the unsubscribe function. */
  subscribe(sink: BoardFeedSink): () => void;
  /** Sends an led-command to the board; false (with why) when it cannot be sent now. */
  sendLedCommand(led: ControllableLed, state: boolean): { ok: true } | { ok: false; reason: string };
}

/** Fan-out to the sinks of one feed; a throwing sink never stops the others. */
export class FeedSinks implements BoardFeedSink {
  private readonly sinks = new Set<BoardFeedSink>();

  constructor(private readonly log: (message: string) => void = () => {}) {}

  add(sink: BoardFeedSink): () => void {
    this.sinks.add(sink);
    return () => {
      this.sinks.delete(sink);
    };
  }

  private each(fn: (s: BoardFeedSink) => void): void {
    for (const s of this.sinks) {
      try {
        fn(s);
      } catch (err) {
        this.log(`board feed listener failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  links(l: FeedLinks): void {
    this.each((s) => s.links(l));
  }
  telemetry(m: FeedTelemetry): void {
    this.each((s) => s.telemetry(m));
  }
  led(status: { readonly yellowLed: boolean; readonly redLed: boolean }, t: number): void {
    this.each((s) => s.led(status, t));
  }
  event(e: FeedEvent): void {
    this.each((s) => s.event(e));
  }
  samples(batch: readonly FeedTelemetry[]): void {
    this.each((s) => s.samples?.(batch));
  }
  /** Whether any sink takes a batch's samples (they are made only then). */
  get wantsSamples(): boolean {
    for (const s of this.sinks) if (s.samples) return true;
    return false;
  }
}
