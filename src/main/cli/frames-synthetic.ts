// A synthetic board link for the frames benchmark: firmware-like traffic written straight into the capture's tap
// (upgrade, led-status, telemetry, commands, an unanswered ping, a packed chunk), and a RawSender that answers as
// the firmware would. To be replaced by the virtual board over a real ws-link once the link manager is merged.
import { closePayload, encodeFrame } from '../../shared/ws-frames';
import { ledCommandText } from '../../shared/protocol/messages';
import type { FrameTap } from '../core/frames/tap';
import type { RawSender } from '../core/frames/raw-sender';

const enc = new TextEncoder();
const KEY = Uint8Array.of(0x5a, 0x13, 0xc7, 0x2e);
const UPGRADE =
  'GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';
const ANSWER =
  'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n';

const status = (y: boolean, r: boolean) =>
  JSON.stringify({ type: 'led-status', data: { yellowLed: y, redLed: r } });

/** Writes about `count` frames of firmware-like traffic into the tap, spaced `stepMs` apart, ending at `end`. */
export function feedSynthetic(tap: FrameTap, count: number, end = Date.now(), stepMs = 50): string {
  const connId = 'synthetic-1';
  let t = end - count * stepMs;
  tap.connectionOpened(
    connId,
    { host: '127.0.0.1', port: 8080, boardId: 'synthetic', localAddress: '127.0.0.1', localPort: 51234 },
    t,
  );
  tap.connectionEvent(connId, 'connected', undefined, t);
  tap.chunk(connId, 'tx', enc.encode(UPGRADE), (t += 0.4));
  tap.chunk(connId, 'rx', enc.encode(ANSWER), (t += 1.2));
  tap.chunk(connId, 'rx', encodeFrame({ opcode: 1, payload: status(false, false) }), (t += 0.3));
  let yellow = false;
  let n = 1;
  let randomFloat = 0;
  let randomInt = 0;
  for (let i = 0; n < count; i++) {
    t += stepMs;
    if (i % 4 === 0) {
      randomFloat = Math.fround(((i * 7919) % 10000) / 100);
      randomInt = (i * 104729) % 1001;
    }
    const tele = JSON.stringify({
      type: 'telemetry',
      data: { junctionTemp: 40 + (i % 7), randomFloat, randomInt, uptime: 1000 + i },
    });
    tap.chunk(connId, 'rx', encodeFrame({ opcode: 1, payload: tele }), t + (i % 10) / 10);
    n++;
    if (i % 25 === 5) {
      yellow = !yellow;
      tap.chunk(
        connId,
        'tx',
        encodeFrame({ opcode: 1, payload: ledCommandText('yellow', yellow), mask: KEY }),
        t + 10.25,
      );
      tap.chunk(connId, 'rx', encodeFrame({ opcode: 1, payload: status(yellow, false) }), t + 11.5);
      n += 2;
    }
    if (i % 400 === 17) {
      tap.chunk(connId, 'tx', encodeFrame({ opcode: 9, payload: 'keepalive', mask: KEY }), t + 20);
      n++;
    }
    if (i % 1000 === 333) {
      const a = encodeFrame({ opcode: 1, payload: ledCommandText('red', true), mask: KEY });
      const b = encodeFrame({ opcode: 1, payload: ledCommandText('red', false), mask: KEY });
      const both = new Uint8Array(a.length + b.length);
      both.set(a);
      both.set(b, a.length);
      tap.chunk(connId, 'tx', both, t + 30);
      n += 2;
    }
  }
  return connId;
}

/** A RawSender that writes into the tap as if the firmware were on the other end (status after LED commands,
 *  no PONG, no Close echo). */
export function syntheticSender(tap: FrameTap, connId: string): RawSender {
  const leds = { yellow: false, red: false };
  return {
    async sendText(text) {
      tap.chunk(connId, 'tx', encodeFrame({ opcode: 1, payload: text, mask: KEY }));
      try {
        const m = JSON.parse(text) as { type?: unknown; led?: unknown; state?: unknown };
        if (
          m.type === 'led-command' &&
          (m.led === 'yellow' || m.led === 'red') &&
          typeof m.state === 'boolean'
        ) {
          leds[m.led] = m.state;
          tap.chunk(connId, 'rx', encodeFrame({ opcode: 1, payload: status(leds.yellow, leds.red) }));
        }
      } catch {
        // The firmware logs "Failed to parse JSON command" on its serial port and answers nothing.
      }
    },
    async sendRaw(bytes) {
      tap.chunk(connId, 'tx', bytes);
    },
    async ping(payload) {
      tap.chunk(connId, 'tx', encodeFrame({ opcode: 9, payload: payload ?? new Uint8Array(0), mask: KEY }));
    },
    async close(code, reason) {
      tap.chunk(connId, 'tx', encodeFrame({ opcode: 8, payload: closePayload(code, reason), mask: KEY }));
    },
  };
}
