// The recording format (docs/architecture.md §6): NDJSON, a header line, then one line per WebSocket message.

/** First line of a recording. */
export interface RecordingHeader {
  readonly format: 'nucleo-bench-recording';
  readonly version: 1;
  /** ms since the epoch. */
  readonly started: number;
  /** The board profile the recording was made from (free-form). */
  readonly board: Readonly<Record<string, unknown>>;
}

/** One WebSocket message as the app saw it. */
export interface MessageRecord {
  /** Receipt (rx) or send (tx) time, ms since the epoch. */
  readonly t: number;
  readonly dir: 'rx' | 'tx';
  /** WebSocket opcode (1 text, 2 binary, 8 close, 9 ping, 10 pong). */
  readonly op: number;
  /** Payload text (text frames). */
  readonly data?: string;
  /** Payload bytes in base64 (binary and control frames). */
  readonly b64?: string;
}

export const RECORDING_FORMAT = 'nucleo-bench-recording';

/** The version of the format this bench writes and reads. */
export const RECORDING_VERSION = 1;

/** Parses a header line; undefined if it is not one. */
export function parseHeader(line: string): RecordingHeader | undefined {
  const h = headerOf(line);
  return typeof h === 'string' ? undefined : h;
}

/**
 * Reads line 1 of a recording: its header, or what is wrong with it in words. A UTF-8 byte order mark in front (some
 * editors add one) is ignored; a header of another version says which, rather than "not a header".
 */
export function headerOf(line: string): RecordingHeader | string {
  let v: unknown;
  try {
    v = JSON.parse(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
  } catch {
    v = undefined;
  }
  if (!isObject(v) || v.format !== RECORDING_FORMAT)
    return 'not a NUCLEO-MEM Bench recording: the first line is not its header';
  if (v.version !== RECORDING_VERSION) {
    const which =
      typeof v.version === 'number' || typeof v.version === 'string'
        ? `is version ${String(v.version).slice(0, 20)}`
        : 'names no version';
    return `this recording ${which}; this bench reads version ${RECORDING_VERSION} recordings`;
  }
  if (typeof v.started !== 'number')
    return 'the recording\'s header has no start time ("started"): it is damaged';
  return {
    format: RECORDING_FORMAT,
    version: 1,
    started: v.started,
    board: isObject(v.board) ? v.board : {},
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses one record line; undefined for a torn or foreign line (a reader skips it). */
export function parseRecord(line: string): MessageRecord | undefined {
  try {
    const v = JSON.parse(line) as Partial<MessageRecord>;
    if (!v || typeof v.t !== 'number' || (v.dir !== 'rx' && v.dir !== 'tx') || typeof v.op !== 'number')
      return undefined;
    if (v.data !== undefined && typeof v.data !== 'string') return undefined;
    if (v.b64 !== undefined && typeof v.b64 !== 'string') return undefined;
    return v as MessageRecord;
  } catch {
    return undefined;
  }
}

/** Parses a whole recording text: the header and every well-formed record; a torn last line is ignored. */
export function parseRecording(text: string): {
  header: RecordingHeader;
  records: MessageRecord[];
  skipped: number;
} {
  const lines = text.split('\n');
  const header = headerOf(lines[0] ?? '');
  if (typeof header === 'string') throw new Error(header);
  const records: MessageRecord[] = [];
  let skipped = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const rec = parseRecord(line);
    if (rec) records.push(rec);
    else skipped++;
  }
  return { header, records, skipped };
}
