// What a scenario's steps read from a board's WebSocket link, whichever connection carries it: the messages heard in
// order (a step looks for one "since the last command"), the link's states, and a way to wait for either. The
// runner's own connection (link.ts) and the app's board session (app-link.ts) both feed one.
import type { RawSender } from '../core/frames/raw-sender';
import { parseBoardMessage } from '../../shared/protocol/messages';
import type { MessageRecord } from '../../shared/recording/format';
import type { TelemetryBatchMessage } from '../../shared/protocol/telemetry-batch';

/** A text message from the board, numbered in arrival order. */
export interface Received {
  readonly seq: number;
  readonly t: number;
  readonly text: string;
  /** The message as the app's parser reads it (a JSON object with a type), or undefined when it is not one. */
  readonly value: Record<string, unknown> | undefined;
  /** A telemetry-batch frame's samples (docs/telemetry-batch.md). */
  readonly batch?: TelemetryBatchMessage;
}

/** The states a link goes through (the WebSocket link's kinds, which the app's wire states share). */
export type LinkStateKind = 'idle' | 'connecting' | 'open' | 'stale' | 'waiting' | 'failed';

/** A state the link was in, and since when. */
export interface LinkMoment {
  readonly seq: number;
  readonly t: number;
  readonly state: { readonly kind: LinkStateKind };
}

/** What the steps use of a board's link (the runner's own, or the app's session of the board). */
export interface ScenarioLink {
  /** True while the link is upgraded (open, or open but quiet). */
  readonly isOpen: boolean;
  /** The link's state in words, for a report. */
  describeState(): string;
  /** The sequence number the next message will get (a step's starting point). */
  readonly mark: number;
  /** The number the next link state will get. */
  readonly momentMark: number;
  /** Messages from `fromSeq` on, oldest first. */
  since(fromSeq: number): readonly Received[];
  /** Link states entered from `fromSeq` on. */
  momentsSince(fromSeq: number): readonly LinkMoment[];
  /** Sends text; throws with the reason when the link is not open. */
  sendText(text: string): Promise<void>;
  /** Writes a hand-built frame onto the socket as it is. */
  sendRaw(bytes: Uint8Array): Promise<void>;
  /** Tries again now when waiting to reconnect (the board is known to be back). */
  retryNow(): void;
  /** Resolves with what `probe` gives as soon as it gives something, or undefined when `ms` pass first. */
  waitFor<T>(probe: () => T | undefined, ms: number): Promise<T | undefined>;
  /** Stops listening (and, for the runner's own connection, closes it). */
  close(): Promise<void>;
}

/** Most messages kept; older ones fall out (a step only looks at what came since the previous command). */
const MAX_KEPT = 20_000;
const MAX_MOMENTS = 1000;

/** The heard messages and link states of one link, and the waiting on them; subclasses say how to send. */
export abstract class LinkLog implements ScenarioLink {
  private readonly heard: Received[] = [];
  private readonly moments: LinkMoment[] = [];
  private readonly listeners = new Set<() => void>();
  private nextSeq = 0;
  private nextMoment = 0;

  abstract readonly isOpen: boolean;
  abstract describeState(): string;
  abstract retryNow(): void;
  abstract close(): Promise<void>;
  /** The sender of the open link, or the reason there is none. */
  protected abstract senderNow(): { sender: RawSender } | { why: string };

  /** Takes one message of the link (only received text frames are kept). */
  record(r: MessageRecord): void {
    if (r.dir !== 'rx' || r.op !== 1 || r.data === undefined) return;
    this.heard.push({ seq: this.nextSeq++, t: r.t, text: r.data, ...readMessage(r.data) });
    if (this.heard.length > MAX_KEPT) this.heard.splice(0, this.heard.length - MAX_KEPT);
    this.changed();
  }

  /** Takes a state the link entered. */
  enter(kind: LinkStateKind, t = Date.now()): void {
    this.moments.push({ seq: this.nextMoment++, t, state: { kind } });
    if (this.moments.length > MAX_MOMENTS) this.moments.splice(0, this.moments.length - MAX_MOMENTS);
    this.changed();
  }

  get mark(): number {
    return this.nextSeq;
  }

  get momentMark(): number {
    return this.nextMoment;
  }

  since(fromSeq: number): readonly Received[] {
    const first = this.heard[0]?.seq ?? this.nextSeq;
    return this.heard.slice(Math.max(0, fromSeq - first));
  }

  momentsSince(fromSeq: number): readonly LinkMoment[] {
    return this.moments.filter((m) => m.seq >= fromSeq);
  }

  async sendText(text: string): Promise<void> {
    const s = this.senderNow();
    if ('why' in s) throw new Error(s.why);
    await s.sender.sendText(text);
  }

  async sendRaw(bytes: Uint8Array): Promise<void> {
    const s = this.senderNow();
    if ('why' in s) throw new Error(s.why);
    await s.sender.sendRaw(bytes);
  }

  waitFor<T>(probe: () => T | undefined, ms: number): Promise<T | undefined> {
    const now = probe();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve) => {
      const done = (v: T | undefined) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(v);
      };
      const check = () => {
        const v = probe();
        if (v !== undefined) done(v);
      };
      const timer = setTimeout(() => done(probe()), Math.max(0, ms));
      this.listeners.add(check);
    });
  }

  /** Forgets the waiters' wake-ups (each still ends at its time). */
  protected stopListening(): void {
    this.listeners.clear();
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }
}

/**
 * Reads a text with the app's parser (src/shared/protocol/messages.ts). A JSON object the parser finds invalid (a
 * led-status with a non-boolean LED) is kept as it is, so an expectation can still say what it held.
 */
function readMessage(text: string): Pick<Received, 'value' | 'batch'> {
  const p = parseBoardMessage(text);
  switch (p.kind) {
    case 'led-status':
    case 'telemetry':
      return { value: { ...p.message } };
    case 'other':
      return { value: p.value };
    case 'telemetry-batch':
      return { value: { type: 'telemetry-batch' }, batch: p.batch };
    case 'invalid':
      return { value: jsonObject(text) };
  }
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
