// The level-of-detail pyramid of a finished session file, kept beside it (`<session>.mcap.lod`) once built, so the
// next review opens without reading the run again (docs/sessions.md §Review). Only for the bench's own finished
// files: the cache says the size and last change of the file it was built from, and is ignored (and rebuilt) when
// they differ. Layout: one line of JSON (the header below), then level 0's arrays as LodPyramid.toBytes() gives them.
import { open, readFile, rename, stat } from 'node:fs/promises';
import type { RunMarker } from '../../../shared/bridge/contracts/runs';
import type { TimelineMark } from '../../../shared/telemetry/types';
import { LodPyramid } from './lod';

/** 2: level-0 buckets a power of two of milliseconds wide (a version-1 file is rebuilt). */
const CACHE_VERSION = 2;

/** What the first pass over a file found. */
export interface ReviewIndex {
  readonly lod: LodPyramid;
  readonly series: readonly string[];
  readonly samples: number;
  readonly marks: readonly TimelineMark[];
  readonly markers: RunMarker[];
}

/** The cache file of session file `path`. */
export const lodCacheOf = (path: string): string => `${path}.lod`;

interface Header {
  readonly version: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly from: number;
  readonly to: number;
  readonly present: readonly boolean[];
  readonly series: readonly string[];
  readonly samples: number;
  readonly marks: readonly TimelineMark[];
  readonly markers: RunMarker[];
}

/** Writes the index of `path` beside it (through a temporary name, so a reader never sees half of it). */
export async function saveLodCache(path: string, index: ReviewIndex): Promise<void> {
  const s = await stat(path);
  const { series: present, parts } = index.lod.toBytes();
  const header: Header = {
    version: CACHE_VERSION,
    size: s.size,
    mtimeMs: s.mtimeMs,
    from: index.lod.from,
    to: index.lod.to,
    present,
    series: [...index.series],
    samples: index.samples,
    marks: [...index.marks],
    markers: index.markers,
  };
  const tmp = `${lodCacheOf(path)}.${process.pid}.tmp`;
  const h = await open(tmp, 'w');
  try {
    await h.write(`${JSON.stringify(header)}\n`);
    for (const p of parts) await h.write(p);
  } finally {
    await h.close();
  }
  await rename(tmp, lodCacheOf(path));
}

/** The cached index of `path`, or undefined when there is none or it is not of this file as it is now. */
export async function loadLodCache(path: string): Promise<ReviewIndex | undefined> {
  let data: Buffer;
  try {
    data = await readFile(lodCacheOf(path));
  } catch {
    return undefined;
  }
  const nl = data.indexOf(0x0a);
  if (nl < 0) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(data.subarray(0, nl).toString('utf8'));
  } catch {
    return undefined;
  }
  const h = checkHeader(header);
  const s = await stat(path);
  if (!h || h.size !== s.size || h.mtimeMs !== s.mtimeMs) return undefined;
  const lod = LodPyramid.fromBytes(h.from, h.to, h.present, data.subarray(nl + 1));
  return lod && { lod, series: h.series, samples: h.samples, marks: h.marks, markers: h.markers };
}

/** The header, field by field (it comes from disk). */
function checkHeader(v: unknown): Header | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o: Record<string, unknown> = { ...v };
  const num = (k: string) => typeof o[k] === 'number' && Number.isFinite(o[k]);
  if (o.version !== CACHE_VERSION || !['size', 'mtimeMs', 'from', 'to', 'samples'].every(num))
    return undefined;
  const list = (k: string): unknown[] | undefined => {
    const x = o[k];
    return Array.isArray(x) ? x : undefined;
  };
  const present = list('present');
  const series = list('series');
  const marks = list('marks');
  const markers = list('markers');
  if (!present || !series || !marks || !markers) return undefined;
  if (!present.every((x) => typeof x === 'boolean') || !series.every((x) => typeof x === 'string'))
    return undefined;
  const objects = (xs: unknown[]) =>
    xs.flatMap((x) => (typeof x === 'object' && x !== null ? [{ ...x } as Record<string, unknown>] : []));
  return {
    version: CACHE_VERSION,
    size: Number(o.size),
    mtimeMs: Number(o.mtimeMs),
    from: Number(o.from),
    to: Number(o.to),
    samples: Number(o.samples),
    present: present.map(Boolean),
    series: series.map(String),
    marks: objects(marks).flatMap((m) => {
      const kind = m.kind;
      return typeof m.t === 'number' &&
        (kind === 'reboot' ||
          kind === 'gap' ||
          kind === 'connect' ||
          kind === 'disconnect' ||
          kind === 'stale')
        ? [{ t: m.t, kind, ...(typeof m.detail === 'string' ? { detail: m.detail } : {}) }]
        : [];
    }),
    markers: objects(markers).flatMap((m) =>
      typeof m.t === 'number' && typeof m.note === 'string'
        ? [
            {
              t: m.t,
              note: m.note,
              source: m.source === 'user' ? ('user' as const) : ('bench' as const),
              kind: typeof m.kind === 'string' ? m.kind : 'marker',
            },
          ]
        : [],
    ),
  };
}
