import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../shared/ws-frames';
import type { TcpEventMessage, WsFrameMessage } from '../../../shared/session-file/messages';
import { FRAME_PAYLOAD_KEPT, FlightTap } from './flight-tap';

const ascii = (s: string) => new TextEncoder().encode(s);
const b64 = (s: string | Uint8Array) => Buffer.from(typeof s === 'string' ? ascii(s) : s).toString('base64');

function recorded() {
  const frames: WsFrameMessage[] = [];
  const tcp: TcpEventMessage[] = [];
  const tap = new FlightTap({ frame: (_t, f) => frames.push(f), tcp: (_t, e) => tcp.push(e) });
  return { tap, frames, tcp };
}

describe('the flight recorder tap', () => {
  it('skips the HTTP upgrade, then records each frame whole however the bytes were split', () => {
    const { tap, frames, tcp } = recorded();
    tap.connectionOpened('c1', { host: '127.0.0.1', port: 8080 }, 1);
    tap.connectionEvent('c1', 'connected', undefined, 2);
    const mask = new Uint8Array([1, 2, 3, 4]);
    const command = '{"type":"led-command","led":"yellow","state":true}';
    tap.chunk(
      'c1',
      'tx',
      Buffer.concat([
        ascii('GET / HTTP/1.1\r\nHost: b\r\n\r\n'),
        encodeFrame({ opcode: 1, payload: command, mask }),
      ]),
      3,
    );
    const answer = Buffer.concat([
      ascii('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n'),
      encodeFrame({ opcode: 1, payload: '{"type":"telemetry","data":{"uptime":1}}' }),
      encodeFrame({ opcode: 9, payload: 'hi' }),
    ]);
    // Split inside the head and inside a frame.
    tap.chunk('c1', 'rx', answer.subarray(0, 10), 4);
    tap.chunk('c1', 'rx', answer.subarray(10, answer.length - 5), 5);
    tap.chunk('c1', 'rx', answer.subarray(answer.length - 5), 6);
    expect(frames).toEqual([
      {
        link: 1,
        dir: 'tx',
        opcode: 1,
        fin: true,
        masked: true,
        length: command.length,
        payload: b64(command),
      },
      {
        link: 1,
        dir: 'rx',
        opcode: 1,
        fin: true,
        masked: false,
        length: 40,
        payload: b64('{"type":"telemetry","data":{"uptime":1}}'),
      },
      { link: 1, dir: 'rx', opcode: 9, fin: true, masked: false, length: 2, payload: b64('hi') },
    ]);
    expect(tcp).toEqual([
      { link: 1, event: 'open', kind: 'opening', detail: 'opening 127.0.0.1:8080' },
      { link: 1, event: 'open', kind: 'connected' },
    ]);
  });

  it('numbers each connection, and says how each one ended', () => {
    const { tap, tcp } = recorded();
    tap.connectionOpened('a', { host: 'h', port: 1, upgraded: true });
    tap.connectionEvent('a', 'reset', 'the board reset the connection (RST)');
    tap.connectionEvent('a', 'closed');
    tap.connectionOpened('b', { host: 'h', port: 1, upgraded: true });
    tap.connectionEvent('b', 'fin', 'the board closed its side (FIN)');
    expect(tcp.map((e) => [e.link, e.event, e.kind])).toEqual([
      [1, 'open', 'opening'],
      [1, 'error', 'reset'],
      [1, 'close', 'closed'],
      [2, 'open', 'opening'],
      [2, 'close', 'fin'],
    ]);
  });

  it('keeps the first 64 KiB of a large payload and says it was cut', () => {
    const { tap, frames } = recorded();
    tap.connectionOpened('c', { host: 'h', port: 1, upgraded: true });
    const payload = new Uint8Array(FRAME_PAYLOAD_KEPT + 10).fill(65);
    tap.chunk('c', 'rx', encodeFrame({ opcode: 2, payload }));
    expect(frames[0]).toMatchObject({ length: FRAME_PAYLOAD_KEPT + 10, truncated: true });
    expect(Buffer.from(frames[0]!.payload, 'base64').length).toBe(FRAME_PAYLOAD_KEPT);
  });
});
