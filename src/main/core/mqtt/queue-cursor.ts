// cursor.json of the on-disk queue: how far the broker has taken the queue, and the counts kept across runs.
import { renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { JsonStore } from '../json-store';
import { MAX_SEQ } from './segment-files';

export const CURSOR = 'cursor.json';

/** A cursor is a few dozen bytes; a bigger file was not written by the queue. */
export const CURSOR_MAX_BYTES = 64 * 1024;

/**
 * `done`: every message through it was acknowledged, dropped or set aside. `dropped`: telemetry dropped since ever.
 * `setAside`: messages put in the dead-letter file since ever, `lastSetAside` why the last one was.
 */
const cursorSchema = z.object({
  done: z.number().int().min(0).max(MAX_SEQ).default(0),
  dropped: z.number().int().min(0).default(0),
  setAside: z.number().int().min(0).default(0),
  lastSetAside: z.string().max(2000).default(''),
});

export type Cursor = z.output<typeof cursorSchema>;

/**
 * Reads the cursor. A damaged one (not JSON, a position past any sequence the queue can reach, a file of over
 * 64 KiB or not a file at all) is kept aside and the queue starts from its oldest message on disk: what the broker
 * already took may be sent again (at least once), nothing is skipped. Said once in the log.
 */
export function readCursor(dir: string, log: (m: string) => void): Cursor {
  const file = join(dir, CURSOR);
  const lost = () =>
    log(
      'MQTT queue: the queue position was lost; every message still on disk is sent again (at least once).',
    );
  const bad = oversize(file);
  if (bad) {
    const keptAs = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      renameSync(file, keptAs);
      log(`MQTT queue: ${CURSOR} could not be used (${bad}); it was kept as ${basename(keptAs)}.`);
    } catch (err) {
      log(`MQTT queue: ${CURSOR} could not be used (${bad}) nor kept aside (${String(err)}).`);
    }
    lost();
    return cursorSchema.parse({});
  }
  const store = new JsonStore({
    file,
    schema: cursorSchema,
    pretty: false,
    log: (m) => log(`MQTT queue: ${m}`),
  });
  if (store.loaded.keptAs || store.loaded.reset.includes('done')) lost();
  return store.get();
}

/** Why the cursor file is not one the queue wrote, from its size and kind alone; undefined when it may be. */
function oversize(file: string): string | undefined {
  let st;
  try {
    st = statSync(file);
  } catch {
    return undefined; // missing: a new queue
  }
  if (!st.isFile()) return 'it is not a regular file';
  if (st.size > CURSOR_MAX_BYTES) return `it is ${st.size} bytes, over the 64 KiB a queue position can take`;
  return undefined;
}

/**
 * Writes the cursor (temp file, rename). Not synced to disk: it is written up to ten times a second, and a lost
 * cursor only means messages sent again (the messages themselves are synced). Throws on failure.
 */
export function writeCursor(dir: string, c: Cursor): void {
  const tmp = join(dir, `${CURSOR}.tmp`);
  writeFileSync(tmp, JSON.stringify(c));
  renameSync(tmp, join(dir, CURSOR));
}
