// Reading back a session file whose writer was killed (or lost power): no summary, maybe a torn last record. The
// records are read in order; the data section is kept up to the last whole chunk (a torn or garbled chunk and
// anything after it is dropped), and a new end (the last chunk's message indexes when they were cut off, DataEnd,
// summary, footer) is built from what was read. The file plus that end is a complete MCAP file: the reader opens it
// in memory (SplicedReadable), and repairSessionFile writes it, so the next open is as fast as a finished file's.
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { McapRecordBuilder, McapStreamReader } from '@mcap/core';
import type { Channel, ChunkIndex, MetadataIndex, MessageIndex, Schema, TypedMcapRecords } from '@mcap/core';
import { chunkCrc, decompressHandlers } from './compression';
import { buildFileEnd, emptyStatistics } from './summary';

/** What a scan found. */
export interface ScanResult {
  /** The data section kept: bytes [0, keptBytes) of the file. */
  readonly keptBytes: number;
  /** Bytes after it that were dropped (a torn or unreadable tail). */
  readonly droppedBytes: number;
  /** What to put after the kept bytes to make a complete file. */
  readonly tail: Uint8Array;
  readonly chunkCount: number;
  readonly messageCount: number;
  /** The file already had its footer (a finished file): nothing to rebuild. */
  readonly finished: boolean;
}

const READ_BLOCK = 4 * 1024 * 1024;

interface PendingChunk {
  readonly start: bigint;
  readonly end: bigint;
  readonly record: TypedMcapRecords['Chunk'];
  readonly counts: Map<number, bigint>;
  readonly offsets: Map<number, bigint>;
  indexLength: bigint;
}

/** Scans the file behind `handle` (of `size` bytes) and builds the end it lacks. */
export async function scanSessionFile(handle: FileHandle, size: number): Promise<ScanResult> {
  const reader = new McapStreamReader({ includeChunks: true, decompressHandlers: decompressHandlers() });
  const schemas = new Map<number, Schema>();
  const channels = new Map<number, Channel>();
  const chunkIndexes: ChunkIndex[] = [];
  const metadataIndexes: MetadataIndex[] = [];
  const statistics = emptyStatistics();
  let pending: PendingChunk | undefined;
  /** End of the last top-level record read: records inside a chunk leave it where the chunk ended. */
  let lastEnd = 8n;
  let kept = 8n;
  let fed = 0n;
  let finished = false;
  let stopped = false;
  let headerSeen = false;

  const commit = (c: PendingChunk): void => {
    chunkIndexes.push({
      messageStartTime: c.record.messageStartTime,
      messageEndTime: c.record.messageEndTime,
      chunkStartOffset: c.start,
      chunkLength: c.end - c.start,
      messageIndexOffsets: c.offsets,
      messageIndexLength: c.indexLength,
      compression: c.record.compression,
      compressedSize: BigInt(c.record.records.byteLength),
      uncompressedSize: c.record.uncompressedSize,
    });
    statistics.chunkCount++;
    for (const [id, n] of c.counts) {
      statistics.channelMessageCounts.set(id, (statistics.channelMessageCounts.get(id) ?? 0n) + n);
      statistics.messageCount += n;
    }
    if (statistics.chunkCount === 1 || c.record.messageStartTime < statistics.messageStartTime)
      statistics.messageStartTime = c.record.messageStartTime;
    if (c.record.messageEndTime > statistics.messageEndTime)
      statistics.messageEndTime = c.record.messageEndTime;
  };

  for (let offset = 0; offset < size && !stopped; offset += READ_BLOCK) {
    const length = Math.min(READ_BLOCK, size - offset);
    const block = new Uint8Array(length);
    const { bytesRead } = await handle.read(block, 0, length, offset);
    reader.append(block.subarray(0, bytesRead));
    fed += BigInt(bytesRead);
    for (;;) {
      let record;
      try {
        record = reader.nextRecord();
      } catch {
        // A garbled chunk (bad CRC, undecodable zstd) or record: keep what came before it. The chunk just read may be
        // the garbled one, or whole with garbage after it: check it alone.
        if (pending && lastEnd === pending.end && !chunkIsWhole(pending.record, channels.values())) {
          kept = pending.start;
          pending = undefined;
        }
        stopped = true;
        break;
      }
      if (!record) break;
      const end = fed - BigInt(reader.bytesRemaining());
      if (end === lastEnd && pending) {
        // A record inside the chunk just read.
        if (record.type === 'Schema') schemas.set(record.id, record);
        else if (record.type === 'Channel') channels.set(record.id, record);
        else if (record.type === 'Message')
          pending.counts.set(record.channelId, (pending.counts.get(record.channelId) ?? 0n) + 1n);
        continue;
      }
      const start = lastEnd;
      lastEnd = end;
      if (record.type === 'Header') {
        headerSeen = true;
        kept = end;
      } else if (record.type === 'Metadata') {
        metadataIndexes.push({ name: record.name, offset: start, length: end - start });
        statistics.metadataCount++;
        kept = end;
      } else if (record.type === 'Chunk') {
        if (pending) commit(pending);
        // The records are a view of the reader's buffer, which later appends reuse: keep a copy.
        const copy = { ...record, records: record.records.slice() };
        pending = { start, end, record: copy, counts: new Map(), offsets: new Map(), indexLength: 0n };
        kept = end;
      } else if (record.type === 'MessageIndex' && pending) {
        pending.offsets.set(record.channelId, start);
        pending.indexLength += end - start;
        kept = end;
      } else {
        // DataEnd (or any summary record) means the writer finished; anything else is not ours: stop there.
        finished = record.type === 'DataEnd';
        stopped = true;
        break;
      }
    }
  }

  if (!headerSeen) throw new Error('This file is not a session file, or it was cut short before its header.');
  const b = new McapRecordBuilder();
  if (pending) {
    if (pending.offsets.size < pending.counts.size) {
      // The chunk is whole but its message indexes were cut off: write them again after it.
      kept = pending.end;
      pending.offsets.clear();
      pending.indexLength = 0n;
      for (const index of messageIndexesOf(pending.record, channels.values())) {
        pending.offsets.set(index.channelId, kept + BigInt(b.length));
        pending.indexLength += b.writeMessageIndex(index);
      }
    }
    commit(pending);
  }
  statistics.schemaCount = schemas.size;
  statistics.channelCount = channels.size;
  const end = buildFileEnd(
    {
      schemas: [...schemas.values()],
      channels: [...channels.values()],
      statistics,
      chunkIndexes,
      metadataIndexes,
    },
    kept + BigInt(b.length),
  );
  const tail = new Uint8Array(b.length + end.byteLength);
  tail.set(b.buffer, 0);
  tail.set(end, b.length);
  return {
    keptBytes: Number(kept),
    droppedBytes: size - Number(kept),
    tail,
    chunkCount: statistics.chunkCount,
    messageCount: Number(statistics.messageCount),
    finished,
  };
}

/** A chunk's records, uncompressed. Throws when they cannot be. */
function recordsOf(chunk: TypedMcapRecords['Chunk']): Uint8Array {
  if (chunk.compression === '') return chunk.records;
  const decompress = decompressHandlers()[chunk.compression];
  if (!decompress) throw new Error(`chunks compressed with ${chunk.compression} cannot be read here`);
  return decompress(chunk.records, chunk.uncompressedSize);
}

/**
 * A stream reader over one chunk's records alone. The channels of earlier chunks go first: a chunk names a channel
 * only the first time it is used in the file, and the reader refuses a message on a channel it has not seen.
 */
function chunkReader(
  records: Uint8Array,
  channels: Iterable<Channel>,
): { reader: McapStreamReader; skip: number } {
  const known = new McapRecordBuilder();
  for (const c of channels) known.writeChannel(c);
  const reader = new McapStreamReader({ noMagicPrefix: true, validateCrcs: false });
  reader.append(known.buffer);
  reader.append(records);
  return { reader, skip: known.length };
}

/** True when a chunk decompresses, matches its CRC and holds only whole records. */
function chunkIsWhole(chunk: TypedMcapRecords['Chunk'], channels: Iterable<Channel>): boolean {
  try {
    const records = recordsOf(chunk);
    if (chunk.uncompressedCrc !== 0 && chunkCrc(records) !== chunk.uncompressedCrc) return false;
    const { reader } = chunkReader(records, channels);
    while (reader.nextRecord());
    return reader.bytesRemaining() === 0;
  } catch {
    return false;
  }
}

/** The message indexes of one chunk, from its records (offsets are into the uncompressed records). */
function messageIndexesOf(chunk: TypedMcapRecords['Chunk'], channels: Iterable<Channel>): MessageIndex[] {
  const records = recordsOf(chunk);
  const { reader } = chunkReader(records, channels);
  const indexes = new Map<number, MessageIndex>();
  let lastEnd = 0n;
  for (let record; (record = reader.nextRecord());) {
    const end = BigInt(records.byteLength - reader.bytesRemaining());
    if (record.type === 'Message') {
      let index = indexes.get(record.channelId);
      if (!index) indexes.set(record.channelId, (index = { channelId: record.channelId, records: [] }));
      index.records.push([record.logTime, lastEnd]);
    }
    lastEnd = end;
  }
  return [...indexes.values()];
}

/** What repairSessionFile did. */
export interface RepairResult {
  /** The writer had reached the end of its data (it was killed while writing the summary, or it had finished). */
  readonly finished: boolean;
  readonly droppedBytes: number;
  readonly chunkCount: number;
  readonly messageCount: number;
}

/**
 * Makes a killed writer's file complete in place: cuts the torn tail and appends the rebuilt end. Never call it on a
 * file a writer still has open.
 */
export async function repairSessionFile(path: string): Promise<RepairResult> {
  const handle = await open(path, 'r+');
  try {
    const { size } = await handle.stat();
    const scan = await scanSessionFile(handle, size);
    // Written even when the writer reached its DataEnd: it may have been killed while writing the summary after it.
    await handle.truncate(scan.keptBytes);
    await handle.write(scan.tail, 0, scan.tail.byteLength, scan.keptBytes);
    await handle.datasync();
    return {
      finished: scan.finished,
      droppedBytes: scan.droppedBytes,
      chunkCount: scan.chunkCount,
      messageCount: scan.messageCount,
    };
  } finally {
    await handle.close();
  }
}
