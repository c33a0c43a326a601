// The flight recorder's side of a board's WebSocket link tap: it decodes the frames of each connection (after the
// HTTP upgrade) and hands them on as `/ws/frames` messages, and the connection's life as `/ws/tcp` messages. It
// keeps only the decoding state of open connections; the frame log (frames/capture.ts) decodes the same bytes for
// the Frames page on its own, so neither depends on the other's budget.
import type { FrameDir, LinkEventKind } from '../../../shared/frames/types';
import { FrameDecoder } from '../../../shared/ws-frames';
import { tcpEventOf, type TcpEventMessage, type WsFrameMessage } from '../../../shared/session-file/messages';
import { HttpHeadReader } from '../frames/http-head';
import type { FrameTap, TapConnectionMeta } from '../frames/tap';

/** Most payload bytes kept of one frame (the rest is counted in `length`, and `truncated` says so). */
export const FRAME_PAYLOAD_KEPT = 64 * 1024;
/** Largest frame decoded; a larger one stops decoding of that direction (the firmware's frames are far smaller). */
const MAX_DECODED = 16 * 1024 * 1024;
const MAX_CONNECTIONS = 16;

/** Where the tap's messages go. */
export interface FlightTapSink {
  frame(t: number, frame: WsFrameMessage): void;
  tcp(t: number, event: TcpEventMessage): void;
}

interface Direction {
  http: HttpHeadReader | undefined;
  decoder: FrameDecoder | undefined;
}

interface Connection {
  readonly link: number;
  readonly rx: Direction;
  readonly tx: Direction;
}

/** A FrameTap that records one board's frames and TCP events. */
export class FlightTap implements FrameTap {
  private readonly connections = new Map<string, Connection>();
  private links = 0;

  constructor(private readonly sink: FlightTapSink) {}

  connectionOpened(connId: string, meta: TapConnectionMeta, t = Date.now()): void {
    const c = this.open(connId, meta.upgraded ?? false);
    this.sink.tcp(t, {
      link: c.link,
      event: 'open',
      kind: 'opening',
      detail: `opening ${meta.host}:${meta.port}`,
    });
  }

  chunk(connId: string, dir: FrameDir, bytes: Uint8Array, t = Date.now()): void {
    // A chunk of a connection whose opening was not seen: its frames start after the upgrade.
    const c = this.connections.get(connId) ?? this.open(connId, true);
    const d = c[dir];
    let rest = bytes;
    if (d.http) {
      const got = d.http.push(rest);
      if (got === undefined) return;
      if (got === 'overflow') {
        d.http = undefined;
        d.decoder = undefined;
        this.sink.tcp(t, {
          link: c.link,
          event: 'error',
          kind: 'upgrade-unanswered',
          detail: 'HTTP head too long',
        });
        return;
      }
      d.http = undefined;
      rest = got.rest;
    }
    if (!d.decoder || rest.byteLength === 0) return;
    for (const e of d.decoder.push(rest)) {
      if (e.kind === 'error') {
        d.decoder = undefined;
        this.sink.tcp(t, {
          link: c.link,
          event: 'error',
          kind: 'closed',
          detail: `undecodable ${dir}: ${e.error.message}`,
        });
        return;
      }
      const f = e.frame;
      const kept =
        f.payload.byteLength > FRAME_PAYLOAD_KEPT ? f.payload.subarray(0, FRAME_PAYLOAD_KEPT) : f.payload;
      this.sink.frame(t, {
        link: c.link,
        dir,
        opcode: f.opcode,
        fin: f.fin,
        masked: f.masked,
        length: f.payloadLength,
        payload: Buffer.from(kept.buffer, kept.byteOffset, kept.byteLength).toString('base64'),
        ...(kept.byteLength < f.payloadLength ? { truncated: true } : {}),
      });
    }
  }

  connectionEvent(connId: string, kind: LinkEventKind, detail?: string, t = Date.now()): void {
    const c = this.connections.get(connId) ?? this.open(connId, true);
    this.sink.tcp(t, { link: c.link, event: tcpEventOf(kind), kind, ...(detail ? { detail } : {}) });
    // The decoders of a closed connection go with it (a socket always ends with `closed`).
    if (kind === 'closed') this.connections.delete(connId);
  }

  private open(connId: string, upgraded: boolean): Connection {
    const direction = (): Direction => ({
      http: upgraded ? undefined : new HttpHeadReader(),
      decoder: new FrameDecoder({ expectMask: 'any', strict: false, maxPayload: MAX_DECODED }),
    });
    const c = { link: ++this.links, rx: direction(), tx: direction() };
    this.connections.set(connId, c);
    // Bounded whatever a link does: a connection never closed is forgotten after 16 newer ones.
    if (this.connections.size > MAX_CONNECTIONS)
      this.connections.delete(this.connections.keys().next().value!);
    return c;
  }
}

/** One tap feeding two (the frame log's and the flight recorder's). */
export function teeTaps(a: FrameTap, b: FrameTap): FrameTap {
  return {
    connectionOpened: (id, meta, t) => {
      a.connectionOpened(id, meta, t);
      b.connectionOpened(id, meta, t);
    },
    chunk: (id, dir, bytes, t) => {
      a.chunk(id, dir, bytes, t);
      b.chunk(id, dir, bytes, t);
    },
    connectionEvent: (id, kind, detail, t) => {
      a.connectionEvent(id, kind, detail, t);
      b.connectionEvent(id, kind, detail, t);
    },
  };
}
