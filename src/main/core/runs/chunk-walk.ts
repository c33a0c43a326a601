// Reads the messages of some channels straight from a session file's chunks, in file order, without
// McapIndexedReader's per-message machinery (an async generator and a heap per message): a review's first pass
// reads every telemetry message of a run, 8.64 M of them in a 24 h run at 100 Hz, and that path costs about 1 µs
// each where the reader's costs several. Chunk layout as the MCAP spec says (https://mcap.dev/spec#chunk-op0x06).
import type { ChunkIndex } from '@mcap/core';
import { decompressHandlers } from '../flight/compression';

/** Where chunks are read from: a FileHandle, or anything reading bytes at a position as it does. */
export interface ChunkSource {
  read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ readonly bytesRead: number }>;
}

/** One message of a walked chunk. `data` is a view into the chunk's buffer: valid only during the callback. */
export type WalkVisit = (channelId: number, logTimeMs: number, data: Buffer) => void;

const OP_CHUNK = 0x06;
const OP_MESSAGE = 0x05;

/**
 * Walks the chunks whose time range meets [fromMs, toMs] (all when omitted), in file order, and calls `visit` for
 * each message of `channelIds`. Chunks lacking any of those channels (per their message index offsets) are skipped.
 * `shouldStop` lets a caller end the walk early (a limit reached).
 */
export async function walkChunks(
  handle: ChunkSource,
  chunks: readonly ChunkIndex[],
  channelIds: ReadonlySet<number>,
  visit: WalkVisit,
  range: { fromMs?: number; toMs?: number; shouldStop?: () => boolean } = {},
): Promise<void> {
  const handlers = decompressHandlers();
  const from = range.fromMs === undefined ? undefined : BigInt(Math.floor(range.fromMs * 1000)) * 1000n;
  const to = range.toMs === undefined ? undefined : BigInt(Math.ceil(range.toMs * 1000)) * 1000n;
  const index = chunkTimeIndex(chunks);
  const { sorted, maxEndBefore, minStartAfter } = index;
  // The first chunk that can reach `from`, then on until none after can start by `to`: a window reads only the
  // chunks it needs, whatever the run's length (a recorder's run at 100 Hz has 172,800 chunks a day).
  let k = from === undefined ? 0 : firstReaching(maxEndBefore, from);
  let group: ChunkIndex[] = [];
  for (; k < sorted.length; k++) {
    if (to !== undefined && minStartAfter[k]! > to) break;
    const c = sorted[k]!;
    if (from !== undefined && c.messageEndTime < from) continue;
    if (to !== undefined && c.messageStartTime > to) continue;
    if (![...channelIds].some((id) => c.messageIndexOffsets.has(id))) continue;
    if (group.length > 0 && !joins(group, c)) {
      if (await walkGroup(handle, group, channelIds, visit, handlers, range.shouldStop)) return;
      group = [];
    }
    group.push(c);
  }
  if (group.length > 0) await walkGroup(handle, group, channelIds, visit, handlers, range.shouldStop);
}

/** Bytes one read may take: a window's chunks next to each other in the file are read at once, up to this. */
const GROUP_BYTES = 4 * 1024 * 1024;
/** …with at most this much between two of them (their message indexes, another channel's chunk). */
const GROUP_GAP = 64 * 1024;

/** Whether chunk `c` is read with `group` (it starts shortly after the group's last, and the read stays small). */
function joins(group: readonly ChunkIndex[], c: ChunkIndex): boolean {
  const first = group[0]!;
  const last = group[group.length - 1]!;
  const lastEnd = last.chunkStartOffset + last.chunkLength;
  return (
    c.chunkStartOffset >= lastEnd &&
    c.chunkStartOffset - lastEnd <= GROUP_GAP &&
    c.chunkStartOffset + c.chunkLength - first.chunkStartOffset <= GROUP_BYTES
  );
}

/** Reads a group of chunks in one read and walks each; true when `shouldStop` ended the walk. */
async function walkGroup(
  handle: ChunkSource,
  group: readonly ChunkIndex[],
  channelIds: ReadonlySet<number>,
  visit: WalkVisit,
  handlers: ReturnType<typeof decompressHandlers>,
  shouldStop: (() => boolean) | undefined,
): Promise<boolean> {
  if (shouldStop?.()) return true;
  const start = group[0]!.chunkStartOffset;
  const last = group[group.length - 1]!;
  const buffer = Buffer.allocUnsafe(Number(last.chunkStartOffset + last.chunkLength - start));
  const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, Number(start));
  for (const c of group) {
    if (shouldStop?.()) return true;
    const at = Number(c.chunkStartOffset - start);
    const end = at + Number(c.chunkLength);
    if (end > bytesRead || buffer[at] !== OP_CHUNK) continue; // cut short: left out, as recovery does
    const records = chunkRecords(buffer.subarray(at, end), c, handlers);
    if (records) walkRecords(records, channelIds, visit);
  }
  return false;
}

/** A file's chunks in file order with running bounds of their times, made once per chunk list. */
interface ChunkTimeIndex {
  readonly sorted: readonly ChunkIndex[];
  /** maxEndBefore[k]: the latest message end time of chunks 0..k (never decreasing). */
  readonly maxEndBefore: readonly bigint[];
  /** minStartAfter[k]: the earliest message start time of chunks k.. (never decreasing). */
  readonly minStartAfter: readonly bigint[];
}

const timeIndexes = new WeakMap<readonly ChunkIndex[], ChunkTimeIndex>();

/** The time index of a chunk list (kept while the list lives: a review's file keeps its list). */
export function chunkTimeIndex(chunks: readonly ChunkIndex[]): ChunkTimeIndex {
  const known = timeIndexes.get(chunks);
  if (known) return known;
  const sorted = [...chunks].sort((a, b) =>
    a.chunkStartOffset < b.chunkStartOffset ? -1 : a.chunkStartOffset > b.chunkStartOffset ? 1 : 0,
  );
  const maxEndBefore: bigint[] = [];
  const minStartAfter: bigint[] = new Array<bigint>(sorted.length);
  sorted.forEach((c, k) =>
    maxEndBefore.push(
      k === 0 || c.messageEndTime > maxEndBefore[k - 1]! ? c.messageEndTime : maxEndBefore[k - 1]!,
    ),
  );
  for (let k = sorted.length - 1; k >= 0; k--) {
    const s = sorted[k]!.messageStartTime;
    minStartAfter[k] = k === sorted.length - 1 || s < minStartAfter[k + 1]! ? s : minStartAfter[k + 1]!;
  }
  const index = { sorted, maxEndBefore, minStartAfter };
  timeIndexes.set(chunks, index);
  return index;
}

/** The first k with maxEndBefore[k] >= t (every chunk before it ends before t). */
function firstReaching(maxEndBefore: readonly bigint[], t: bigint): number {
  let lo = 0;
  let hi = maxEndBefore.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (maxEndBefore[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The uncompressed records of one chunk record (opcode, length, then the chunk's fields). */
function chunkRecords(
  raw: Buffer,
  index: ChunkIndex,
  handlers: ReturnType<typeof decompressHandlers>,
): Buffer | undefined {
  // opcode(1) length(8) start(8) end(8) uncompressedSize(8) crc(4) compression(4+n) recordsLength(8) records
  let at = 1 + 8 + 8 + 8 + 8 + 4;
  const nameLength = raw.readUInt32LE(at);
  at += 4 + nameLength;
  const length = Number(raw.readBigUInt64LE(at));
  at += 8;
  const body = raw.subarray(at, at + length);
  if (index.compression === '') return body;
  const decompress = handlers[index.compression];
  if (!decompress)
    throw new Error(`its chunks are compressed with ${index.compression}, which this bench cannot read`);
  const out = decompress(body, index.uncompressedSize);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

function walkRecords(records: Buffer, channelIds: ReadonlySet<number>, visit: WalkVisit): void {
  let at = 0;
  while (at + 9 <= records.length) {
    const op = records[at]!;
    const length = u64(records, at + 1);
    const start = at + 9;
    at = start + length;
    if (op !== OP_MESSAGE || at > records.length) continue;
    // channel(2) sequence(4) logTime(8) publishTime(8) data
    const channel = records.readUInt16LE(start);
    if (!channelIds.has(channel)) continue;
    visit(channel, nsToMs(records, start + 6), records.subarray(start + 22, at));
  }
}

/** An unsigned 64-bit length (well under 2^53 in any file). */
function u64(b: Buffer, at: number): number {
  return b.readUInt32LE(at) + b.readUInt32LE(at + 4) * 4294967296;
}

/**
 * A log time in ns as ms with µs kept, exactly as the indexed reader gives it (Number(ns / 1000n) / 1000) but
 * without a BigInt: with ns = hi·2^32 + lo and 2^32 = 4294967·1000 + 296, ns / 1000 = hi·4294967 + (hi·296 + lo) / 1000,
 * every part exact in a double.
 */
function nsToMs(b: Buffer, at: number): number {
  const lo = b.readUInt32LE(at);
  const hi = b.readUInt32LE(at + 4);
  return (hi * 4294967 + Math.floor((hi * 296 + lo) / 1000)) / 1000;
}
