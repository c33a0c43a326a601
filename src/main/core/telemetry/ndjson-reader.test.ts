import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  makeFifo,
  releaseFifo,
  writeLongLineRecording,
  writeRecording,
} from '../../../../test/support/recordings';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { readRecording } from './ndjson-reader';

const tmp = tempDirs('ndjson-reader-');
const fifos: string[] = [];
afterEach(() => {
  for (const f of fifos.splice(0)) releaseFifo(f);
});

async function times(path: string): Promise<number[]> {
  const ts: number[] = [];
  for await (const r of readRecording(path)) ts.push(r.t);
  return ts;
}

describe('readRecording: what it refuses', () => {
  it('refuses a line over 16 MB (a 20 MB one here) instead of building it', async () => {
    const file = join(tmp(), 'long.ndjson');
    writeLongLineRecording(file, 20 * 1024 * 1024);
    await expect(times(file)).rejects.toThrow('line 2 is longer than 16 MB: not a telemetry recording');
  });

  it('reads a line just under the limit', async () => {
    const file = join(tmp(), 'long.ndjson');
    writeLongLineRecording(file, 15 * 1024 * 1024);
    expect(await times(file)).toEqual([1, 2]);
  });

  it('refuses a FIFO at once, without opening it for a blocking read', async () => {
    const fifo = join(tmp(), 'x.ndjson');
    makeFifo(fifo);
    fifos.push(fifo);
    await expect(times(fifo)).rejects.toThrow(
      'it is a named pipe (FIFO), not a regular file: not a telemetry recording',
    );
  });

  it('refuses a folder named like a recording', async () => {
    const dir = tmp();
    await expect(times(dir)).rejects.toThrow(/it is a folder, not a regular file/);
  });

  it('reads a recording that starts with a byte order mark, and names an unknown version', async () => {
    const dir = tmp();
    writeRecording(join(dir, 'bom.ndjson'), 2, '\uFEFF');
    expect(await times(join(dir, 'bom.ndjson'))).toEqual([1000, 2000]);
    writeRecording(join(dir, 'v2.ndjson'), 2, '', 2);
    await expect(times(join(dir, 'v2.ndjson'))).rejects.toThrow(
      'this recording is version 2; this bench reads version 1 recordings',
    );
  });
});
