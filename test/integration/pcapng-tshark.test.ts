// A real ws exchange on loopback, tapped by a proxy, captured, exported as pcapng, and decoded by Debian's tshark.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer, type AddressInfo } from 'ws';
import { FrameCapture } from '../../src/main/core/frames/capture';
import { exportPcapng } from '../../src/main/core/frames/export';
import { tempDir } from '../support/processes';
import { startTapProxy, type TapProxy } from '../support/tap-proxy';
import { until } from '../support/wait';

const run = promisify(execFile);

describe('pcapng export read by tshark', () => {
  let wss: WebSocketServer;
  let proxy: TapProxy;
  const capture = new FrameCapture();

  beforeAll(async () => {
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    wss.on('connection', (ws) => {
      ws.send('{"type":"led-status","data":{"yellowLed":false,"redLed":false}}');
      ws.on('message', (data, binary) => ws.send(binary ? data : `echo ${String(data)}`));
    });
    proxy = await startTapProxy((wss.address() as AddressInfo).port, capture);
  });

  afterAll(async () => {
    await proxy?.close();
    await new Promise<void>((r) => wss.close(() => r()));
  });

  it('decodes the opcodes, the unmasked text of masked client frames, and the close', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${proxy.port}/ws`, {
      perMessageDeflate: false,
      handshakeTimeout: 5000,
    });
    const received: string[] = [];
    ws.on('message', (d) => received.push(String(d)));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send('{"type":"led-command","led":"yellow","state":true}');
    await until(() => received.length >= 2, 'the echo');
    ws.ping('p1');
    await new Promise<void>((r) => ws.once('pong', () => r()));
    ws.close(1000, 'done');
    await new Promise<void>((r) => ws.once('close', () => r()));
    await until(
      () => [...capture.allItems()].some((i) => i.row.kind === 'event' && /closed|FIN/.test(i.row.preview)),
      'the end of the connection',
    );

    const rows = [...capture.allItems()].map((i) => i.row);
    expect(rows.filter((r) => r.kind === 'http').map((r) => r.dir)).toEqual(['tx', 'rx']);
    expect(
      rows.filter((r) => r.kind === 'frame').map((r) => `${r.dir} ${r.opName}${r.masked ? ' masked' : ''}`),
    ).toEqual([
      'rx text',
      'tx text masked',
      'rx text',
      'tx ping masked',
      'rx pong',
      'tx close masked',
      'rx close',
    ]);
    expect(rows.flatMap((r) => r.notes)).toEqual([]);

    const { bytes } = exportPcapng(capture, undefined, 'NUCLEO-MEM Bench test');
    const file = join(tempDir('pcapng-'), 'capture.pcapng');
    writeFileSync(file, bytes);
    const serverPort = (wss.address() as AddressInfo).port;
    const { stdout } = await run(
      'tshark',
      [
        '-r',
        file,
        '-d',
        `tcp.port==${serverPort},http`,
        '-Y',
        'websocket',
        '-T',
        'fields',
        '-E',
        'separator=|',
        '-e',
        'websocket.opcode',
        '-e',
        'websocket.mask',
        '-e',
        'websocket.payload.text',
        '-e',
        'websocket.payload.close.status_code',
      ],
      { timeout: 30_000 },
    );
    const lines = stdout.trim().split('\n');
    expect(lines).toEqual([
      '1|0|{"type":"led-status","data":{"yellowLed":false,"redLed":false}}|',
      '1|1|{"type":"led-command","led":"yellow","state":true}|',
      '1|0|echo {"type":"led-command","led":"yellow","state":true}|',
      '9|1||',
      '10|0||',
      '8|1||1000',
      '8|0||1000',
    ]);
    const check = await run(
      'tshark',
      [
        '-r',
        file,
        '-o',
        'ip.check_checksum:TRUE',
        '-o',
        'tcp.check_checksum:TRUE',
        '-Y',
        'ip.checksum.status==0 || tcp.checksum.status==0 || tcp.analysis.flags',
      ],
      { timeout: 30_000 },
    );
    expect(check.stdout.trim()).toBe('');
  });
});
