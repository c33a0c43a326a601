import { createHash } from 'node:crypto';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FrameCapture } from '../frames/capture';
import { WsLink } from './ws-link';
import { until } from '../../../../test/support/wait';

// What the frame log sees of one real connection, against a server that answers like the firmware: the 101 and the
// first led-status frame in ONE TCP segment.
const STATUS = '{"type":"led-status","data":{"yellowLed":false,"redLed":false}}';

function firmwareLike(): Promise<Server> {
  const server = createServer((socket) => {
    socket.once('data', (req: Buffer) => {
      const key = /Sec-WebSocket-Key: (\S+)/i.exec(req.toString('latin1'))?.[1] ?? '';
      const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
      const head = `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`;
      const payload = Buffer.from(STATUS);
      socket.write(
        Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from([0x81, payload.length]), payload]),
      );
    });
    socket.on('error', () => undefined);
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

describe('WsLink frame tap', () => {
  let server: Server | undefined;
  let link: WsLink | undefined;
  afterEach(async () => {
    await link?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  });

  it('logs the upgrade request, the 101, and the first frame once', async () => {
    server = await firmwareLike();
    const capture = new FrameCapture();
    const received: string[] = [];
    link = new WsLink({
      host: '127.0.0.1',
      port: (server.address() as AddressInfo).port,
      frameTap: capture,
      onRecord: (r) => r.dir === 'rx' && r.data && received.push(r.data),
    });
    link.start();
    await until(() => received.length > 0, 'the first received frame', 3000);
    expect(received).toEqual([STATUS]);
    const rows = [...capture.allItems()].map((i) => i.row).filter((r) => r.kind !== 'event');
    expect(rows.map((r) => `${r.dir} ${r.kind} ${r.preview}`)).toEqual([
      expect.stringMatching(/^tx http GET \/ HTTP\/1\.1 · key /),
      expect.stringMatching(/^rx http HTTP\/1\.1 101 Switching Protocols · accept /),
      'rx frame led-status yellow=false red=false',
    ]);
  });
});
