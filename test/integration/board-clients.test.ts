import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WsClient from 'ws';
import type { Browser } from 'playwright-core';
import { startBoard, type BoardProfile, type RunningBoard } from '../../src/main/board';
import { launchChromium } from '../support/browser';
import { until } from '../support/wait';

const LED_OFF = '{"type":"led-status","data":{"yellowLed":false,"redLed":false}}';
const TELEMETRY =
  /^\{"type":"telemetry","data":\{"junctionTemp":\d+,"randomFloat":[\d.e+-]+,"randomInt":\d+,"uptime":\d+\}\}$/;
const CMD = '{"type":"led-command","led":"yellow","state":true}';

/** Independent clients against both profiles: ws, Chromium's WebSocket, Python websockets. */
describe.each<BoardProfile>(['firmware', 'compliant'])('%s profile with real clients', (profile) => {
  let board: RunningBoard;
  let browser: Browser;
  beforeAll(async () => {
    board = await startBoard({
      wsPort: 0,
      bootDelayMs: 0,
      telemetryMs: 30,
      profile,
      handshakeTimeoutMs: 2000,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await board?.close();
  });
  const noClients = () =>
    until(
      () => board.control.state().clients.length === 0 && board.control.state().pendingClients === 0,
      'the previous client to disconnect',
      5000,
    );

  it('ws client', async () => {
    await noClients();
    const ws = new WsClient(`${board.endpoints.ws}/any/path`, {
      handshakeTimeout: 3000,
      perMessageDeflate: false,
      maxPayload: 65536,
    });
    const got: string[] = [];
    ws.on('message', (d) => {
      got.push(d.toString());
      if (got.length === 1) ws.send(CMD);
    });
    await new Promise<void>((resolve, reject) => {
      ws.on('error', reject);
      ws.on('message', () => {
        if (got.filter((m) => m.includes('led-status')).length >= 2 && got.some((m) => TELEMETRY.test(m)))
          resolve();
      });
    });
    expect(got[0]).toBe(LED_OFF);
    expect(got).toContain('{"type":"led-status","data":{"yellowLed":true,"redLed":false}}');
    ws.terminate();
    await noClients();
    // Reset the tracked LED for the next client.
    const ws2 = new WsClient(board.endpoints.ws, { handshakeTimeout: 3000 });
    await once(ws2, 'message');
    ws2.send('{"type":"led-command","led":"yellow","state":false}');
    await new Promise<void>((r) =>
      ws2.on('message', (d) => d.toString().includes('"yellowLed":false') && r()),
    );
    ws2.terminate();
  });

  it("Chromium's WebSocket", async () => {
    await noClients();
    const page = await browser.newPage();
    const result = await page.evaluate(
      ([url, cmd]) =>
        new Promise<{ messages: string[]; closeCode: number }>((resolve, reject) => {
          const ws = new WebSocket(url!);
          const messages: string[] = [];
          const timer = setTimeout(() => reject(new Error(`timeout: ${JSON.stringify(messages)}`)), 8000);
          ws.onmessage = (e) => {
            messages.push(String(e.data));
            if (messages.length === 1) ws.send(cmd!);
            if (
              messages.filter((m) => m.includes('led-status')).length === 2 &&
              messages.some((m) => m.includes('telemetry'))
            )
              ws.close(1000, 'done');
          };
          ws.onclose = (e) => {
            clearTimeout(timer);
            resolve({ messages, closeCode: e.code });
          };
          ws.onerror = () => undefined;
        }),
      [board.endpoints.ws, CMD],
    );
    await page.close();
    expect(result.messages[0]).toBe(LED_OFF);
    expect(result.messages.some((m) => TELEMETRY.test(m))).toBe(true);
    // The firmware never echoes Close: the browser sees an abnormal closure once the board resets.
    expect(result.closeCode).toBe(profile === 'firmware' ? 1006 : 1000);
  });

  it('Python websockets (ping_interval=None)', async () => {
    await noClients();
    const script = [
      'import asyncio, json, sys, websockets',
      'async def main():',
      `    async with websockets.connect(sys.argv[1], ping_interval=None, close_timeout=0.5) as ws:`,
      '        out = [await ws.recv()]',
      `        await ws.send(sys.argv[2])`,
      '        while sum("led-status" in m for m in out) < 2 or not any("telemetry" in m for m in out):',
      '            out.append(await ws.recv())',
      '        print(json.dumps(out))',
      'asyncio.run(main())',
    ].join('\n');
    const child = spawn('/usr/bin/python3', [
      '-c',
      script,
      board.endpoints.ws,
      '{"type":"led-command","led":"yellow","state":false}',
    ]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(err).toBe('');
    expect(code).toBe(0);
    const messages = JSON.parse(out) as string[];
    // Chromium switched yellow on before; led-status reports the tracked state.
    expect(messages[0]).toBe('{"type":"led-status","data":{"yellowLed":true,"redLed":false}}');
    expect(messages).toContain(LED_OFF);
    expect(messages.some((m) => TELEMETRY.test(m))).toBe(true);
  });
});
