// Writes one session file (docs/sessions.md): an MCAP file of chunks, each closed at least every `chunkMs` (500 ms)
// or when it reaches `chunkBytes`, and written whole with its message indexes in one append. A killed bench loses
// only the chunk it had open (≤ chunkMs of data plus the write in flight); recovery.ts rebuilds the summary.
//
// Why not @mcap/core's McapWriter: it closes a chunk only when it is full, and a chunk at 1 Hz telemetry would stay
// open for hours. This writer is McapWriter's chunking (McapChunkBuilder, McapRecordBuilder) with a clock added.
import { open, type FileHandle } from 'node:fs/promises';
import { McapChunkBuilder, McapRecordBuilder } from '@mcap/core';
import type { Channel, ChunkIndex, MetadataIndex, Schema } from '@mcap/core';
import {
  SESSION_CHANNELS,
  SESSION_FILE_PROFILE,
  SESSION_FILE_VERSION,
  SESSION_METADATA_NAME,
  schemaTextOf,
  type SessionChannelKey,
} from '../../../shared/session-file/channels';
import type { SessionFileInfo } from '../../../shared/session-file/messages';
import { chunkCrc, compressChunk, defaultCompression, type ChunkCompression } from './compression';
import { buildFileEnd, emptyStatistics } from './summary';

/** How a writer chunks, compresses and syncs. */
export interface SessionFileWriterOptions {
  /** A chunk is closed at least this often (ms). Default 500: a crash loses at most about half a second. */
  readonly chunkMs?: number;
  /** …or as soon as it holds this many bytes. Default 1 MiB. */
  readonly chunkBytes?: number;
  /** Default: zstd where this Node has it, else none. */
  readonly compression?: ChunkCompression;
  /** fdatasync after every chunk, so a power cut loses no more than a crash. Default true. */
  readonly sync?: boolean;
  /** Told once when a write fails; the writer then stops writing (the file so far stays readable). */
  readonly onError?: (error: Error) => void;
  /** Hears every message as it is added, and the finished file: builds the review's index while recording. */
  readonly index?: SessionIndexer;
}

/** Something built from a run's messages while they are written (runs/incremental-index.ts). */
export interface SessionIndexer {
  /** One message: `t` its log time as the file keeps it (ms, µs kept), `data` its bytes (valid during the call). */
  add(key: SessionChannelKey, t: number, data: Uint8Array): void;
  /** The file is closed whole: its first and last messages' log times (ms). */
  finished(path: string, startMs: number, endMs: number): Promise<void>;
}

/** The `library` field of the header. */
export const SESSION_FILE_LIBRARY = 'nucleo-mem-bench session-file-writer';

const encoder = new TextEncoder();
const msToNs = (ms: number): bigint => BigInt(Math.round(ms * 1000)) * 1000n;

/** The metadata record's values (MCAP metadata is string → string). */
export function infoMetadata(info: SessionFileInfo): Map<string, string> {
  return new Map([
    ['version', String(SESSION_FILE_VERSION)],
    ['boardId', info.boardId],
    ['boardName', info.boardName],
    ['boardKind', info.boardKind],
    ['benchVersion', info.benchVersion],
    ['started', new Date(info.started).toISOString()],
    ['startedMs', String(info.started)],
  ]);
}

/** One run of one board, being written. */
export class SessionFileWriter {
  readonly #handle: FileHandle;
  readonly #chunkMs: number;
  readonly #chunkBytes: number;
  readonly #compression: ChunkCompression;
  readonly #sync: boolean;
  readonly #onError: ((e: Error) => void) | undefined;
  readonly #index: SessionIndexer | undefined;
  #chunk = new McapChunkBuilder({ useMessageIndex: true });
  readonly #schemas: Schema[] = [];
  readonly #channels = new Map<SessionChannelKey, Channel>();
  /** Channels (and their schemas) already written in a chunk: later chunks refer to them. */
  readonly #written = new Set<number>();
  readonly #sequence = new Map<number, number>();
  readonly #chunkIndexes: ChunkIndex[] = [];
  /** Chunks whose append is on disk (a reader of the live file reads only these). */
  #chunksOnDisk = 0;
  readonly #metadataIndexes: MetadataIndex[] = [];
  readonly #statistics = emptyStatistics();
  /** Bytes handed to the file so far (the offset of the next append). */
  #position = 0n;
  /** Appends run one after another, in the order they were made. */
  #queue: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  #failed: Error | undefined;
  #closed = false;

  private constructor(
    readonly path: string,
    handle: FileHandle,
    options: SessionFileWriterOptions,
  ) {
    this.#handle = handle;
    this.#chunkMs = options.chunkMs ?? 500;
    this.#chunkBytes = options.chunkBytes ?? 1024 * 1024;
    this.#compression = options.compression ?? defaultCompression();
    this.#sync = options.sync ?? true;
    this.#onError = options.onError;
    this.#index = options.index;
  }

  /** Creates the file (never over an existing one), writes its header and who it belongs to. */
  static async create(
    path: string,
    info: SessionFileInfo,
    options: SessionFileWriterOptions = {},
  ): Promise<SessionFileWriter> {
    const handle = await open(path, 'wx');
    const w = new SessionFileWriter(path, handle, options);
    const b = new McapRecordBuilder();
    b.writeMagic();
    b.writeHeader({ profile: SESSION_FILE_PROFILE, library: SESSION_FILE_LIBRARY });
    const offset = BigInt(b.length);
    const length = b.writeMetadata({ name: SESSION_METADATA_NAME, metadata: infoMetadata(info) });
    w.#metadataIndexes.push({ name: SESSION_METADATA_NAME, offset, length });
    w.#statistics.metadataCount = 1;
    w.#append(b.buffer.slice());
    await w.#queue;
    if (w.#failed) {
      await handle.close();
      throw w.#failed;
    }
    w.#timer = setInterval(() => w.flush(), w.#chunkMs);
    w.#timer.unref();
    return w;
  }

  /** The compression its chunks use. */
  get compression(): ChunkCompression {
    return this.#compression;
  }

  /** Bytes handed to the file so far. */
  get bytesWritten(): number {
    return Number(this.#position);
  }

  /** Messages added so far (written or in the open chunk). */
  get messageCount(): number {
    return Number(this.#statistics.messageCount);
  }

  /**
   * What a reader of the file being written needs to read its chunks without scanning it: the chunks already on
   * disk, in file order, and the id of each channel. The array is a copy; a later chunk is never among these.
   */
  liveIndex(): { chunks: readonly ChunkIndex[]; channelIds: ReadonlyMap<SessionChannelKey, number> } {
    return {
      chunks: this.#chunkIndexes.slice(0, this.#chunksOnDisk),
      channelIds: new Map([...this.#channels].map(([key, c]) => [key, c.id])),
    };
  }

  /** The error that stopped the writer, if one did. */
  get failed(): Error | undefined {
    return this.#failed;
  }

  /**
   * Adds one message: `data` is the JSON text (or its bytes, or a value to stringify). `t` is the log time in ms
   * since the epoch; `publishNs` the publish time (the board's uptime for telemetry), the log time if absent.
   * Cheap and synchronous: it goes into the open chunk.
   */
  add(key: SessionChannelKey, t: number, data: string | Uint8Array | object, publishNs?: bigint): void {
    if (this.#closed || this.#failed) return;
    const channel = this.#channel(key);
    const bytes =
      data instanceof Uint8Array
        ? data
        : encoder.encode(typeof data === 'string' ? data : JSON.stringify(data));
    const logTime = msToNs(t);
    if (!this.#written.has(channel.id)) {
      this.#chunk.addSchema(this.#schemas[channel.schemaId - 1]!);
      this.#chunk.addChannel(channel);
      this.#written.add(channel.id);
    }
    const sequence = (this.#sequence.get(channel.id) ?? 0) + 1;
    this.#sequence.set(channel.id, sequence);
    this.#chunk.addMessage({
      channelId: channel.id,
      sequence,
      logTime,
      publishTime: publishNs ?? logTime,
      data: bytes,
    });
    this.#count(channel.id, logTime);
    // The time as a reader gets it back (µs kept), so the index is the one a pass over the file would build.
    this.#index?.add(key, Math.round(t * 1000) / 1000, bytes);
    if (this.#chunk.byteLength >= this.#chunkBytes) this.flush();
  }

  /** Closes the open chunk now and appends it; resolves when it is on disk. */
  flush(): Promise<void> {
    if (this.#chunk.numMessages > 0 && !this.#failed) this.#closeChunk();
    return this.#queue;
  }

  /** Writes the last chunk and the summary, and closes the file. A failed writer only closes it. */
  async close(): Promise<void> {
    if (this.#closed) return this.#queue;
    clearInterval(this.#timer);
    await this.flush();
    this.#closed = true;
    if (!this.#failed) {
      const end = buildFileEnd(
        {
          schemas: this.#schemas,
          channels: [...this.#channels.values()],
          statistics: this.#statistics,
          chunkIndexes: this.#chunkIndexes,
          metadataIndexes: this.#metadataIndexes,
        },
        this.#position,
      );
      this.#append(end);
      await this.#queue;
    }
    await this.#handle.close();
    const s = this.#statistics;
    if (this.#index && !this.#failed && s.messageCount > 0n) {
      const ms = (ns: bigint) => Number(ns / 1000n) / 1000;
      await this.#index.finished(this.path, ms(s.messageStartTime), ms(s.messageEndTime));
    }
  }

  #channel(key: SessionChannelKey): Channel {
    let channel = this.#channels.get(key);
    if (channel) return channel;
    const spec = SESSION_CHANNELS[key];
    const schemaId = this.#schemas.length + 1;
    this.#schemas.push({
      id: schemaId,
      name: spec.schema,
      encoding: 'jsonschema',
      data: encoder.encode(schemaTextOf(key)),
    });
    channel = {
      id: this.#channels.size,
      topic: spec.topic,
      messageEncoding: spec.messageEncoding,
      schemaId,
      metadata: new Map(),
    };
    this.#channels.set(key, channel);
    this.#statistics.schemaCount++;
    this.#statistics.channelCount++;
    return channel;
  }

  #count(channelId: number, logTime: bigint): void {
    const s = this.#statistics;
    if (s.messageCount === 0n || logTime < s.messageStartTime) s.messageStartTime = logTime;
    if (s.messageCount === 0n || logTime > s.messageEndTime) s.messageEndTime = logTime;
    s.messageCount++;
    s.channelMessageCounts.set(channelId, (s.channelMessageCounts.get(channelId) ?? 0n) + 1n);
  }

  /** The chunk record and its message indexes, built here and appended in one write. */
  #closeChunk(): void {
    const chunk = this.#chunk;
    this.#chunk = new McapChunkBuilder({ useMessageIndex: true });
    const records = chunk.buffer;
    const { compression, compressedData } = compressChunk(this.#compression, records);
    const b = new McapRecordBuilder();
    const chunkStartOffset = this.#position;
    const chunkLength = b.writeChunk({
      messageStartTime: chunk.messageStartTime,
      messageEndTime: chunk.messageEndTime,
      uncompressedSize: BigInt(records.byteLength),
      uncompressedCrc: chunkCrc(records),
      compression,
      records: compressedData,
    });
    const messageIndexOffsets = new Map<number, bigint>();
    let messageIndexLength = 0n;
    for (const index of chunk.indices) {
      messageIndexOffsets.set(index.channelId, chunkStartOffset + BigInt(b.length));
      messageIndexLength += b.writeMessageIndex(index);
    }
    this.#chunkIndexes.push({
      messageStartTime: chunk.messageStartTime,
      messageEndTime: chunk.messageEndTime,
      chunkStartOffset,
      chunkLength,
      messageIndexOffsets,
      messageIndexLength,
      compression,
      compressedSize: BigInt(compressedData.byteLength),
      uncompressedSize: BigInt(records.byteLength),
    });
    this.#statistics.chunkCount++;
    const n = this.#chunkIndexes.length;
    this.#append(b.buffer.slice(), this.#sync, () => (this.#chunksOnDisk = n));
  }

  #append(bytes: Uint8Array, sync = false, written?: () => void): void {
    this.#position += BigInt(bytes.byteLength);
    this.#queue = this.#queue.then(async () => {
      if (this.#failed) return;
      try {
        // One write of the whole buffer: a FileHandle write may be short, so loop until all of it is down.
        for (let done = 0; done < bytes.byteLength;) {
          const { bytesWritten } = await this.#handle.write(bytes, done, bytes.byteLength - done);
          done += bytesWritten;
        }
        if (sync) await this.#handle.datasync();
        written?.();
      } catch (e) {
        this.#failed = e instanceof Error ? e : new Error(String(e));
        clearInterval(this.#timer);
        this.#onError?.(this.#failed);
      }
    });
  }
}
