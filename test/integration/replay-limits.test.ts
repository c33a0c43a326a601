// `npm run board -- --replay` with what is not a recording, and with a big one (docs/architecture.md §12.1): each
// refusal is one line in words and exit code 2, a FIFO never hangs the start, and a big recording plays in bounded
// memory (under a 40 MB heap, where reading it whole took several times its size).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WsClient from 'ws';
import { root, startCli, tempDir, type CliProcess } from '../support/processes';
import {
  headerLine,
  makeFifo,
  releaseFifo,
  telemetryLine,
  writeLongLineRecording,
  writeRecording,
} from '../support/recordings';
import { until } from '../support/wait';

const children: ChildProcess[] = [];
const boards: CliProcess<{ ws: string }>[] = [];
const fifos: string[] = [];
afterEach(async () => {
  for (const f of fifos.splice(0)) releaseFifo(f);
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const b of boards.splice(0)) await b.stop('SIGTERM');
});

const boardArgs = (emmc: string) => [
  'board',
  '--ws-port',
  '0',
  '--http-port',
  '0',
  '--ftp-port',
  '0',
  '--boot-ms',
  '0',
  '--emmc',
  emmc,
];

/** Runs `board --replay <file>` expecting it to exit; its exit code and stderr. */
function replayToExit(file: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'src/main/cli/main.ts'),
      ...boardArgs(tempDir('replay-emmc-')),
      '--replay',
      file,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

/** The first `n` telemetry texts a WebSocket client of `url` receives. */
async function telemetryFrom(url: string, n: number): Promise<string[]> {
  const ws = new WsClient(url, { handshakeTimeout: 10_000 });
  const got: string[] = [];
  ws.on('message', (d) => {
    const text = d.toString();
    if (text.includes('"telemetry"')) got.push(text);
  });
  try {
    await until(() => got.length >= n, `${n} replayed telemetry messages`, 30_000);
  } finally {
    ws.terminate();
  }
  return got.slice(0, n);
}

describe('board --replay refuses what is not a recording, in words', () => {
  it('a FIFO: refused at once, without waiting for a writer', async () => {
    const fifo = join(tempDir('replay-fifo-'), 'x.ndjson');
    makeFifo(fifo);
    fifos.push(fifo);
    expect(await replayToExit(fifo)).toEqual({
      code: 2,
      stderr: 'error: --replay: it is a named pipe (FIFO), not a regular file: not a telemetry recording\n',
    });
  }, 60_000);

  it('a line over 16 MB (20 MB here)', async () => {
    const file = join(tempDir('replay-long-'), 'long.ndjson');
    writeLongLineRecording(file, 20 * 1024 * 1024);
    expect(await replayToExit(file)).toEqual({
      code: 2,
      stderr: 'error: --replay: line 2 is longer than 16 MB: not a telemetry recording\n',
    });
  }, 60_000);

  it('a recording of another version', async () => {
    const file = join(tempDir('replay-v2-'), 'v2.ndjson');
    writeRecording(file, 3, '', 2);
    expect(await replayToExit(file)).toEqual({
      code: 2,
      stderr: 'error: --replay: this recording is version 2; this bench reads version 1 recordings\n',
    });
  }, 60_000);
});

describe('board --replay plays', () => {
  it('a recording that starts with a byte order mark', async () => {
    const file = join(tempDir('replay-bom-'), 'bom.ndjson');
    writeRecording(file, 3, '\uFEFF');
    const board = await startCli<{ ws: string }>([...boardArgs(tempDir('replay-emmc-')), '--replay', file]);
    boards.push(board);
    const got = await telemetryFrom(board.ready.ws, 1);
    expect(got[0]).toMatch(/"uptime":[123]\}/);
  }, 60_000);

  it('a 48 MB recording (100,000 messages and 32 MB of blank lines) in a 40 MB heap, in order', async () => {
    const file = join(tempDir('replay-big-'), 'big.ndjson');
    const fd = openSync(file, 'w');
    try {
      writeSync(fd, `${headerLine()}\n`);
      for (let block = 0; block < 100; block++) {
        const lines = Array.from({ length: 1000 }, (_, i) =>
          telemetryLine(10 * (block * 1000 + i), block * 1000 + i),
        );
        writeSync(fd, `${lines.join('\n')}\n`);
      }
      const blank = Buffer.alloc(1024 * 1024, '\n');
      for (let mb = 0; mb < 32; mb++) writeSync(fd, blank);
    } finally {
      closeSync(fd);
    }
    const board = await startCli<{ ws: string }>([...boardArgs(tempDir('replay-emmc-')), '--replay', file], {
      env: { NODE_OPTIONS: '--max-old-space-size=40' },
      timeoutMs: 60_000,
    });
    boards.push(board);
    const uptimes = (await telemetryFrom(board.ready.ws, 5)).map((t) => Number(/"uptime":(\d+)/.exec(t)![1]));
    // Consecutive messages of the recording (100,000 of them, looped: 99,999 is followed by 0).
    for (let i = 1; i < uptimes.length; i++) expect(uptimes[i]).toBe((uptimes[i - 1]! + 1) % 100_000);
  }, 120_000);
});
