import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { defaultCompression } from '../../src/main/core/flight/compression';
import { SESSION_CHANNELS } from '../../src/shared/session-file/channels';
import { root } from '../support/processes';
import { RUN_INFO, T0, writeRun } from '../support/session-runs';
import { tempDirs } from '../support/temp-dirs';

const dirs = tempDirs('session-doc-');
const run = promisify(execFile);

/** Runs the example of docs/sessions.md (examples/read-session.mjs: @mcap/core and node:* only) on a file. */
async function readWithExample(path: string) {
  const { stdout } = await run(process.execPath, [join(root, 'examples/read-session.mjs'), path], {
    cwd: root,
  });
  return JSON.parse(stdout) as {
    indexed: boolean;
    board: Record<string, string>;
    channels: { topic: string; schema: string; messageEncoding: string; count: number }[];
    firstTelemetry: { logTimeNs: string; publishTimeNs: string; message: { data: { seq: number } } };
    lastTelemetry: { message: { data: { seq: number } } };
  };
}

const expectedChannels = (telemetry: number) =>
  Object.values(SESSION_CHANNELS)
    .map((c) => ({
      topic: c.topic,
      schema: c.schema,
      messageEncoding: 'json',
      count: c.topic === '/board/telemetry' ? telemetry : 1,
    }))
    .sort((a, b) => a.topic.localeCompare(b.topic));

describe('the documented way to read a session, with @mcap/core alone', () => {
  it('reads a finished session: board, every channel with its schema and count, telemetry times', async () => {
    const path = join(dirs(), 'run.mcap');
    await writeRun(path, 1500, defaultCompression());
    const got = await readWithExample(path);
    expect(got.indexed).toBe(true);
    expect(got.board).toMatchObject({
      version: '1',
      boardId: RUN_INFO.boardId,
      boardName: RUN_INFO.boardName,
      boardKind: RUN_INFO.boardKind,
      benchVersion: RUN_INFO.benchVersion,
      startedMs: String(RUN_INFO.started),
    });
    expect(got.channels).toEqual(expectedChannels(1500));
    expect(got.firstTelemetry.logTimeNs).toBe(String(BigInt(T0) * 1_000_000n));
    expect(got.firstTelemetry.publishTimeNs).toBe('100000000000');
    expect(got.lastTelemetry.message.data.seq).toBe(1499);
  });

  it("reads a killed bench's session record by record", async () => {
    const path = join(dirs(), 'killed.mcap');
    await writeRun(path, 1500, defaultCompression(), { close: false });
    const got = await readWithExample(path);
    expect(got.indexed).toBe(false);
    expect(got.board.boardId).toBe(RUN_INFO.boardId);
    expect(got.channels).toEqual(expectedChannels(1500));
  });
});
