// Issue 22, point 7, on the page's side: a request past what one bridge message may carry is refused in the page,
// for that call alone, instead of reaching a socket that closes (1009) under every other pending call.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { WebBridge } from '../../src/renderer/src/bridge/web-bridge';
import { MAX_BRIDGE_MESSAGE_BYTES } from '../../src/shared/bridge/wire';
import { until } from '../support/wait';

describe('the page bridge and a request past 4 MiB', () => {
  let server: WebSocketServer;
  let url: string;
  /** Close codes of the server's sockets, and invokes it held back to answer later. */
  const closes: number[] = [];
  const held: Array<() => void> = [];

  beforeAll(async () => {
    vi.stubGlobal('window', globalThis);
    // A core whose socket takes 4 MiB a message, as browser mode's did: past it, ws closes the socket with 1009.
    server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: MAX_BRIDGE_MESSAGE_BYTES });
    server.on('connection', (socket: ServerSocket) => {
      socket.on('close', (code) => closes.push(code));
      socket.on('message', (data) => {
        const msg = JSON.parse(data.toString()) as { t: string; id: number; name: string };
        if (msg.t !== 'invoke') return;
        const answer = () =>
          socket.send(JSON.stringify({ t: 'result', id: msg.id, result: { ok: true, value: msg.name } }));
        if (msg.name === 'slow') held.push(answer);
        else answer();
      });
    });
    await new Promise((resolve) => server.once('listening', resolve));
    const address = server.address();
    if (typeof address !== 'object' || address === null) throw new Error('no address');
    url = `ws://127.0.0.1:${address.port}/`;
  });
  afterAll(async () => {
    // `window` stays stubbed: the bridge keeps retrying its lost connection on window timers until the file ends.
    for (const client of server.clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses it in the page with a sentence, and the calls around it are answered over the same socket', async () => {
    const bridge = new WebBridge(url, 30_000);
    const pending = bridge.invoke('slow', {});
    await until(() => held.length === 1, 'the slow call to reach the core', 30_000);
    // 2.2 M backslashes: 4.4 MB once JSON-escaped, as a Windows map's paths were.
    const big = await bridge.invoke('memory:import', { mapFile: '\\'.repeat(2_200_000) });
    expect(big).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message:
          'Not sent: this request is 4.2 MB, more than the 4 MB one message to the app core may carry.',
      },
    });
    expect(await bridge.invoke('after', {})).toEqual({ ok: true, value: 'after' });
    held[0]!();
    expect(await pending).toEqual({ ok: true, value: 'slow' });
    expect(closes).toEqual([]);
  });
});
