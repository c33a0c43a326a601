import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChunkIndex } from '@mcap/core';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { openSessionFile } from '../flight/session-file-reader';
import { SessionFileWriter } from '../flight/session-file-writer';
import { walkChunks } from './chunk-walk';

const dirs = tempDirs('chunk-walk-');
const T0 = Date.UTC(2026, 11, 7, 8);

/** A run of `chunks` chunks of 10 telemetry messages each, one message every 10 ms. */
async function writeChunks(path: string, chunks: number): Promise<void> {
  const w = await SessionFileWriter.create(
    path,
    { boardId: 'b', boardName: 'B', boardKind: 'virtual', benchVersion: 't', started: T0 },
    { sync: false, chunkMs: 3_600_000 },
  );
  for (let j = 0; j < chunks * 10; j++) {
    w.add('telemetry', T0 + j * 10, `{"type":"telemetry","data":{"v":${j}}}`);
    if (j % 10 === 9) await w.flush();
  }
  await w.close();
}

describe('walkChunks', () => {
  it('reads, and looks at, only the chunks a window needs', async () => {
    const path = join(dirs(), 'run.mcap');
    await writeChunks(path, 2000);
    const file = await openSessionFile(path);
    const handle = await open(path, 'r');
    try {
      const telemetry = new Set([...file.mcap.channelsById.values()].map((c) => c.id));
      // Count which chunk indexes a walk looks at: a long run has 172,800 chunks a day.
      const looked = new Set<number>();
      const watched: ChunkIndex[] = file.mcap.chunkIndexes.map(
        (c, k) =>
          new Proxy(c, {
            get(target, key, receiver) {
              looked.add(k);
              return Reflect.get(target, key, receiver) as unknown;
            },
          }),
      );
      const reads: [number, number][] = [];
      const counted = {
        read: (buffer: Buffer, offset: number, length: number, position: number) => {
          reads.push([position, position + length]);
          return handle.read(buffer, offset, length, position);
        },
      };
      const all: number[] = [];
      await walkChunks(counted, watched, telemetry, (_c, t) => all.push(t));
      expect(all).toHaveLength(20_000);
      // Chunks next to each other are read together: far fewer reads than chunks.
      expect(reads.length).toBeLessThan(100);

      // Chunk 1000 holds messages 10,000..10,009; ask for 10,005..10,025: chunks 1000, 1001 and 1002.
      looked.clear();
      reads.length = 0;
      const got: number[] = [];
      await walkChunks(counted, watched, telemetry, (_c, t) => got.push(t), {
        fromMs: T0 + 10_005 * 10,
        toMs: T0 + 10_025 * 10,
      });
      // What was read is chunks 1000 to 1002 and the message indexes between them: nothing before or after.
      const chunk = (k: number) => file.mcap.chunkIndexes[k]!;
      expect(reads).toEqual([
        [
          Number(chunk(1000).chunkStartOffset),
          Number(chunk(1002).chunkStartOffset + chunk(1002).chunkLength),
        ],
      ]);
      expect(got).toEqual(Array.from({ length: 30 }, (_, j) => T0 + (10_000 + j) * 10));
      expect(looked.size).toBeLessThan(10);
    } finally {
      await handle.close();
      await file.close();
    }
  });
});
