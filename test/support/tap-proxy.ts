// A TCP proxy that reports every chunk it relays to a FrameTap: client → target is tx, target → client is rx.
// It stands in for ws-link's raw-bytes hook in tests and benchmarks, tapping any client (ws, Python, Chromium).
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import type { FrameTap } from '../../src/main/core/frames/tap';

export interface TapProxy {
  readonly port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 port 0 and relays each connection to 127.0.0.1:targetPort, tapping both directions. */
export async function startTapProxy(targetPort: number, tap: FrameTap): Promise<TapProxy> {
  const sockets = new Set<Socket>();
  let n = 0;
  const server = createServer((client) => {
    const connId = `proxy-${++n}`;
    tap.connectionOpened(connId, {
      host: '127.0.0.1',
      port: targetPort,
      localAddress: '127.0.0.1',
      localPort: client.remotePort,
    });
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    upstream.on('connect', () => tap.connectionEvent(connId, 'connected'));
    client.on('data', (b: Buffer) => {
      tap.chunk(connId, 'tx', new Uint8Array(b.buffer, b.byteOffset, b.length));
      upstream.write(b);
    });
    upstream.on('data', (b: Buffer) => {
      tap.chunk(connId, 'rx', new Uint8Array(b.buffer, b.byteOffset, b.length));
      client.write(b);
    });
    let ended = false;
    upstream.on('end', () => {
      if (!ended) tap.connectionEvent(connId, 'fin');
      ended = true;
      client.end();
    });
    client.on('end', () => {
      if (!ended) tap.connectionEvent(connId, 'closed');
      ended = true;
      upstream.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
