import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { McapIndexedReader } from '@mcap/core';
import { FileHandleReadable } from '@mcap/nodejs';
import { describe, expect, it } from 'vitest';
import {
  SESSION_CHANNELS,
  SESSION_CHANNEL_KEYS,
  SESSION_FILE_PROFILE,
} from '../../../shared/session-file/channels';
import { RUN_INFO as INFO, T0, writeRun } from '../../../../test/support/session-runs';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { decompressHandlers, zstdAvailable, type ChunkCompression } from './compression';
import { openSessionFile } from './session-file-reader';

const dirs = tempDirs('session-file-');
const compressions: ChunkCompression[] = zstdAvailable() ? ['none', 'zstd'] : ['none'];

describe('session file round trip', () => {
  it.each(compressions)(
    'writes every channel, schema and message count, read back by @mcap/core (%s)',
    async (compression) => {
      const path = join(dirs(), 'run.mcap');
      await writeRun(path, 2000, compression);
      const handle = await open(path, 'r');
      const reader = await McapIndexedReader.Initialize({
        readable: new FileHandleReadable(handle),
        decompressHandlers: decompressHandlers(),
      });
      expect(reader.header.profile).toBe(SESSION_FILE_PROFILE);
      const topics = [...reader.channelsById.values()].map((c) => c.topic).sort();
      expect(topics).toEqual(SESSION_CHANNEL_KEYS.map((k) => SESSION_CHANNELS[k].topic).sort());
      for (const c of reader.channelsById.values()) {
        const schema = reader.schemasById.get(c.schemaId)!;
        expect(schema.encoding).toBe('jsonschema');
        expect(c.messageEncoding).toBe('json');
        expect(JSON.parse(new TextDecoder().decode(schema.data))).toHaveProperty('title', schema.name);
      }
      expect(reader.statistics!.messageCount).toBe(2005n);
      expect(reader.chunkIndexes.length).toBeGreaterThan(1);
      const seqs: number[] = [];
      for await (const m of reader.readMessages({ topics: ['/board/telemetry'] })) {
        seqs.push((JSON.parse(new TextDecoder().decode(m.data)) as { data: { seq: number } }).data.seq);
      }
      expect(seqs).toEqual([...Array(2000).keys()]);
      await handle.close();

      const s = await openSessionFile(path);
      expect(s.info).toEqual(INFO);
      expect(s.recovered).toBeUndefined();
      expect(Object.fromEntries(s.counts())).toEqual({
        '/board/telemetry': 2000,
        '/ws/frames': 1,
        '/ws/tcp': 1,
        '/serial/lines': 1,
        '/board/pool-status': 1,
        '/bench/events': 1,
      });
      expect(s.startMs).toBe(T0);
      expect(s.endMs).toBe(T0 + 1999);
      await s.close();
    },
  );

  it('reads by time range and channel, with the board uptime as publish time', async () => {
    const path = join(dirs(), 'run.mcap');
    await writeRun(path, 1000, 'none');
    const s = await openSessionFile(path);
    const got = [];
    for await (const m of s.messages({ channels: ['telemetry', 'serial'], startMs: T0 + 2, endMs: T0 + 5 }))
      got.push(m);
    expect(got.map((m) => [m.channel, m.t])).toEqual([
      ['telemetry', T0 + 2],
      ['serial', T0 + 2],
      ['telemetry', T0 + 3],
      ['telemetry', T0 + 4],
      ['telemetry', T0 + 5],
    ]);
    expect(got[0]!.publishTime).toBe(100_002_000_000n);
    expect(got[1]!.publishTime).toBe(BigInt(T0 + 2) * 1_000_000n);
    await s.close();
  });
});
