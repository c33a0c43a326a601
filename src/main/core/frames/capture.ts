// FrameCapture: the passive side of the frame log. A link's tap feeds it raw TCP chunks; it reads the HTTP upgrade,
// decodes frames with the shared codec (lenient, any mask), describes each one, marks the firmware's quirks, and
// keeps a bounded log of items and of the raw chunks (for pcapng). It never touches the link.
import { FrameDecoder, type WireFrame, type FrameError } from '../../../shared/ws-frames';
import { toHex } from '../../../shared/frames/bytes';
import {
  opcodeName,
  type CaptureKind,
  type CaptureStats,
  type FrameDir,
  type FrameNote,
  type FrameRow,
  type FramesBatch,
  type LinkEventKind,
} from '../../../shared/frames/types';
import { HttpHeadReader, type HttpHead } from './http-head';
import { describeFrame, MAX_PREVIEW } from './preview';
import { Ring } from './ring';
import type { FrameTap, TapConnectionMeta } from './tap';

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
}

/** One captured item: the row the table shows and the bytes behind it. */
export interface CapturedItem {
  readonly row: FrameRow & { notes: string[] };
  /** Kept payload (frames) or head bytes (HTTP); empty for events. */
  readonly payload: Uint8Array;
  readonly framesInChunk: number;
}

/** One TCP read or write as it happened. */
export interface ChunkRecord {
  readonly no: number;
  readonly connId: string;
  readonly dir: FrameDir;
  readonly t: number;
  readonly bytes: Uint8Array;
}

/** A connection as the capture saw it. */
export interface CapturedConnection {
  readonly connId: string;
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

export const NOTE_NO_PONG = 'no PONG within 2 s (the firmware never answers pings)';
export const NOTE_CLOSE_NOT_ECHOED = 'Close not echoed (firmware behaviour)';

/** The frame log's store, fed by a tap. */
export class FrameCapture implements FrameTap {
  private readonly items: Ring<CapturedItem>;
  private readonly chunks: Ring<ChunkRecord>;
  private readonly conns = new Map<string, ConnState>();
  private readonly opt: Required<Omit<CaptureOptions, 'now'>>;
  private readonly now: () => number;
  private seq = 0;
  private chunkNo = 0;
  private bytes = 0;
  private chunkBytes = 0;
  private dropped = 0;
  private pendingRows: FrameRow[] = [];
  private pendingNotes: FrameNote[] = [];
  private cleared = false;

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
    this.items = new Ring(this.opt.maxItems);
    this.chunks = new Ring(this.opt.maxChunks);
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
      meta,
      openedAt: t,
      end: undefined,
      tx: dir(),
      rx: dir(),
      pings: [],
      closeSent: undefined,
      closeEchoed: false,
    });
    const who = `${meta.host}:${meta.port}${meta.boardId ? ` (${meta.boardId})` : ''}`;
    this.addEvent(connId, t, `opening ${who}${meta.upgraded ? ', tapped after the upgrade' : ''}`);
  }

  chunk(connId: string, dir: FrameDir, bytes: Uint8Array, t = this.now()): void {
    const conn = this.conns.get(connId);
    if (!conn) {
      this.connectionOpened(connId, { host: 'unknown', port: 0, upgraded: true }, t);
      return this.chunk(connId, dir, bytes, t);
    }
    if (bytes.length === 0) return;
    const no = this.addChunk(connId, dir, bytes.slice(), t);
    const st = conn[dir];
    let rest: Uint8Array = bytes;
    if (st.mode === 'http') {
      const got = st.http.push(bytes);
      if (got === undefined) return;
      if (got === 'overflow') {
        st.mode = 'stopped';
        this.addItem(
          this.baseRow(
            connId,
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
        this.addDecodeError(connId, dir, ev.error, t, no);
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
  drainBatch(): FramesBatch | undefined {
    if (!this.pendingRows.length && !this.pendingNotes.length && !this.cleared) return undefined;
    const batch: FramesBatch = {
      rows: this.pendingRows,
      notes: this.pendingNotes,
      stats: this.stats(),
      cleared: this.cleared,
    };
    this.pendingRows = [];
    this.pendingNotes = [];
    this.cleared = false;
    return batch;
  }

  stats(): CaptureStats {
    return { held: this.items.length, dropped: this.dropped, lastSeq: this.seq, bytes: this.bytes };
  }

  /** The item with sequence number `seq`, if still held. */
  get(seq: number): CapturedItem | undefined {
    const first = this.items.at(0);
    if (!first) return undefined;
    const item = this.items.at(seq - first.row.seq);
    return item && item.row.seq === seq ? item : undefined;
  }

  /** Every held item, oldest first. */
  allItems(): Iterable<CapturedItem> {
    return this.items;
  }

  /** Every held chunk, oldest first. */
  allChunks(): Iterable<ChunkRecord> {
    return this.chunks;
  }

  connection(connId: string): CapturedConnection | undefined {
    return this.conns.get(connId);
  }

  /** Forgets every item and chunk (open connections keep decoding). */
  clear(): void {
    this.items.clear();
    this.chunks.clear();
    this.bytes = 0;
    this.chunkBytes = 0;
    this.dropped = 0;
    this.pendingRows = [];
    this.pendingNotes = [];
    this.cleared = true;
    for (const [id, c] of this.conns) if (c.end) this.conns.delete(id);
  }

  // ---- building items ----

  private settleEchoes(conn: ConnState, now: number, endSeq?: number): void {
    const wait = this.opt.echoTimeoutMs;
    const ended = endSeq !== undefined;
    while (conn.pings.length && (ended || now - conn.pings[0]!.t >= wait)) {
      const p = conn.pings.shift()!;
      this.addNote(p.seq, ended && now - p.t < wait ? 'no PONG before the connection ended' : NOTE_NO_PONG);
    }
    const cs = conn.closeSent;
    if (cs && !conn.closeEchoed && (ended || now - cs.t >= wait)) {
      conn.closeSent = undefined;
      this.addNote(cs.seq, NOTE_CLOSE_NOT_ECHOED);
      if (endSeq !== undefined && conn.end?.kind === 'reset')
        this.addNote(endSeq, 'the firmware resets the connection after an unanswered Close');
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
      ...this.baseRow(conn.connId, dir, 'frame', t, chunk, msgType, preview),
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
    const seq = this.addItem(row, payload, inChunk);
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
    const row = this.baseRow(conn.connId, dir, 'http', t, chunk, 'http', `${head.startLine}${extra}`);
    const st = conn[dir];
    st.mode = 'frames';
    if (dir === 'rx' && head.status !== 101) {
      st.mode = 'stopped';
      conn.tx.mode = 'stopped';
      row.notes.push(`answer ${head.status ?? '(not HTTP)'} is not 101: the link did not upgrade`);
    }
    this.addItem({ ...row, length: head.bytes.length }, head.bytes, 1);
  }

  private addDecodeError(connId: string, dir: FrameDir, e: FrameError, t: number, chunk: number): void {
    const row = this.baseRow(
      connId,
      dir,
      'decode-error',
      t,
      chunk,
      'decode-error',
      `${e.code}: ${e.message} at stream byte ${e.offset}; decoding of ${dir} stopped`,
    );
    this.addItem(row, new Uint8Array(0), 1);
  }

  private addEvent(connId: string, t: number, text: string, kind?: LinkEventKind): number {
    const row = this.baseRow(connId, undefined, 'event', t, 0, 'event', text);
    if (kind === 'upgrade-unanswered')
      row.notes.push('the firmware waits 5 s for a request in one TCP segment, then resets');
    return this.addItem(row, new Uint8Array(0), 0);
  }

  private baseRow(
    connId: string,
    dir: FrameDir | undefined,
    kind: CaptureKind,
    t: number,
    chunk: number,
    msgType: string,
    preview: string,
  ): FrameRow & { notes: string[] } {
    return {
      seq: 0,
      t,
      connId,
      dir,
      kind,
      chunk,
      fin: false,
      rsv: 0,
      opcode: -1,
      opName: kind,
      masked: false,
      maskKey: undefined,
      length: 0,
      header: '',
      preview: preview.length > MAX_PREVIEW ? `${preview.slice(0, MAX_PREVIEW - 1)}…` : preview,
      msgType,
      truncated: false,
      notes: [],
    };
  }

  private addItem(row: FrameRow & { notes: string[] }, payload: Uint8Array, framesInChunk: number): number {
    const item: CapturedItem = { row: { ...row, seq: ++this.seq }, payload, framesInChunk };
    const out = this.items.push(item);
    if (out) this.forget(out);
    this.bytes += payload.length;
    while (this.bytes > this.opt.maxBytes && this.items.length > 1) this.forget(this.items.shift()!);
    this.pendingRows.push(item.row);
    if (this.pendingRows.length > this.opt.maxItems)
      this.pendingRows.splice(0, this.pendingRows.length - this.opt.maxItems);
    return item.row.seq;
  }

  private forget(item: CapturedItem): void {
    this.bytes -= item.payload.length;
    this.dropped++;
  }

  private addNote(seq: number, note: string): void {
    const item = this.get(seq);
    if (!item || item.row.notes.includes(note)) return;
    item.row.notes.push(note);
    this.pendingNotes.push({ seq, note });
  }

  private addChunk(connId: string, dir: FrameDir, bytes: Uint8Array, t: number): number {
    const rec: ChunkRecord = { no: ++this.chunkNo, connId, dir, t, bytes };
    const out = this.chunks.push(rec);
    if (out) this.chunkBytes -= out.bytes.length;
    this.chunkBytes += bytes.length;
    while (this.chunkBytes > this.opt.maxChunkBytes && this.chunks.length > 1)
      this.chunkBytes -= this.chunks.shift()!.bytes.length;
    return rec.no;
  }
}

/** Rebuilds a frame's header bytes from the decoded fields (the length form is known from the header size). */
export function headerOf(f: WireFrame): Uint8Array {
  const lenBytes = f.headerBytes - 2 - (f.masked ? 4 : 0);
  const h = new Uint8Array(f.headerBytes);
  h[0] =
    (f.fin ? 0x80 : 0) | (f.rsv1 ? 0x40 : 0) | (f.rsv2 ? 0x20 : 0) | (f.rsv3 ? 0x10 : 0) | (f.opcode & 0x0f);
  const len = f.payloadLength;
  h[1] = (f.masked ? 0x80 : 0) | (lenBytes === 0 ? len : lenBytes === 2 ? 126 : 127);
  if (lenBytes === 2) {
    h[2] = (len >>> 8) & 0xff;
    h[3] = len & 0xff;
  } else if (lenBytes === 8) {
    const hi = Math.floor(len / 2 ** 32);
    const lo = len >>> 0;
    for (let i = 0; i < 4; i++) {
      h[2 + i] = (hi >>> (24 - 8 * i)) & 0xff;
      h[6 + i] = (lo >>> (24 - 8 * i)) & 0xff;
    }
  }
  if (f.maskKey) h.set(f.maskKey, 2 + lenBytes);
  return h;
}
