import { appendFile, copyFile, open, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { McapIndexedReader } from '@mcap/core';
import { FileHandleReadable } from '@mcap/nodejs';
import { describe, expect, it } from 'vitest';
import { T0, writeRun } from '../../../../test/support/session-runs';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { decompressHandlers, zstdAvailable, type ChunkCompression } from './compression';
import { openSessionFile } from './session-file-reader';

const dirs = tempDirs('session-recovery-');
const compressions: ChunkCompression[] = zstdAvailable() ? ['none', 'zstd'] : ['none'];

/** Every telemetry seq in the file, in order, each message parsed whole (a torn one would not parse). */
async function telemetrySeqs(path: string, repair = false) {
  const s = await openSessionFile(path, { repair });
  const seqs: number[] = [];
  for await (const m of s.messages({ channels: ['telemetry'] })) {
    seqs.push((JSON.parse(new TextDecoder().decode(m.data)) as { data: { seq: number } }).data.seq);
  }
  await s.close();
  return { seqs, recovered: s.recovered, info: s.info };
}

/** The finished file's chunks: where each ends and the last telemetry seq it holds. */
async function chunksOf(path: string) {
  const handle = await open(path, 'r');
  const reader = await McapIndexedReader.Initialize({
    readable: new FileHandleReadable(handle),
    decompressHandlers: decompressHandlers(),
  });
  const chunks = reader.chunkIndexes.map((c) => ({
    end: Number(c.chunkStartOffset + c.chunkLength),
    indexEnd: Number(c.chunkStartOffset + c.chunkLength + c.messageIndexLength),
    lastSeq: Number(c.messageEndTime / 1_000_000n) - T0,
  }));
  await handle.close();
  return chunks;
}

/** A small deterministic random source (the cut points must be the same on every run). */
function lcg(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('a session file cut short', () => {
  it.each(compressions)(
    'opens at any cut, with no torn message and every whole chunk kept (%s)',
    async (c) => {
      const dir = dirs();
      const whole = join(dir, 'whole.mcap');
      await writeRun(whole, 3000, c);
      const chunks = await chunksOf(whole);
      expect(chunks.length).toBeGreaterThan(5);
      const size = (await stat(whole)).size;
      const random = lcg(23);
      // Random cuts, plus the edges that matter: right after a chunk, inside its message indexes, after them.
      const middle = chunks[2]!;
      const cuts = [middle.end, middle.end + 3, middle.indexEnd, middle.indexEnd - 1, size - 1];
      for (let i = 0; i < 30; i++)
        cuts.push(chunks[0]!.end - 50 + Math.floor(random() * (size - chunks[0]!.end)));
      for (const [i, cut] of cuts.entries()) {
        const path = join(dir, `cut-${i}.mcap`);
        await copyFile(whole, path);
        await truncate(path, cut);
        const { seqs, recovered, info } = await telemetrySeqs(path);
        expect(recovered).toBeDefined();
        expect(info?.boardId).toBe('bench-b');
        // A prefix of what was written, no holes, nothing torn.
        seqs.forEach((s, k) => expect(s).toBe(k));
        // Every chunk that ended before the cut is there.
        const done = chunks.filter((ch) => ch.end <= cut);
        const expected = done.length === 0 ? 0 : Math.min(3000, done.at(-1)!.lastSeq + 1);
        expect(seqs.length, `cut at ${cut}`).toBeGreaterThanOrEqual(expected);
      }
    },
    60_000,
  );

  it('rebuilds the summary in the file when asked, so the next open needs no scan', async () => {
    const path = join(dirs(), 'killed.mcap');
    await writeRun(path, 2000, 'none', { close: false });
    await appendFile(path, new Uint8Array(4096)); // a power cut leaves zeros where the last write did not land
    const first = await telemetrySeqs(path, true);
    expect(first.recovered).toMatchObject({ rebuilt: true, droppedBytes: 4096 });
    expect(first.seqs).toHaveLength(2000);
    const again = await telemetrySeqs(path);
    expect(again.recovered).toBeUndefined();
    expect(again.seqs).toHaveLength(2000);
  });

  it('rebuilds a file whose writer was killed while writing the summary', async () => {
    const path = join(dirs(), 'summary-cut.mcap');
    await writeRun(path, 2000, 'none');
    await truncate(path, (await stat(path)).size - 30);
    expect((await telemetrySeqs(path, true)).seqs).toHaveLength(2000);
    const again = await telemetrySeqs(path);
    expect(again.recovered).toBeUndefined();
    expect(again.seqs).toHaveLength(2000);
  });

  it('opens a file still being written, without writing to it', async () => {
    const path = join(dirs(), 'live.mcap');
    const w = await writeRun(path, 500, 'none', { close: false });
    const before = (await stat(path)).size;
    const { seqs, recovered } = await telemetrySeqs(path);
    expect(recovered).toEqual({ rebuilt: false, droppedBytes: 0 });
    expect(seqs).toHaveLength(500);
    expect((await stat(path)).size).toBe(before);
    await w.close();
    expect((await telemetrySeqs(path)).recovered).toBeUndefined();
  });

  it('says plainly when a file is not a session file', async () => {
    const path = join(dirs(), 'not.mcap');
    await appendFile(path, 'hello, this is text');
    await expect(openSessionFile(path)).rejects.toThrow(/Cannot open the session file .*not a session file/);
  });
});
