// What the frame log shows: one row per captured item (frame, HTTP head, link event, decode error). Rows are small
// and cross the bridge in batches; the payload stays in the core until a row is opened (frames:get).

/** Which way bytes went, seen from the app: tx = app → board, rx = board → app. Link events have no direction. */
export type FrameDir = 'tx' | 'rx';

/** What a captured item is. */
export type CaptureKind = 'frame' | 'http' | 'event' | 'decode-error';

/** Connection events a tap reports. */
export type LinkEventKind = 'connected' | 'reset' | 'fin' | 'timeout' | 'upgrade-unanswered' | 'closed';

/** One row of the frame log. */
export interface FrameRow {
  /** Capture-wide sequence number, increasing from 1; survives drops (the first rows are gone, not renumbered). */
  readonly seq: number;
  /** Time of the TCP read or write that completed the item, ms since the epoch (fractional: sub-ms when known). */
  readonly t: number;
  /** Which connection of this board's link it belongs to: 1 for the first the capture saw, then 2, 3… The page
   *  names it with the board ("Bench B · link 4"); the tap's internal connection ids never leave the core. */
  readonly link: number;
  /** Direction; undefined for link events. */
  readonly dir: FrameDir | undefined;
  readonly kind: CaptureKind;
  /** Sequence number of the chunk (one TCP read/write) that completed this item; 0 for events. */
  readonly chunk: number;
  /** FIN bit (frames only). */
  readonly fin: boolean;
  /** RSV1..3 as a 3-bit number (RSV1 = 4, RSV2 = 2, RSV3 = 1). */
  readonly rsv: number;
  /** Opcode (frames only), else -1. */
  readonly opcode: number;
  /** Opcode name: text, binary, close, ping, pong, continuation, or `reserved 0x3`; the kind for other items. */
  readonly opName: string;
  readonly masked: boolean;
  /** Masking key as 8 hex digits, when masked. */
  readonly maskKey: string | undefined;
  /** Payload length declared in the header (frames) or the text length (HTTP heads). */
  readonly length: number;
  /** Header bytes as spaced hex (`81 85 37 fa 21 3d`). */
  readonly header: string;
  /** One line saying what it meant (`led-command yellow=true`). Bounded to 200 characters. */
  readonly preview: string;
  /** Message type for filtering: the JSON `type`, or text, invalid-json, binary, ping, pong, close, continuation,
   *  http, event, decode-error. */
  readonly msgType: string;
  /** Only the first bytes of the payload were kept. */
  readonly truncated: boolean;
  /** Firmware quirks and remarks seen on this item (may grow after the row was first sent). */
  readonly notes: readonly string[];
}

/** Everything about one item, for the detail pane. */
export interface FrameDetail {
  readonly row: FrameRow;
  /** Bytes kept of the payload (or of the HTTP head). */
  readonly keptBytes: number;
  /** UTF-8 text of the payload, when it decodes as text. */
  readonly text: string | undefined;
  /** Pretty-printed JSON, when the text is JSON. */
  readonly json: string | undefined;
  /** Hex dump: offset, 16 bytes per line, ASCII column. */
  readonly hexDump: string;
  readonly base64: string;
  /** How many frames the chunk of this item held (1 normally). */
  readonly framesInChunk: number;
}

/** Which rows to show. Every field optional: no field, no restriction. */
export interface FrameFilter {
  readonly dirs?: readonly FrameDir[];
  /** Opcodes to keep (frames only); non-frame rows pass unless `kinds` excludes them. */
  readonly opcodes?: readonly number[];
  readonly kinds?: readonly CaptureKind[];
  readonly msgTypes?: readonly string[];
  /** Text to look for in the preview, header, type and notes. */
  readonly search?: string;
  /** Treat `search` as a regular expression (case-insensitive). */
  readonly regex?: boolean;
}

/** A note added to a row after it was sent. */
export interface FrameNote {
  readonly seq: number;
  readonly note: string;
}

/** Capture counters. */
export interface CaptureStats {
  /** Items currently held. */
  readonly held: number;
  /** Items dropped from the front since the last clear (the buffer is bounded). */
  readonly dropped: number;
  /** Last sequence number given (0 when empty). */
  readonly lastSeq: number;
  /** Bytes of payload held. */
  readonly bytes: number;
  /** Items this board's capture holds at most (its share of the frame log's budget). */
  readonly capacity: number;
}

/** What the core pushes every 100 ms while a board's capture grows. */
export interface FramesBatch {
  /** The board whose capture these rows are from. */
  readonly boardId: string;
  readonly rows: readonly FrameRow[];
  readonly notes: readonly FrameNote[];
  readonly stats: CaptureStats;
  /** The capture was cleared before these rows: the renderer drops what it holds. */
  readonly cleared: boolean;
}

/** A message the user kept for re-sending. */
export interface SavedMessage {
  readonly name: string;
  readonly text: string;
}

/** Opcode names as RFC 6455 gives them. */
export function opcodeName(op: number): string {
  switch (op) {
    case 0:
      return 'continuation';
    case 1:
      return 'text';
    case 2:
      return 'binary';
    case 8:
      return 'close';
    case 9:
      return 'ping';
    case 10:
      return 'pong';
    default:
      return `reserved 0x${op.toString(16)}`;
  }
}
