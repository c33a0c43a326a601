// What the bench refuses in its recordings folder (docs/architecture.md §12.1): a recording with a line over 16 MB
// and a FIFO named *.ndjson are refused in words, and the core (then the browser-mode process) keeps answering and
// still stops on SIGTERM. Before, a FIFO blocked a libuv thread per export until all four were taken.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Bench } from '../../src/main/core/bench';
import type { Result } from '../../src/shared/result';
import { testBench } from '../support/bench';
import { bridgeUrl } from '../support/bridge';
import { startCli, tempDir, type CliProcess } from '../support/processes';
import { makeFifo, releaseFifo, writeLongLineRecording, writeRecording } from '../support/recordings';

const fifos: string[] = [];
const benches: Bench[] = [];
const clis: CliProcess<{ url: string }>[] = [];
afterEach(async () => {
  // Old code blocked a thread on each FIFO: let them go, so the process can end.
  for (const f of fifos.splice(0)) releaseFifo(f);
  for (const b of benches.splice(0)) await b.close();
  for (const c of clis.splice(0)) await c.stop('SIGKILL');
});

/** A FIFO named like a recording in `dir`. */
function fifoIn(dir: string, name = 'x.ndjson'): string {
  const path = join(dir, name);
  makeFifo(path);
  fifos.push(path);
  return path;
}

const exportOf = (file: string) => ({ source: 'recording', file });

/** A core on a fresh config dir: its recordings folder and a command caller. */
async function core() {
  const configDir = tempDir('rec-limits-');
  const bench = await testBench(configDir, { connectOnStart: false });
  benches.push(bench);
  const call = (name: string, request: unknown) =>
    bench.dispatch(name, request, { transport: 'browser' }) as Promise<Result<{ rows: number }>>;
  return { recordings: join(configDir, 'recordings'), call };
}

describe('recordings the core refuses', () => {
  it('refuses a recording with a 20 MB line in words', async () => {
    const { recordings, call } = await core();
    const long = join(recordings, 'long.ndjson');
    writeLongLineRecording(long, 20 * 1024 * 1024);
    const refused = await call('telemetry:export-csv', exportOf(long));
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: `Could not read ${long}: line 2 is longer than 16 MB: not a telemetry recording`,
      },
    });
  });

  it('refuses FIFOs at once, more of them than libuv has threads, and goes on exporting', async () => {
    const { recordings, call } = await core();
    // More FIFO exports than libuv has threads, all at once: each is refused, none waits for a writer.
    const fifo = fifoIn(recordings);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => call('telemetry:export-csv', exportOf(fifo))),
    );
    for (const a of answers) {
      expect(a.ok).toBe(false);
      expect(a.ok ? '' : a.error.message).toBe(
        `Could not read ${fifo}: it is a named pipe (FIFO), not a regular file: not a telemetry recording`,
      );
    }

    // File work still runs: a good recording (with a byte order mark) exports.
    const good = join(recordings, 'good.ndjson');
    writeRecording(good, 3, '\uFEFF');
    const exported = await call('telemetry:export-csv', exportOf(good));
    expect(exported.ok && exported.value.rows).toBe(3);
  }, 60_000);
});

/** Opens the browser-mode bridge of `url`. */
function connect(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(bridgeUrl(url), { origin: new URL(url).origin, handshakeTimeout: 10_000 });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Sends one command over the bridge and waits for its result. */
function invoke(ws: WebSocket, id: number, name: string, request: unknown): Promise<Result<unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString()) as { t: string; id?: number; result?: Result<unknown> };
      if (msg.t === 'result' && msg.id === id && msg.result) {
        ws.off('message', onMessage);
        resolve(msg.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'invoke', id, name, request }));
  });
}

describe('browser mode with a FIFO in its recordings folder', () => {
  it('refuses every export of it, keeps answering, and exits on SIGTERM', async () => {
    const configDir = tempDir('rec-fifo-web-');
    const web = await startCli<{ url: string }>([
      'web',
      '--port',
      '0',
      '--config-dir',
      configDir,
      '--virtual-ports',
      'any',
    ]);
    clis.push(web);
    const fifo = fifoIn(join(configDir, 'recordings'));
    const long = join(configDir, 'recordings', 'long.ndjson');
    writeLongLineRecording(long, 20 * 1024 * 1024);
    const ws = await connect(web.ready.url);
    try {
      const answers = await Promise.all([
        ...Array.from({ length: 6 }, (_, i) => invoke(ws, i + 1, 'telemetry:export-csv', exportOf(fifo))),
        invoke(ws, 7, 'telemetry:export-csv', exportOf(long)),
      ]);
      const messages = answers.map((a) => (a.ok ? 'exported' : a.error.message));
      expect(messages.slice(0, 6)).toEqual(Array(6).fill(expect.stringMatching(/named pipe \(FIFO\)/)));
      expect(messages[6]).toMatch(/line 2 is longer than 16 MB: not a telemetry recording/);
      expect((await invoke(ws, 8, 'app:info', {})).ok).toBe(true);
    } finally {
      ws.close();
    }
    expect(await web.stop('SIGTERM')).toBe(0);
  }, 90_000);
});
