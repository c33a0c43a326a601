import { describe, expect, it } from 'vitest';
import type { FrameTap } from '../frames/tap';
import { FocusedTap } from './focused-tap';

function recorder() {
  const calls: string[] = [];
  const tap: FrameTap = {
    connectionOpened: (id) => calls.push(`open ${id}`),
    chunk: (id, dir, bytes) => calls.push(`${dir} ${id} ${bytes.length}`),
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
});
