import { describe, expect, it } from 'vitest';
import type { FrameTap } from '../frames/tap';
import { FocusedTap } from './focused-tap';

function recorder() {
  const calls: string[] = [];
  const tap: FrameTap = {
    connectionOpened: (id) => calls.push(`open ${id}`),
    chunk: (id, dir, bytes) => calls.push(`${dir} ${id} ${bytes.length}${bytes[0] === 0x81 ? ' text' : ''}`),
    connectionEvent: (id, kind, detail) => calls.push(`${kind} ${id}${detail ? ` (${detail})` : ''}`),
  };
  return { calls, tap };
}

describe('FocusedTap', () => {
  it('logs only the focused board’s connections, and says when it stops following one', () => {
    const { calls, tap } = recorder();
    let focused = 'a';
    const t = new FocusedTap(tap, () => focused);
    const a = t.forBoard('a');
    const b = t.forBoard('b');
    a.connectionOpened('c1', { host: 'h', port: 1 });
    b.connectionOpened('c2', { host: 'h', port: 2 });
    a.chunk('c1', 'rx', new Uint8Array(3));
    b.chunk('c2', 'rx', new Uint8Array(4));
    focused = 'b';
    a.chunk('c1', 'rx', new Uint8Array(5));
    a.chunk('c1', 'rx', new Uint8Array(6));
    b.chunk('c2', 'rx', new Uint8Array(7)); // opened while another board was shown: not logged
    b.connectionOpened('c3', { host: 'h', port: 2 });
    b.chunk('c3', 'tx', new Uint8Array(8));
    expect(calls).toEqual([
      'open c1',
      'rx c1 3',
      'closed c1 (the app now shows another board (this link stays open))',
      'open c3',
      'tx c3 8',
    ]);
  });

  it('takes a still-open connection up again at the next frame in each direction when its board is shown again', () => {
    const { calls, tap } = recorder();
    let focused = 'a';
    const t = new FocusedTap(tap, () => focused);
    const a = t.forBoard('a');
    const text = (n: number) => Uint8Array.from([0x81, n, ...new Array<number>(n).fill(0x61)]);
    const masked = (n: number) =>
      Uint8Array.from([0x81, 0x80 | n, 1, 2, 3, 4, ...new Array<number>(n).fill(0)]);
    const head = new TextEncoder().encode('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n');
    const request = new TextEncoder().encode('GET / HTTP/1.1\r\nHost: h\r\n\r\n');
    a.connectionOpened('c1', { host: 'h', port: 1 });
    a.chunk('c1', 'tx', request);
    a.chunk('c1', 'rx', head);
    focused = 'b';
    // While another board is shown: a frame split across two reads, the second read also starting a new frame.
    const big = text(100);
    a.chunk('c1', 'rx', big.subarray(0, 40));
    focused = 'a';
    a.chunk('c1', 'rx', Uint8Array.from([...big.subarray(40), ...text(5)]));
    a.chunk('c1', 'tx', masked(3));
    a.chunk('c1', 'rx', text(7));
    a.connectionEvent('c1', 'fin');
    expect(calls).toEqual([
      'open c1',
      `tx c1 ${request.length}`,
      `rx c1 ${head.length}`,
      'closed c1 (the app now shows another board (this link stays open))',
      'open c1~1',
      // Only the whole frame that starts in that read: the tail of the split one is left out.
      'rx c1~1 7 text',
      'tx c1~1 9 text',
      'rx c1~1 9 text',
      'fin c1~1',
    ]);
  });

  it('does not take a connection up again before its upgrade is through', () => {
    const { calls, tap } = recorder();
    let focused = 'b';
    const t = new FocusedTap(tap, () => focused);
    const a = t.forBoard('a');
    a.connectionOpened('c1', { host: 'h', port: 1 });
    a.chunk('c1', 'tx', new TextEncoder().encode('GET / HTTP/1.1\r\n'));
    focused = 'a';
    a.chunk('c1', 'tx', new TextEncoder().encode('Host: h\r\n\r\n'));
    expect(calls).toEqual([]);
  });
});
