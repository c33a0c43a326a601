// Telemetry batches through the real browser-mode bridge as a page of this build asks for them (`?wire=binary`):
// one binary frame per batch, typed columns read back as Float64Arrays with NaN where a message had no value,
// the same series a page without binary frames gets as JSON arrays.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WebServerMessage } from '../../src/shared/bridge/contract';
import { decodeWireBinary } from '../../src/shared/bridge/wire';
import type { TelemetryBatch } from '../../src/shared/telemetry/types';
import { createBench, type Bench } from '../../src/main/core/bench';
import { startWebServer, type WebServer } from '../../src/main/web/server';
import { bridgeUrl } from '../support/bridge';
import { tempDir } from '../support/processes';

describe('telemetry batches as binary bridge frames', () => {
  let bench: Bench;
  let server: WebServer;
  let dir: string;
  const sockets: WebSocket[] = [];

  /** A bridge client subscribed to batches; resolves once the subscription is in place. */
  const client = async (binary: boolean) => {
    const url = bridgeUrl(server.url);
    const ws = new WebSocket(binary ? `${url}&wire=binary` : url, { origin: new URL(server.url).origin });
    sockets.push(ws);
    const frames: Array<{ binary: boolean; msg: WebServerMessage }> = [];
    let ready: () => void = () => {};
    const subscribed = new Promise<void>((r) => (ready = r));
    ws.on('message', (data: Buffer, isBinary) => {
      const msg = (
        isBinary
          ? decodeWireBinary(
              data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer,
            )
          : JSON.parse(data.toString())
      ) as WebServerMessage;
      if (msg.t === 'result') ready();
      else frames.push({ binary: isBinary, msg });
    });
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ t: 'sub', name: 'telemetry:batch' }));
    ws.send(JSON.stringify({ t: 'invoke', id: 1, name: 'app:info', request: {} }));
    await subscribed;
    return frames;
  };

  beforeAll(async () => {
    dir = tempDir('tel-binary-');
    bench = await createBench({
      connectOnStart: false,
      configDir: dir,
      identity: { name: 't', version: '0', platform: 'linux' },
      log: () => {},
      heartbeatMs: 0,
    });
    server = await startWebServer({ bench, rendererDir: dir, host: '127.0.0.1', port: 0, log: () => {} });
  });
  afterAll(async () => {
    for (const ws of sockets) ws.close();
    await server?.close();
    await bench?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends typed columns in one binary frame and the same series as JSON to a page that did not ask', async () => {
    const binary = await client(true);
    const text = await client(false);
    const rx = (t: number, data: object) =>
      bench.telemetry.pipeline.ingest('virtual', {
        t,
        dir: 'rx',
        op: 1,
        data: JSON.stringify({ type: 'telemetry', data }),
      });
    rx(1000, { a: 1.5, b: 7 });
    rx(1001, { a: -2 });
    bench.telemetry.pipeline.flush();
    const batchOf = (frames: typeof binary) =>
      frames.find((f) => f.msg.t === 'event' && f.msg.name === 'telemetry:batch');
    const end = Date.now() + 10_000;
    while (!batchOf(binary) || !batchOf(text)) {
      if (Date.now() > end) throw new Error('no batch arrived');
      await new Promise((r) => setTimeout(r, 10));
    }
    const b = batchOf(binary)!;
    expect(b.binary).toBe(true);
    const batch = (b.msg as { payload: TelemetryBatch }).payload;
    expect(batch.t).toBeInstanceOf(Float64Array);
    expect(batch.series).toEqual(['a', 'b']);
    expect(Array.from(batch.t)).toEqual([1000, 1001]);
    expect(batch.columns.map((c) => Array.from(c))).toEqual([
      [1.5, -2],
      [7, NaN],
    ]);
    const t = batchOf(text)!;
    expect(t.binary).toBe(false);
    const plain = (t.msg as { payload: { t: number[]; columns: Array<Array<number | null>> } }).payload;
    expect(plain.t).toEqual([1000, 1001]);
    expect(plain.columns).toEqual([
      [1.5, -2],
      [7, null],
    ]);
  });
});
