// The end of a session file: DataEnd, the summary section (schemas, channels, statistics, metadata and chunk
// indexes), the summary offsets, the footer and the closing magic. Written by the writer when a run ends, and by
// recovery after a crash from what it read back: one function, so both ends look alike to a reader.
import { McapRecordBuilder, Opcode } from '@mcap/core';
import type { Channel, ChunkIndex, MetadataIndex, Schema, Statistics, SummaryOffset } from '@mcap/core';

/** What the summary of a file says. */
export interface SummaryState {
  readonly schemas: readonly Schema[];
  readonly channels: readonly Channel[];
  readonly statistics: Statistics;
  readonly chunkIndexes: readonly ChunkIndex[];
  readonly metadataIndexes: readonly MetadataIndex[];
}

/** A fresh, empty statistics record. */
export function emptyStatistics(): Statistics {
  return {
    messageCount: 0n,
    schemaCount: 0,
    channelCount: 0,
    attachmentCount: 0,
    metadataCount: 0,
    chunkCount: 0,
    messageStartTime: 0n,
    messageEndTime: 0n,
    channelMessageCounts: new Map(),
  };
}

/**
 * The bytes from DataEnd to the closing magic, for a data section that ends at `dataEnd`. CRCs are 0 ("not
 * computed", which MCAP allows): the data section was written over a whole run, in pieces, and chunks carry their
 * own CRC.
 */
export function buildFileEnd(state: SummaryState, dataEnd: bigint): Uint8Array {
  const b = new McapRecordBuilder();
  b.writeDataEnd({ dataSectionCrc: 0 });
  const at = (): bigint => dataEnd + BigInt(b.length);
  const summaryStart = at();
  const offsets: SummaryOffset[] = [];
  const group = (groupOpcode: Opcode, write: () => bigint): void => {
    const groupStart = at();
    const groupLength = write();
    if (groupLength > 0n) offsets.push({ groupOpcode, groupStart, groupLength });
  };
  group(Opcode.SCHEMA, () => state.schemas.reduce((n, s) => n + b.writeSchema(s), 0n));
  group(Opcode.CHANNEL, () => state.channels.reduce((n, c) => n + b.writeChannel(c), 0n));
  group(Opcode.STATISTICS, () => b.writeStatistics(state.statistics));
  group(Opcode.METADATA_INDEX, () => state.metadataIndexes.reduce((n, m) => n + b.writeMetadataIndex(m), 0n));
  group(Opcode.CHUNK_INDEX, () => state.chunkIndexes.reduce((n, c) => n + b.writeChunkIndex(c), 0n));
  const summaryOffsetStart = at();
  for (const o of offsets) b.writeSummaryOffset(o);
  b.writeFooter({ summaryStart, summaryOffsetStart, summaryCrc: 0 });
  b.writeMagic();
  return b.buffer.slice();
}
