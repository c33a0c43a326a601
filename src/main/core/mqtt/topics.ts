// Topic and payload builders of the lab data path (docs/mqtt.md). Pure: no I/O, no clock of their own.

/** A link's health as published: its state word and, when it is not healthy, why. */
export interface LinkSummary {
  readonly state: string;
  readonly reason?: string;
}

export type BoardState = 'online' | 'offline';

/** One name in the topic tree: characters MQTT or shells treat specially become '-'. Never empty. */
export function topicName(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return s || 'unnamed';
}

/** Topics of one bench under `prefix`. */
export class Topics {
  constructor(
    readonly prefix: string,
    readonly bench: string,
  ) {}

  private base(): string {
    return `${this.prefix}/${this.bench}`;
  }

  /** The bench's own status: retained, set offline by the broker (last will) when the bench dies. */
  benchStatus(): string {
    return `${this.base()}/status`;
  }

  boardStatus(board: string): string {
    return `${this.base()}/${board}/status`;
  }

  telemetry(board: string): string {
    return `${this.base()}/${board}/telemetry`;
  }

  led(board: string): string {
    return `${this.base()}/${board}/led`;
  }

  event(board: string): string {
    return `${this.base()}/${board}/event`;
  }

  /** Each raise and clear of an alarm on the board (not retained). */
  alarm(board: string): string {
    return `${this.base()}/${board}/alarm`;
  }

  /** The board's alarms raised now: retained, `[]` when none. */
  alarms(board: string): string {
    return `${this.base()}/${board}/alarms`;
  }

  /** The subscription for LED commands to every board of this bench. */
  ledSetFilter(): string {
    return `${this.base()}/+/led/set`;
  }

  /** The board name of a `…/<board>/led/set` topic of this bench, or undefined. */
  ledSetBoard(topic: string): string | undefined {
    const head = `${this.base()}/`;
    if (!topic.startsWith(head) || !topic.endsWith('/led/set')) return undefined;
    const board = topic.slice(head.length, -'/led/set'.length);
    return board && !board.includes('/') ? board : undefined;
  }
}

const iso = (t: number) => new Date(t).toISOString();

export function benchStatusPayload(state: BoardState, t: number, boards: readonly string[] = []): string {
  return JSON.stringify({ state, boards, t: iso(t) });
}

/**
 * The last will: the broker sends it when the bench vanishes without saying goodbye. It is fixed when the bench
 * connects, so the one time it can carry is when the lost connection was made (`connectedAt`); the moment of the
 * loss is when a subscriber receives it.
 */
export function benchWillPayload(connectedAt: number): string {
  return JSON.stringify({ state: 'offline', reason: 'connection lost', connectedAt: iso(connectedAt) });
}

export function boardStatusPayload(
  state: BoardState,
  links: Readonly<Record<string, LinkSummary>>,
  virtual: boolean,
  t: number,
): string {
  return JSON.stringify({ state, links, virtual, t: iso(t) });
}

/**
 * One board telemetry message: `t` the bench's receipt time, `seq` counts this board's telemetry from 1 since the
 * publisher started (gaps in `seq` are messages dropped by a full queue), `uptime` the board's own, `data` as sent.
 */
export function telemetryPayload(t: number, seq: number, data: Readonly<Record<string, unknown>>): string {
  const uptime = typeof data.uptime === 'number' ? data.uptime : null;
  return JSON.stringify({ t: iso(t), seq, uptime, data });
}

export function ledPayload(
  led: { readonly yellowLed: boolean; readonly redLed: boolean },
  t: number,
): string {
  return JSON.stringify({ yellowLed: led.yellowLed, redLed: led.redLed, t: iso(t) });
}

export type BoardEventKind = 'reboot' | 'gap' | 'link' | 'command';

export function eventPayload(kind: BoardEventKind, text: string, t: number): string {
  return JSON.stringify({ kind, text, t: iso(t) });
}

/** A parsed `…/led/set` payload, or why it was refused. */
export type LedSetRequest =
  | { readonly ok: true; readonly led: 'yellow' | 'red'; readonly state: boolean }
  | { readonly ok: false; readonly reason: string };

/** Reads `{"led":"yellow"|"red","state":true|false}`. Never throws. */
export function parseLedSet(payload: Buffer | string): LedSetRequest {
  const text = payload.toString();
  if (text.length > 1024) return { ok: false, reason: 'the command is longer than 1024 bytes' };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the command is not JSON' };
  }
  if (typeof v !== 'object' || v === null) return { ok: false, reason: 'the command is not a JSON object' };
  const o = v as Record<string, unknown>;
  if (o.led !== 'yellow' && o.led !== 'red') return { ok: false, reason: '"led" must be "yellow" or "red"' };
  if (typeof o.state !== 'boolean') return { ok: false, reason: '"state" must be true or false' };
  return { ok: true, led: o.led, state: o.state };
}
