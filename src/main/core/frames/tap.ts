// The hook a link calls with the raw bytes of its socket. ws-link implements the calling side; FrameCapture the
// receiving side. Nothing here knows about sockets, so tests and benchmarks feed bytes directly.
import type { FrameDir, LinkEventKind } from '../../../shared/frames/types';

/** What a link knows about a connection when it opens it. */
export interface TapConnectionMeta {
  /** Board host as typed (name or IPv4 literal). */
  readonly host: string;
  /** Board port (8080 for the firmware). */
  readonly port: number;
  /** Board profile id, if any. */
  readonly boardId?: string;
  /** Local address and port of the socket, when known (pcapng export uses them; invented otherwise). */
  readonly localAddress?: string;
  readonly localPort?: number;
  /** The tap starts after the HTTP upgrade (bytes are frames from the first one). Default false. */
  readonly upgraded?: boolean;
}

/** Raw-bytes tap of a WebSocket link. Times are ms since the epoch, fractional when sub-ms is known. */
export interface FrameTap {
  /** A TCP connection to a board starts (before any byte of it). */
  connectionOpened(connId: string, meta: TapConnectionMeta, t?: number): void;
  /** One TCP read (rx) or one socket write (tx), exactly as it went. The tap copies what it keeps. */
  chunk(connId: string, dir: FrameDir, bytes: Uint8Array, t?: number): void;
  /** Something happened to the connection: TCP connected, RST or FIN from the board, a timeout, no answer to the
   *  upgrade, or the app closed it. `detail` is a short human text. */
  connectionEvent(connId: string, kind: LinkEventKind, detail?: string, t?: number): void;
}
