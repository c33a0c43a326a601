// The serial feature's part of the bridge contract: the board's USART3 console (ST-LINK virtual COM port) or an
// injected line source (the virtual board's serial log). Handlers: src/main/core/handlers/serial.ts.
import { z } from 'zod';
import { command, event, res } from '../define';
import type { FirmwareEvent } from '../../serial/firmware-events';

/** Baud rates offered as presets; any integer in range may be typed. */
export const BAUD_PRESETS = [
  9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600, 1000000, 2000000,
] as const;

/** Port settings. Defaults are the firmware's: 115200 8N1, no flow control. */
export const serialSettingsSchema = z.object({
  /** Device path (/dev/ttyACM0, COM3) or a typed path such as a pty (/tmp/ttyA); ptys are never listed. */
  path: z
    .string()
    .trim()
    .min(1)
    .max(256)
    .refine((p) => !p.includes('\0'), 'must not contain NUL'),
  baudRate: z.number().int().min(50).max(20_000_000).default(115200),
  dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd', 'mark', 'space']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(1.5), z.literal(2)]).default(1),
  flowControl: z.enum(['none', 'rtscts', 'xonxoff']).default('none'),
  /** Reopen the same device when it comes back after a disconnect. */
  reconnect: z.boolean().default(true),
});

/** Validated port settings. */
export type SerialSettings = z.output<typeof serialSettingsSchema>;

/** A port the OS lists. */
export interface SerialPortEntry {
  readonly path: string;
  readonly manufacturer?: string;
  readonly serialNumber?: string;
  /** USB vendor id, lower-case hex without 0x (ST = 0483). */
  readonly vendorId?: string;
  readonly productId?: string;
  /** True for an ST-LINK (vendor 0483): the NUCLEO board's virtual COM port. */
  readonly stLink: boolean;
}

/** The serial link's state machine. */
export type SerialLinkState =
  | { readonly kind: 'closed' }
  | { readonly kind: 'opening'; readonly path: string; readonly attempt: number }
  | { readonly kind: 'open'; readonly path: string; readonly since: number }
  /** The device went away; the link looks for the same device again at `retryAt` (ms epoch). */
  | {
      readonly kind: 'lost';
      readonly path: string;
      readonly reason: string;
      readonly retryAt: number;
      readonly attempt: number;
    }
  /** The link gave up; `reason` says why in words. */
  | { readonly kind: 'failed'; readonly path: string; readonly reason: string };

/** Where the console's lines come from. */
export type SerialInput =
  | { readonly kind: 'none' }
  | { readonly kind: 'device'; readonly settings: SerialSettings; readonly link: SerialLinkState }
  /** An injected line source, e.g. the virtual board's serial log. It has no input (nothing can be sent). */
  | { readonly kind: 'source'; readonly name: string };

/** Counters since the last clear. */
export interface SerialStats {
  readonly lines: number;
  readonly bytes: number;
  /** Lines that fell out of the bounded scrollback or were dropped from a full batch. */
  readonly dropped: number;
  /** Lines longer than the maximum, cut into pieces. */
  readonly overlongLines: number;
  /** Lines whose bytes were not valid UTF-8 (wrong baud rate?). */
  readonly garbageLines: number;
  /** Maximum line length in bytes before a line is cut. */
  readonly maxLineBytes: number;
}

/** The whole console state of one board, sent on every change. */
export interface SerialConsoleState {
  /** The board whose console this is (each board has its own). */
  readonly boardId: string;
  readonly input: SerialInput;
  readonly stats: SerialStats;
  /** The log file being appended to, or null. */
  readonly logging: { readonly path: string; readonly bytes: number; readonly since: number } | null;
}

/** One received line. */
export interface SerialLine {
  /** Sequence number, increasing by one per line since the app started. */
  readonly seq: number;
  /** Receive time, ms epoch. */
  readonly t: number;
  /** Decoded text (UTF-8, U+FFFD for bad bytes), without the line ending. */
  readonly text: string;
  /** Raw bytes as hex, only when they are not valid UTF-8 (otherwise the text's UTF-8 encoding is the bytes). */
  readonly hex?: string;
  /** A piece of a line longer than the maximum. */
  readonly overlong?: boolean;
  /**
   * Not a received line: the console's source changed here (a device opened, lost, reopened or closed, a UART
   * attached or detached); `text` says what, e.g. "/dev/pts/4 opened". Shown as a separator with its time.
   */
  readonly mark?: SerialMarkKind;
}

/** What a separator line marks. */
export type SerialMarkKind = 'opened' | 'reopened' | 'lost' | 'closed' | 'attached' | 'detached';

/** A batch of one board's lines (one event per ~75 ms). */
export interface SerialLinesBatch {
  readonly boardId: string;
  readonly lines: readonly SerialLine[];
  /** Lines received since the last batch but not carried in it (the batch was full). */
  readonly dropped: number;
}

/** A recognised firmware line, explained, with the line it came from. */
export type SerialFirmwareEvent = FirmwareEvent & {
  readonly t: number;
  readonly seq: number;
  readonly line: string;
};

/** One board's recognised firmware line, as the `serial:event` event carries it. */
export interface SerialBoardEvent {
  readonly boardId: string;
  readonly event: SerialFirmwareEvent;
}

/** What the page loads when it opens. */
export interface SerialHistory {
  readonly lines: readonly SerialLine[];
  readonly events: readonly SerialFirmwareEvent[];
  readonly state: SerialConsoleState;
}

const empty = z.object({}).strict();
/** The board whose console a command acts on; absent: the focused board. */
const boardId = z.string().trim().min(1).max(200).optional();
const onBoard = z.object({ boardId }).strict();

export const serialSendSchema = z
  .object({
    text: z.string().max(4096).optional(),
    /** Bytes as hex pairs, spaces allowed: "48 65 6C". */
    hex: z
      .string()
      .max(12288)
      .regex(/^[0-9a-fA-F\s]*$/, 'hex digits and spaces only')
      .refine((h) => h.replace(/\s+/g, '').length % 2 === 0, 'an even number of hex digits')
      .optional(),
    lineEnding: z.enum(['none', 'lf', 'cr', 'crlf']).default('none'),
    boardId,
  })
  .strict()
  .refine((r) => (r.text === undefined) !== (r.hex === undefined), 'give either text or hex');

export const serialCommands = {
  /** Ports the OS lists (ptys are not listed: type their path). */
  'serial:list': command(empty, res<readonly SerialPortEntry[]>()),
  /** Opens a device as a board's console (the focused board's by default); replaces any injected source. */
  'serial:open': command(serialSettingsSchema.extend({ boardId }).strict(), res<SerialConsoleState>()),
  'serial:close': command(onBoard, res<SerialConsoleState>()),
  /** Sends bytes to the device (the NUCLEO-MEM firmware has no RX; other firmware may). */
  'serial:send': command(serialSendSchema, res<{ readonly bytes: number }>()),
  'serial:state': command(onBoard, res<SerialConsoleState>()),
  /**
   * Starts (append-only, .log/.txt, in the serial-logs folder) or stops logging received lines. Browser mode:
   * stopping answers `download`, the URL path of a one-time download of the log.
   */
  'serial:log-to-file': command(
    z.discriminatedUnion('action', [
      z.object({ action: z.literal('start'), path: z.string().trim().min(1).max(1024), boardId }).strict(),
      z.object({ action: z.literal('stop'), boardId }).strict(),
    ]),
    res<SerialConsoleState & { readonly download?: string }>(),
  ),
  /** Empties the scrollback and resets the counters. */
  'serial:clear': command(onBoard, res<SerialConsoleState>()),
  /** The scrollback (newest `limit` lines) and recent firmware events. */
  'serial:history': command(
    z.object({ limit: z.number().int().min(0).max(100_000).default(10_000), boardId }).strict(),
    res<SerialHistory>(),
  ),
};

/** Every event names its board: each board has its own console, and a page shows only the focused board's. */
export const serialEvents = {
  /** New lines of one board, batched every ~75 ms. */
  'serial:lines': event<SerialLinesBatch>(),
  'serial:state': event<SerialConsoleState>(),
  /** One recognised firmware line of one board. */
  'serial:event': event<SerialBoardEvent>(),
};
