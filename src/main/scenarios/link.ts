// The runner's own WebSocket connection to the board: the app's WsLink (tuned for the firmware: no pings, Nagle
// off, reconnect with backoff), with what it heard kept in order so steps can look for a message "since the last
// command". On the firmware this connection IS the one client the board serves (docs/firmware-protocol.md §3.6).
import type { RawSender } from '../core/frames/raw-sender';
import { WsLink, type WsLinkState } from '../core/links/ws-link';
import { parseBoardMessage } from '../../shared/protocol/messages';
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

/** A state the link was in, and since when. */
export interface LinkMoment {
  readonly seq: number;
  readonly t: number;
  readonly state: WsLinkState;
}

/** Most messages kept; older ones fall out (a step only looks at what came since the previous command). */
const MAX_KEPT = 20_000;

/** Everything the runner hears, and a way to wait for something in it. */
export class RunnerLink {
  private readonly link: WsLink;
  private readonly heard: Received[] = [];
  private readonly moments: LinkMoment[] = [];
  private readonly listeners = new Set<() => void>();
  private nextSeq = 0;
  private nextMoment = 0;
  private sender: RawSender | undefined;
  private senderWhy = 'The WebSocket link has not opened yet.';

  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    this.link = new WsLink({
      host,
      port,
      reconnect: true,
      // A board that rebooted or dropped the link is tried again soon: a scenario waits in seconds, not minutes.
      backoff: { stepsMs: [250, 500, 1000, 2000] },
      onRecord: (r) => {
        if (r.dir !== 'rx' || r.op !== 1 || r.data === undefined) return;
        this.heard.push({ seq: this.nextSeq++, t: r.t, text: r.data, ...readMessage(r.data) });
        if (this.heard.length > MAX_KEPT) this.heard.splice(0, this.heard.length - MAX_KEPT);
        this.changed();
      },
      onState: (state) => {
        this.moments.push({ seq: this.nextMoment++, t: Date.now(), state });
        if (this.moments.length > 1000) this.moments.splice(0, this.moments.length - 1000);
        this.changed();
      },
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

  /** True while the link is upgraded (open, or open but quiet). */
  get isOpen(): boolean {
    return this.link.state.kind === 'open' || this.link.state.kind === 'stale';
  }

  /** The link's state in words, for a report. */
  describeState(): string {
    const s = this.link.state;
    if (s.kind === 'open' || s.kind === 'stale') return 'open';
    if (s.kind === 'waiting' || s.kind === 'failed') return `closed: ${s.reason}`;
    return s.kind === 'connecting' ? 'connecting' : 'closed';
  }

  /** The sequence number the next message will get (a step's starting point). */
  get mark(): number {
    return this.nextSeq;
  }

  /** The number the next link state will get. */
  get momentMark(): number {
    return this.nextMoment;
  }

  /** Messages from `fromSeq` on, oldest first. */
  since(fromSeq: number): readonly Received[] {
    const first = this.heard[0]?.seq ?? this.nextSeq;
    return this.heard.slice(Math.max(0, fromSeq - first));
  }

  /** Link states entered from `fromSeq` on. */
  momentsSince(fromSeq: number): readonly LinkMoment[] {
    return this.moments.filter((m) => m.seq >= fromSeq);
  }

  /** Sends text; throws with the reason when the link is not open. */
  async sendText(text: string): Promise<void> {
    if (!this.sender) throw new Error(this.senderWhy);
    await this.sender.sendText(text);
  }

  /** Writes a hand-built frame onto the socket as it is. */
  async sendRaw(bytes: Uint8Array): Promise<void> {
    if (!this.sender) throw new Error(this.senderWhy);
    await this.sender.sendRaw(bytes);
  }

  /** Tries again now when waiting to reconnect (the board is known to be back). */
  retryNow(): void {
    this.link.retryNow();
  }

  /**
   * Resolves with what `probe` gives as soon as it gives something (checked now and on every message or state
   * change), or undefined when `ms` pass first.
   */
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

  async close(): Promise<void> {
    this.listeners.clear();
    await this.link.close();
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
