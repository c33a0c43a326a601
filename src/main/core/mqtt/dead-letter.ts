// The dead-letter file: messages the broker refused, or that no broker could take, set aside with the reason so
// that they stop blocking the queue and a person can still see what they were.
import { closeSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { QueuedMessage } from './disk-queue';
import { openAppend } from './segment-files';

export const DEAD_LETTER = 'dead-letter.ndjson';
/** Past this size the file is renamed to `dead-letter.1.ndjson` (replacing the one before) and a new one begun. */
export const DEAD_LETTER_MAX_BYTES = 4 * 1024 * 1024;
/** Longer payloads (and topics) are kept cut to this many characters, with their full size beside them. */
export const DEAD_LETTER_TEXT_MAX = 64 * 1024;

/** Appends set-aside messages to `<dir>/dead-letter.ndjson`, one JSON line each, the files bounded in size. */
export class DeadLetterFile {
  readonly file: string;
  private bytes: number | undefined;

  constructor(private readonly dir: string) {
    this.file = join(dir, DEAD_LETTER);
  }

  /** Appends one line for message `m` at once (set-asides are rare). Throws when it cannot be written. */
  append(m: QueuedMessage, reason: string, at: number): void {
    const cut = (s: string) => (s.length > DEAD_LETTER_TEXT_MAX ? s.slice(0, DEAD_LETTER_TEXT_MAX) : s);
    const line = `${JSON.stringify({
      at: new Date(at).toISOString(),
      reason,
      seq: m.seq,
      kind: m.kind,
      topic: cut(m.topic),
      payload: cut(m.payload),
      payloadBytes: Buffer.byteLength(m.payload),
      ...(m.payload.length > DEAD_LETTER_TEXT_MAX || m.topic.length > DEAD_LETTER_TEXT_MAX
        ? { cut: true }
        : {}),
      retain: m.retain,
      qos: m.qos,
    })}\n`;
    this.bytes ??= size(this.file);
    if (this.bytes > 0 && this.bytes + line.length > DEAD_LETTER_MAX_BYTES) {
      renameSync(this.file, join(this.dir, 'dead-letter.1.ndjson'));
      this.bytes = 0;
    }
    const fd = openAppend(this.file);
    try {
      writeSync(fd, line);
    } finally {
      closeSync(fd);
    }
    this.bytes += Buffer.byteLength(line);
  }
}

function size(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
