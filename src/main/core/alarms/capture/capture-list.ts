// The kept capture bundles: read back from their summary.json files at start (so the list survives a restart), and
// held within bounds, the oldest bundles deleted first with a line in the log saying so.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AlarmCapture } from '../../../../shared/bridge/contracts/alarms';
import { isBundleName } from './bundle-name';
import { captureOf, ruleNameOf, summarySchema } from './summary';

/** How many bundles are kept, and how many bytes they take together. */
export interface CaptureLimits {
  readonly maxBundles: number;
  readonly maxBytes: number;
}

export const CAPTURE_LIMITS: CaptureLimits = { maxBundles: 200, maxBytes: 2e9 };

/** Bytes of the files in a bundle folder (not recursive: a bundle has no sub-folders). */
export function folderBytes(dir: string): number {
  let sum = 0;
  for (const e of readdirSync(dir, { withFileTypes: true }))
    if (e.isFile()) sum += statSync(join(dir, e.name)).size;
  return sum;
}

/** One folder read back: its summary's entry, or a failed entry saying why it cannot be read. */
export function readBundle(root: string, name: string): AlarmCapture {
  const dir = join(root, name);
  const failed = (note: string): AlarmCapture => {
    const t = Date.UTC(
      Number(name.slice(0, 4)),
      Number(name.slice(4, 6)) - 1,
      Number(name.slice(6, 8)),
      Number(name.slice(9, 11)),
      Number(name.slice(11, 13)),
      Number(name.slice(13, 15)),
    );
    const files = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => ({ name: e.name, bytes: statSync(join(dir, e.name)).size }));
    return {
      id: name,
      alarmId: '',
      boardId: name.split('_')[1] ?? '',
      ruleName: name.split('_')[2] ?? '',
      t,
      fromT: t,
      toT: t,
      folder: name,
      files,
      state: 'failed',
      note,
    };
  };
  let text: string;
  try {
    text = readFileSync(join(dir, 'summary.json'), 'utf8');
  } catch {
    return failed('The bundle has no summary.json: the bench stopped before it was complete.');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return failed('Its summary.json is not JSON (damaged).');
  }
  const parsed = summarySchema.safeParse(json);
  if (!parsed.success || parsed.data.id !== name)
    return failed('Its summary.json is not one this bench wrote (damaged or edited).');
  // The summary lists the other files; it is one of the bundle's files too.
  const c = captureOf(parsed.data, ruleNameOf(parsed.data));
  return { ...c, files: [...c.files, { name: 'summary.json', bytes: Buffer.byteLength(text) }] };
}

/** Every bundle folder under `root`, newest first (the names begin with the time). */
export function scanBundles(root: string): AlarmCapture[] {
  let names: string[];
  try {
    names = readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && isBundleName(e.name))
      .map((e) => e.name);
  } catch {
    return [];
  }
  return names
    .sort()
    .reverse()
    .map((n) => readBundle(root, n));
}

/**
 * The bundles to delete so the rest fit `limits`: the oldest first, never one being written. `list` is newest
 * first; sizes are the files' bytes.
 */
export function overLimits(list: readonly AlarmCapture[], limits: CaptureLimits): AlarmCapture[] {
  const size = (c: AlarmCapture) => c.files.reduce((s, f) => s + f.bytes, 0);
  let count = list.length;
  let bytes = list.reduce((s, c) => s + size(c), 0);
  const out: AlarmCapture[] = [];
  for (let i = list.length - 1; i >= 0 && (count > limits.maxBundles || bytes > limits.maxBytes); i--) {
    const c = list[i]!;
    if (c.state === 'writing') continue;
    out.push(c);
    count--;
    bytes -= size(c);
  }
  return out;
}

/** Deletes a bundle's folder. */
export function deleteBundle(root: string, name: string): void {
  if (!isBundleName(name)) return;
  rmSync(join(root, name), { recursive: true, force: true });
}
