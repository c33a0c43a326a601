// Chunk compression for session files: zstd through node:zlib when this Node has it (Node ≥ 22.15; an Electron
// whose Node lacks it writes uncompressed chunks, which every MCAP reader reads). docs/sessions.md §Compression.
import * as zlib from 'node:zlib';
import type { DecompressHandlers } from '@mcap/core';

/** How chunks are compressed: `zstd`, or `none` (MCAP's empty compression string). */
export type ChunkCompression = 'zstd' | 'none';

/** True when this Node can write and read zstd chunks. */
export function zstdAvailable(): boolean {
  return typeof zlib.zstdCompressSync === 'function' && typeof zlib.zstdDecompressSync === 'function';
}

/** The compression used when none is asked for. */
export function defaultCompression(): ChunkCompression {
  return zstdAvailable() ? 'zstd' : 'none';
}

/** Compresses one chunk's records; `compression` is the string stored in the chunk record. */
export function compressChunk(
  kind: ChunkCompression,
  records: Uint8Array,
): { compression: string; compressedData: Uint8Array } {
  if (kind === 'none') return { compression: '', compressedData: records };
  // Level 3 is zstd's default: a 1 kHz chunk (≈ 100 KB of JSON) takes well under a millisecond.
  return { compression: 'zstd', compressedData: zlib.zstdCompressSync(records) };
}

/** What @mcap/core's readers need to read our chunks (empty when zstd is not available here). */
export function decompressHandlers(): DecompressHandlers {
  if (!zstdAvailable()) return {};
  return { zstd: (buffer) => zlib.zstdDecompressSync(buffer) };
}

/** CRC-32 of a chunk's records, or 0 ("not computed", allowed by MCAP) where node:zlib has no crc32. */
export function chunkCrc(records: Uint8Array): number {
  return typeof zlib.crc32 === 'function' ? zlib.crc32(records) : 0;
}
