// The frames feature's part of the bridge contract: the raw WebSocket frame log, its composer and its exports.
// Each board has its own log: every event names its board (`boardId`) and the log's commands act on the board they
// name, the focused one when they name none. Rows reach the renderer as `frames:batch` events every 100 ms; the
// renderer holds up to 50,000 a board and filters them itself with the shared compileFilter (measured: smooth
// scrolling and < 100 ms filtering at 20,000 rows). `frames:list` gives the same rows, filtered in the core, for a
// page that opens on a running capture or on a board it has not shown yet.
import { z } from 'zod';
import { command, event, res } from '../define';
import { MAX_SEARCH_LENGTH } from '../../frames/filter';
import type { CaptureStats, FrameDetail, FrameRow, FramesBatch, SavedMessage } from '../../frames/types';

export const frameFilterSchema = z
  .object({
    dirs: z
      .array(z.enum(['tx', 'rx']))
      .max(2)
      .optional(),
    opcodes: z.array(z.number().int().min(0).max(15)).max(16).optional(),
    kinds: z
      .array(z.enum(['frame', 'http', 'event', 'decode-error']))
      .max(4)
      .optional(),
    msgTypes: z.array(z.string().max(60)).max(50).optional(),
    search: z.string().max(MAX_SEARCH_LENGTH).optional(),
    regex: z.boolean().optional(),
  })
  .strict();

/** Which board's frame log a command reads: the one named, else the focused one. */
const boardIdField = z.string().min(1).max(200).optional();

/** A window of matching rows. */
export interface FramesListResult {
  /** The board whose log it is. */
  readonly boardId: string;
  /** Rows matching the filter in the whole capture. */
  readonly matched: number;
  /** Index (among the matching rows) of the first row returned. */
  readonly from: number;
  readonly rows: readonly FrameRow[];
  readonly stats: CaptureStats;
}

/** Whether the composer can send, and why not. */
export interface FramesSenderState {
  /** The board the composer sends to (the focused one), if any. */
  readonly boardId: string | undefined;
  readonly canSend: boolean;
  /** Why not, in words. */
  readonly reason: string | undefined;
}

/** What a composer command put on the wire. */
export interface FramesSendResult {
  /** Bytes handed to the link. */
  readonly bytes: number;
  /** The frame header as hex (raw mode), else empty. */
  readonly header: string;
}

/** An export, for the renderer to offer as a download. */
export interface FramesExport {
  readonly fileName: string;
  readonly mime: string;
  readonly base64: string;
  /** Frames (NDJSON records) or packets (pcapng) written. */
  readonly count: number;
}

const hex8 = z.string().regex(/^[0-9a-fA-F]{8}$/, 'a masking key is 8 hex digits');

export const framesCommands = {
  'frames:list': command(
    z
      .object({
        from: z.number().int().min(0).default(0),
        count: z.number().int().min(0).max(50_000).default(1000),
        filter: frameFilterSchema.default({}),
        boardId: boardIdField,
      })
      .strict(),
    res<FramesListResult>(),
  ),
  'frames:get': command(
    z.object({ seq: z.number().int().min(1), boardId: boardIdField }).strict(),
    res<FrameDetail>(),
  ),
  'frames:clear': command(z.object({ boardId: boardIdField }).strict(), res<CaptureStats>()),
  'frames:sender': command(z.object({}).strict(), res<FramesSenderState>()),
  'frames:send-text': command(
    z.object({ text: z.string().max(1024 * 1024) }).strict(),
    res<FramesSendResult>(),
  ),
  'frames:ping': command(
    z.object({ payload: z.string().max(125).optional() }).strict(),
    res<FramesSendResult>(),
  ),
  'frames:close': command(
    z
      .object({ code: z.number().int().min(1000).max(4999), reason: z.string().max(123).default('') })
      .strict(),
    res<FramesSendResult>(),
  ),
  'frames:send-raw': command(
    z
      .object({
        fin: z.boolean(),
        rsv1: z.boolean().default(false),
        rsv2: z.boolean().default(false),
        rsv3: z.boolean().default(false),
        opcode: z.number().int().min(0).max(15),
        mask: z.boolean(),
        maskKey: hex8.optional(),
        payloadHex: z
          .string()
          .max(2 * 1024 * 1024)
          .optional(),
        payloadText: z
          .string()
          .max(1024 * 1024)
          .optional(),
        lengthOverride: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
      })
      .strict()
      .refine(
        (r) => r.payloadHex === undefined || r.payloadText === undefined,
        'give payloadHex or payloadText, not both',
      ),
    res<FramesSendResult>(),
  ),
  'frames:saved-list': command(z.object({}).strict(), res<readonly SavedMessage[]>()),
  'frames:saved-put': command(
    z.object({ name: z.string().trim().min(1).max(80), text: z.string().max(64 * 1024) }).strict(),
    res<readonly SavedMessage[]>(),
  ),
  'frames:saved-delete': command(
    z.object({ name: z.string().max(80) }).strict(),
    res<readonly SavedMessage[]>(),
  ),
  'frames:export': command(
    z
      .object({
        format: z.enum(['ndjson', 'pcapng']),
        seqs: z.array(z.number().int().min(1)).max(50_000).optional(),
        boardId: boardIdField,
      })
      .strict(),
    res<FramesExport>(),
  ),
};

export const framesEvents = {
  /** New rows and notes of one board's log since its last batch (every 100 ms while it changes). */
  'frames:batch': event<FramesBatch>(),
  /** The composer's link (the focused board's) came or went, or the focus moved. */
  'frames:sender-changed': event<FramesSenderState>(),
};
