// Opens a session file for reading: a finished one through its index (McapIndexedReader), a killed writer's one by
// reading its records and rebuilding the end it lacks (recovery.ts), in memory or, with `repair`, in the file.
import { open, type FileHandle } from 'node:fs/promises';
import { McapIndexedReader } from '@mcap/core';
import { FileHandleReadable } from '@mcap/nodejs';
import {
  SESSION_FILE_VERSION,
  SESSION_METADATA_NAME,
  channelKeyOfTopic,
  type SessionChannelKey,
} from '../../../shared/session-file/channels';
import type { SessionFileInfo } from '../../../shared/session-file/messages';
import { decompressHandlers } from './compression';
import { repairSessionFile, scanSessionFile } from './recovery';
import { SplicedReadable } from './spliced-readable';

/** One message read back. */
export interface SessionFileMessage {
  /** The channel's key, undefined for a topic this bench does not write. */
  readonly channel: SessionChannelKey | undefined;
  readonly topic: string;
  /** Log time in ms since the epoch (sub-ms kept as a fraction). */
  readonly t: number;
  readonly logTime: bigint;
  readonly publishTime: bigint;
  readonly sequence: number;
  /** The message bytes (JSON text for every channel of ours). */
  readonly data: Uint8Array;
}

/** How a file without its end was opened. */
export interface RecoveredNote {
  /** True when the end was written into the file (`repair`), false when it was only built in memory. */
  readonly rebuilt: boolean;
  /** Bytes of a torn or unreadable tail that were left out. */
  readonly droppedBytes: number;
}

/** Which messages to read. Times are ms since the epoch, both ends included. */
export interface MessageQuery {
  readonly channels?: readonly SessionChannelKey[];
  readonly startMs?: number;
  readonly endMs?: number;
}

/** An open session file. */
export interface OpenedSessionFile {
  readonly path: string;
  /** Whose run it is; undefined when the file lacks the record (another tool's MCAP file, or cut before it). */
  readonly info: SessionFileInfo | undefined;
  /** Set when the file had no summary (its writer was killed, or it is still being written). */
  readonly recovered: RecoveredNote | undefined;
  /** First and last log time, ms since the epoch; undefined when the file holds no message. */
  readonly startMs: number | undefined;
  readonly endMs: number | undefined;
  /** Messages per topic, as the summary counts them. */
  counts(): Map<string, number>;
  messages(query?: MessageQuery): AsyncIterable<SessionFileMessage>;
  /** The underlying reader, for what this interface does not offer. */
  readonly mcap: McapIndexedReader;
  close(): Promise<void>;
}

const nsToMs = (ns: bigint): number => Number(ns / 1000n) / 1000;
const msToNs = (ms: number): bigint => BigInt(Math.round(ms * 1000)) * 1000n;

/**
 * Opens a session file. A file without its summary is read record by record and opened with a rebuilt one; with
 * `repair: true` that summary is written into the file (never do that to a file still being written).
 */
export async function openSessionFile(
  path: string,
  options: { repair?: boolean } = {},
): Promise<OpenedSessionFile> {
  let handle = await open(path, 'r');
  try {
    let recovered: RecoveredNote | undefined;
    let mcap: McapIndexedReader;
    try {
      mcap = await McapIndexedReader.Initialize({
        readable: new FileHandleReadable(handle),
        decompressHandlers: decompressHandlers(),
      });
    } catch {
      if (options.repair) {
        await handle.close();
        const repaired = await repairSessionFile(path);
        handle = await open(path, 'r');
        mcap = await McapIndexedReader.Initialize({
          readable: new FileHandleReadable(handle),
          decompressHandlers: decompressHandlers(),
        });
        recovered = { rebuilt: true, droppedBytes: repaired.droppedBytes };
      } else {
        const { size } = await handle.stat();
        const scan = await scanSessionFile(handle, size);
        mcap = await McapIndexedReader.Initialize({
          readable: new SplicedReadable(handle, scan.keptBytes, scan.tail),
          decompressHandlers: decompressHandlers(),
        });
        recovered = { rebuilt: false, droppedBytes: scan.droppedBytes };
      }
    }
    return await opened(path, handle, mcap, recovered);
  } catch (e) {
    await handle.close();
    throw new Error(`Cannot open the session file ${path}: ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
    });
  }
}

async function opened(
  path: string,
  handle: FileHandle,
  mcap: McapIndexedReader,
  recovered: RecoveredNote | undefined,
): Promise<OpenedSessionFile> {
  const info = await readInfo(mcap);
  const stats = mcap.statistics;
  const any = stats !== undefined && stats.messageCount > 0n;
  return {
    path,
    info,
    recovered,
    mcap,
    startMs: any ? nsToMs(stats.messageStartTime) : undefined,
    endMs: any ? nsToMs(stats.messageEndTime) : undefined,
    counts() {
      const counts = new Map<string, number>();
      for (const channel of mcap.channelsById.values()) {
        const n = stats?.channelMessageCounts.get(channel.id) ?? 0n;
        counts.set(channel.topic, (counts.get(channel.topic) ?? 0) + Number(n));
      }
      return counts;
    },
    async *messages(query: MessageQuery = {}) {
      if (!any) return;
      const topics = query.channels?.map(
        (key) =>
          [...mcap.channelsById.values()].find((c) => channelKeyOfTopic(c.topic) === key)?.topic ??
          `(none: ${key})`,
      );
      for await (const m of mcap.readMessages({
        topics,
        startTime: query.startMs === undefined ? undefined : msToNs(query.startMs),
        endTime: query.endMs === undefined ? undefined : msToNs(query.endMs),
      })) {
        const topic = mcap.channelsById.get(m.channelId)?.topic ?? '';
        yield {
          channel: channelKeyOfTopic(topic),
          topic,
          t: nsToMs(m.logTime),
          logTime: m.logTime,
          publishTime: m.publishTime,
          sequence: m.sequence,
          data: m.data,
        };
      }
    },
    close: () => handle.close(),
  };
}

/** The session's metadata record, checked field by field. */
async function readInfo(mcap: McapIndexedReader): Promise<SessionFileInfo | undefined> {
  for await (const record of mcap.readMetadata({ name: SESSION_METADATA_NAME })) {
    const m = record.metadata;
    const version = Number(m.get('version'));
    if (version > SESSION_FILE_VERSION) {
      throw new Error(
        `it was written by a newer bench (session file version ${version}); update this one to read it`,
      );
    }
    const started = Number(m.get('startedMs'));
    const kind = m.get('boardKind');
    const boardId = m.get('boardId');
    if (!boardId || !Number.isFinite(started) || (kind !== 'virtual' && kind !== 'real')) return undefined;
    return {
      boardId,
      boardName: m.get('boardName') ?? boardId,
      boardKind: kind,
      benchVersion: m.get('benchVersion') ?? 'unknown',
      started,
    };
  }
  return undefined;
}
