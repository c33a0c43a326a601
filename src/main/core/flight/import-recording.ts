// An NDJSON recording (docs/architecture.md §6) as a session file: every message of it goes through the same routing
// as a live run (route-message.ts), so the recording opens like a session and shows the same channels. What a
// recording does not hold (TCP events, serial lines, the bench's other events) is simply absent.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseBoardMessage } from '../../../shared/protocol/messages';
import { parseHeader, parseRecord } from '../../../shared/recording/format';
import type { SessionFileInfo } from '../../../shared/session-file/messages';
import { RebootWatch } from '../telemetry/reboot-watch';
import { routeMessage, type RouteSink } from './route-message';
import { SessionFileWriter, type SessionFileWriterOptions } from './session-file-writer';

/** What an import wrote. */
export interface ImportResult {
  /** Messages written, over every channel. */
  readonly messages: number;
  /** Lines that were not records (a torn last line, a foreign line), left out. */
  readonly skipped: number;
}

/** Who a recording's header says it belongs to (its `board` is the profile, free-form). */
function infoOf(
  started: number,
  board: Readonly<Record<string, unknown>>,
  benchVersion: string,
): SessionFileInfo {
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const boardId = text(board.id) ?? 'recording';
  return {
    boardId,
    boardName: text(board.name) ?? boardId,
    boardKind: board.kind === 'virtual' ? 'virtual' : 'real',
    benchVersion,
    started,
  };
}

/**
 * Writes the session file `target` from the NDJSON recording `source`. Each WebSocket message is also a frame on
 * `/ws/frames` (link 1, whole, masked when the bench sent it, as RFC 6455 has it). Throws, in words, when `source`
 * is not a recording.
 */
export async function recordingToSessionFile(
  source: string,
  target: string,
  benchVersion: string,
  options: SessionFileWriterOptions = {},
): Promise<ImportResult> {
  const lines = createInterface({ input: createReadStream(source, 'utf8'), crlfDelay: Infinity });
  let writer: SessionFileWriter | undefined;
  let run: RouteSink | undefined;
  let skipped = 0;
  const reboots = new RebootWatch();
  try {
    for await (const line of lines) {
      if (!writer) {
        const header = parseHeader(line);
        if (!header)
          throw new Error(`${source} is not a NUCLEO-MEM Bench recording: its first line is not its header`);
        const w = await SessionFileWriter.create(
          target,
          infoOf(header.started, header.board, benchVersion),
          options,
        );
        writer = w;
        run = { add: (...args) => w.add(...args), event: (t, e) => w.add('events', t, e) };
        continue;
      }
      if (line.trim() === '' || !run) continue;
      const record = parseRecord(line);
      if (!record) {
        skipped++;
        continue;
      }
      const bytes =
        record.b64 !== undefined ? Buffer.from(record.b64, 'base64') : Buffer.from(record.data ?? '', 'utf8');
      writer.add('frames', record.t, {
        link: 1,
        dir: record.dir,
        opcode: record.op,
        fin: true,
        masked: record.dir === 'tx',
        length: bytes.byteLength,
        payload: bytes.toString('base64'),
      });
      const parsed =
        record.dir === 'rx' && record.op === 1 ? parseBoardMessage(record.data ?? '') : undefined;
      // A recording holds no link events: the rule sees only the uptime going back (reboot-watch.ts).
      const uptime = parsed?.kind === 'telemetry' ? parsed.message.data.uptime : undefined;
      const reboot = typeof uptime === 'number' ? reboots.see(record.t, uptime) : undefined;
      routeMessage(run, record, parsed, reboot?.detail);
    }
    if (!writer) throw new Error(`${source} is empty: a recording starts with its header line`);
    const messages = writer.messageCount;
    await writer.close();
    return { messages, skipped };
  } catch (e) {
    await writer?.close();
    throw e;
  } finally {
    lines.close();
  }
}
