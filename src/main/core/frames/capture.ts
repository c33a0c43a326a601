// FrameCapture: the passive side of the frame log. A link's tap feeds it raw TCP chunks; it reads the HTTP upgrade,
// decodes frames with the shared codec (lenient, any mask), describes each one, marks the firmware's quirks, and
// keeps a bounded log of items and of the raw chunks (for pcapng, capture-store.ts). It never touches the link.
import { FrameDecoder, type WireFrame, type FrameError } from '../../../shared/ws-frames';
import { toHex } from '../../../shared/frames/bytes';
import {
  opcodeName,
  type CaptureStats,
  type FrameDir,
  type LinkEventKind,
} from '../../../shared/frames/types';
import { baseRow, headerOf, NOTE_CLOSE_NOT_ECHOED, NOTE_NO_PONG } from './capture-rows';
import {
  CaptureStore,
  type CaptureBatch,
  type CapturedItem,
  type ChunkRecord,
  type StoreLimits,
} from './capture-store';
import { HttpHeadReader, type HttpHead } from './http-head';
import { describeFrame } from './preview';
import type { FrameTap, TapConnectionMeta } from './tap';

export { NOTE_CLOSE_NOT_ECHOED, NOTE_NO_PONG } from './capture-rows';
export type { CaptureBatch, CapturedItem, ChunkRecord, StoreLimits } from './capture-store';

/** Limits of the capture. */
export interface CaptureOptions {
  /** Items held (default 50,000); the oldest are dropped and counted. */
  readonly maxItems?: number;
  /** Payload bytes held across items (default 64 MiB). */
  readonly maxBytes?: number;
  /** Payload bytes kept per frame (default 64 KiB); the rest is marked truncated. */
  readonly maxFramePayload?: number;
  /** Raw chunks held for pcapng (default 100,000) and their byte cap (default 32 MiB). */
  readonly maxChunks?: number;
  readonly maxChunkBytes?: number;
  /** Largest frame the decoder buffers (default 16 MiB); a larger one stops decoding of that direction. */
  readonly maxDecodePayload?: number;
  /** Wait for a PONG or a Close echo before marking the quirk (default 2000 ms). */
  readonly echoTimeoutMs?: number;
  /** Clock, ms since the epoch (fractional). */
  readonly now?: () => number;
  /** The most items and chunks `setLimits` may ever allow (default: maxItems and maxChunks). */
  readonly room?: Pick<StoreLimits, 'maxItems' | 'maxChunks'>;
}

/** A connection as the capture saw it. */
export interface CapturedConnection {
  readonly connId: string;
  /** Its number in this capture (1, 2, 3…), the "link 4" the page shows. */
  readonly link: number;
  readonly meta: TapConnectionMeta;
  readonly openedAt: number;
  /** How it ended, once it has. */
  end: { kind: LinkEventKind; t: number } | undefined;
}

interface DirState {
  mode: 'http' | 'frames' | 'stopped';
  readonly http: HttpHeadReader;
  readonly decoder: FrameDecoder;
  /** Bytes pushed into the decoder so far (its stream offset). */
  pos: number;
}

interface ConnState extends CapturedConnection {
  readonly tx: DirState;
  readonly rx: DirState;
  pings: Array<{ seq: number; t: number }>;
  closeSent: { seq: number; t: number } | undefined;
  closeEchoed: boolean;
}

/** The frame log's store, fed by a tap. */
export class FrameCapture implements FrameTap {
  private readonly store: CaptureStore;
  private readonly conns = new Map<string, ConnState>();
  private links = 0;
  private readonly opt: Required<Omit<CaptureOptions, 'now' | 'room'>>;
  private readonly now: () => number;

  constructor(options: CaptureOptions = {}) {
    this.opt = {
      maxItems: options.maxItems ?? 50_000,
      maxBytes: options.maxBytes ?? 64 * 1024 * 1024,
      maxFramePayload: options.maxFramePayload ?? 64 * 1024,
      maxChunks: options.maxChunks ?? 100_000,
      maxChunkBytes: options.maxChunkBytes ?? 32 * 1024 * 1024,
      maxDecodePayload: options.maxDecodePayload ?? 16 * 1024 * 1024,
      echoTimeoutMs: options.echoTimeoutMs ?? 2000,
    };
    this.now = options.now ?? (() => performance.timeOrigin + performance.now());
    this.store = new CaptureStore(this.opt, options.room);
  }

  /** Changes how much this capture holds (its board's share of the budget); the oldest items go first. */
  setLimits(limits: StoreLimits): void {
    this.store.setLimits(limits);
  }

  limits(): StoreLimits {
    return this.store.limits();
  }

  // ---- FrameTap ----

  connectionOpened(connId: string, meta: TapConnectionMeta, t = this.now()): void {
    const mode = meta.upgraded ? 'frames' : 'http';
    // Ended connections are kept for export; a reconnect loop must not grow the map for ever.
    if (this.conns.size >= 1000)
      for (const [id, c] of this.conns) if (c.end && this.conns.size >= 1000) this.conns.delete(id);
    const dir = (): DirState => ({
      mode,
      http: new HttpHeadReader(),
      decoder: new FrameDecoder({ expectMask: 'any', strict: false, maxPayload: this.opt.maxDecodePayload }),
      pos: 0,
    });
    this.conns.set(connId, {
      connId,
      link: ++this.links,
      meta,
      openedAt: t,
      end: undefined,
      tx: dir(),
      rx: dir(),
      pings: [],
      closeSent: undefined,
      closeEchoed: false,
    });
    // The board's id is internal: the page names the board itself, so the event says only where the link went.
    const who = `${meta.host}:${meta.port}`;
    this.addEvent(connId, t, `opening ${who}${meta.upgraded ? ', tapped after the upgrade' : ''}`);
  }

  chunk(connId: string, dir: FrameDir, bytes: Uint8Array, t = this.now()): void {
    const conn = this.conns.get(connId);
    if (!conn) {
      this.connectionOpened(connId, { host: 'unknown', port: 0, upgraded: true }, t);
      return this.chunk(connId, dir, bytes, t);
    }
    if (bytes.length === 0) return;
    const no = this.store.addChunk(connId, dir, bytes.slice(), t);
    const st = conn[dir];
    let rest: Uint8Array = bytes;
    if (st.mode === 'http') {
      const got = st.http.push(bytes);
      if (got === undefined) return;
      if (got === 'overflow') {
        st.mode = 'stopped';
        this.store.addItem(
          baseRow(
            conn.link,
            dir,
            'decode-error',
            t,
            no,
            'decode-error',
            `HTTP head longer than 16 KiB without a blank line: stopped reading ${dir}`,
          ),
          new Uint8Array(0),
          1,
        );
        return;
      }
      this.addHttp(conn, dir, got.head, t, no);
      rest = got.rest;
    }
    if (st.mode !== 'frames' || rest.length === 0) return;
    const startPos = st.pos;
    st.pos += rest.length;
    const events = st.decoder.push(rest);
    const frames = events.filter((e): e is { kind: 'frame'; frame: WireFrame } => e.kind === 'frame').length;
    let index = 0;
    for (const ev of events) {
      if (ev.kind === 'error') {
        this.addDecodeError(conn.link, dir, ev.error, t, no);
        st.mode = 'stopped';
        continue;
      }
      index++;
      this.addFrame(conn, dir, ev.frame, t, no, frames, index, ev.frame.offset < startPos);
    }
  }

  connectionEvent(connId: string, kind: LinkEventKind, detail?: string, t = this.now()): void {
    const conn = this.conns.get(connId);
    const words: Record<LinkEventKind, string> = {
      connected: 'TCP connected',
      reset: 'connection reset (RST)',
      fin: 'board closed TCP (FIN)',
      timeout: 'timeout',
      'upgrade-unanswered': 'upgrade request not answered',
      closed: 'connection closed by the app',
    };
    const seq = this.addEvent(connId, t, `${words[kind]}${detail ? `: ${detail}` : ''}`, kind);
    if (conn && kind !== 'connected' && kind !== 'timeout') {
      conn.end = { kind, t };
      this.settleEchoes(conn, Number.POSITIVE_INFINITY, seq);
    }
  }

  // ---- reading ----

  /** Marks quirks whose wait has expired. Call every few hundred ms (the frames handler does). */
  sweep(now = this.now()): void {
    for (const conn of this.conns.values()) if (!conn.end) this.settleEchoes(conn, now);
  }

  /** Rows and notes since the last call, or undefined when nothing changed. */
  drainBatch(): CaptureBatch | undefined {
    return this.store.drainBatch();
  }

  stats(): CaptureStats {
    return this.store.stats();
  }

  /** The item with sequence number `seq`, if still held. */
  get(seq: number): CapturedItem | undefined {
    return this.store.get(seq);
  }

  /** Every held item, oldest first. */
  allItems(): Iterable<CapturedItem> {
    return this.store.allItems();
  }

  /** Every held chunk, oldest first. */
  allChunks(): Iterable<ChunkRecord> {
    return this.store.allChunks();
  }

  connection(connId: string): CapturedConnection | undefined {
    return this.conns.get(connId);
  }

  /** Forgets every item and chunk (open connections keep decoding). */
  clear(): void {
    this.store.clear();
    for (const [id, c] of this.conns) if (c.end) this.conns.delete(id);
  }

  // ---- building items ----

  private settleEchoes(conn: ConnState, now: number, endSeq?: number): void {
    const wait = this.opt.echoTimeoutMs;
    const ended = endSeq !== undefined;
    while (conn.pings.length && (ended || now - conn.pings[0]!.t >= wait)) {
      const p = conn.pings.shift()!;
      this.store.addNote(
        p.seq,
        ended && now - p.t < wait ? 'no PONG before the connection ended' : NOTE_NO_PONG,
      );
    }
    const cs = conn.closeSent;
    if (cs && !conn.closeEchoed && (ended || now - cs.t >= wait)) {
      conn.closeSent = undefined;
      this.store.addNote(cs.seq, NOTE_CLOSE_NOT_ECHOED);
      if (endSeq !== undefined && conn.end?.kind === 'reset')
        this.store.addNote(endSeq, 'the firmware resets the connection after an unanswered Close');
    }
  }

  private addFrame(
    conn: ConnState,
    dir: FrameDir,
    f: WireFrame,
    t: number,
    chunk: number,
    inChunk: number,
    index: number,
    split: boolean,
  ): void {
    const cap = this.opt.maxFramePayload;
    const truncated = f.payload.length > cap;
    const payload = truncated ? f.payload.slice(0, cap) : f.payload;
    const { preview, msgType } = describeFrame(f.opcode, payload, f.payloadLength, truncated);
    const row = {
      ...baseRow(conn.link, dir, 'frame', t, chunk, msgType, preview),
      fin: f.fin,
      rsv: (f.rsv1 ? 4 : 0) | (f.rsv2 ? 2 : 0) | (f.rsv3 ? 1 : 0),
      opcode: f.opcode,
      opName: opcodeName(f.opcode),
      masked: f.masked,
      maskKey: f.maskKey ? toHex(f.maskKey, '') : undefined,
      length: f.payloadLength,
      header: toHex(headerOf(f)),
      truncated,
    };
    if (dir === 'tx' && inChunk > 1) {
      row.notes.push(
        index === 1
          ? `${inChunk} frames in one TCP read: the firmware handles only the first`
          : `frame ${index} of ${inChunk} in one TCP read: the firmware ignores it`,
      );
    }
    if (dir === 'tx' && split) row.notes.push('frame split across TCP writes: the firmware drops it');
    const seq = this.store.addItem(row, payload, inChunk);
    if (dir === 'tx' && f.opcode === 9) conn.pings.push({ seq, t });
    if (dir === 'rx' && f.opcode === 10) conn.pings.shift();
    if (dir === 'tx' && f.opcode === 8 && !conn.closeSent) conn.closeSent = { seq, t };
    if (dir === 'rx' && f.opcode === 8) conn.closeEchoed = true;
  }

  private addHttp(conn: ConnState, dir: FrameDir, head: HttpHead, t: number, chunk: number): void {
    const get = (name: string): string | undefined =>
      head.headers.find(([k]) => k.toLowerCase() === name)?.[1];
    const key = dir === 'tx' ? get('sec-websocket-key') : get('sec-websocket-accept');
    const extra = key ? ` · ${dir === 'tx' ? 'key' : 'accept'} ${key}` : '';
    const row = baseRow(conn.link, dir, 'http', t, chunk, 'http', `${head.startLine}${extra}`);
    const st = conn[dir];
    st.mode = 'frames';
    if (dir === 'rx' && head.status !== 101) {
      st.mode = 'stopped';
      conn.tx.mode = 'stopped';
      row.notes.push(`answer ${head.status ?? '(not HTTP)'} is not 101: the link did not upgrade`);
    }
    this.store.addItem({ ...row, length: head.bytes.length }, head.bytes, 1);
  }

  private addDecodeError(link: number, dir: FrameDir, e: FrameError, t: number, chunk: number): void {
    const row = baseRow(
      link,
      dir,
      'decode-error',
      t,
      chunk,
      'decode-error',
      `${e.code}: ${e.message} at stream byte ${e.offset}; decoding of ${dir} stopped`,
    );
    this.store.addItem(row, new Uint8Array(0), 1);
  }

  private addEvent(connId: string, t: number, text: string, kind?: LinkEventKind): number {
    const row = baseRow(this.conns.get(connId)?.link ?? 0, undefined, 'event', t, 0, 'event', text);
    if (kind === 'upgrade-unanswered')
      row.notes.push('the firmware waits 5 s for a request in one TCP segment, then resets');
    return this.store.addItem(row, new Uint8Array(0), 0);
  }
}
