// Markers added to a finished run while reviewing it: a session file is never rewritten once closed, so they go in
// a file beside it, `<session>.mcap.markers.ndjson`, one JSON marker a line (docs/sessions.md §Markers). Appended
// with one write per marker; a torn or foreign line is left out when read.
import { appendFile, readFile } from 'node:fs/promises';
import type { RunMarker } from '../../../shared/bridge/contracts/runs';
import { markersSidecarOf } from '../../../shared/session-file/channels';

/** Markers one sidecar may hold; past it the bench refuses more (a runaway key press, not a real need). */
export const MAX_SIDECAR_MARKERS = 10_000;
/** Largest sidecar read. */
const MAX_SIDECAR_BYTES = 4 * 1024 * 1024;

/** The markers stored in the sidecar `sidecar` (none when there is none). */
export async function readSidecarMarkers(sidecar: string): Promise<RunMarker[]> {
  let text: string;
  try {
    const bytes = await readFile(sidecar);
    text = bytes.subarray(0, MAX_SIDECAR_BYTES).toString('utf8');
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'ENOENT') return [];
    throw e;
  }
  const markers: RunMarker[] = [];
  for (const line of text.split('\n')) {
    const m = parseMarker(line);
    if (m) markers.push(m);
  }
  return markers.slice(0, MAX_SIDECAR_MARKERS);
}

/** Appends one user marker to the sidecar `sidecar`. */
export async function appendSidecarMarker(sidecar: string, m: RunMarker): Promise<void> {
  await appendFile(sidecar, `${JSON.stringify(m)}\n`);
}

/** The sidecar of a bench session file: beside it. */
export const sidecarOf = markersSidecarOf;

function parseMarker(line: string): RunMarker | undefined {
  if (!line.trim()) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const t = 't' in v ? v.t : undefined;
  const note = 'note' in v ? v.note : undefined;
  if (typeof t !== 'number' || !Number.isFinite(t) || typeof note !== 'string') return undefined;
  return { t, note: note.slice(0, 500), source: 'user', kind: 'marker' };
}
