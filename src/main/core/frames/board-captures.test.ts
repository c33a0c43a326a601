import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../shared/ws-frames';
import { BoardCaptures } from './board-captures';

const tele = (n: number) => encodeFrame({ opcode: 1, payload: `{"type":"telemetry","data":{"n":${n}}}` });
const small = { maxItems: 90, maxBytes: 9000, maxChunks: 90, maxChunkBytes: 9000 };

describe('BoardCaptures', () => {
  it("gives each board's link its own log: a board's rows never reach another's", () => {
    const c = new BoardCaptures();
    const a = c.tapFor('bench-a');
    const b = c.tapFor('bench-b');
    a.connectionOpened('uuid-a#1', { host: '10.0.0.1', port: 8080, upgraded: true });
    b.connectionOpened('uuid-b#7', { host: '10.0.0.2', port: 8080, upgraded: true });
    a.chunk('uuid-a#1', 'rx', tele(1));
    b.chunk('uuid-b#7', 'rx', tele(2));
    b.chunk('uuid-b#7', 'rx', tele(3));
    const previews = (id: string) => [...c.get(id)!.allItems()].map((i) => i.row.preview);
    expect(previews('bench-a')).toEqual(['opening 10.0.0.1:8080, tapped after the upgrade', 'telemetry n=1']);
    expect(previews('bench-b')).toEqual([
      'opening 10.0.0.2:8080, tapped after the upgrade',
      'telemetry n=2',
      'telemetry n=3',
    ]);
    // The same tap is handed back to a board's next link, so its log goes on where it was.
    expect(c.tapFor('bench-a')).toBe(a);
    const batches = c.drainAll();
    expect(batches.map((x) => [x.boardId, x.rows.length])).toEqual([
      ['bench-a', 2],
      ['bench-b', 3],
    ]);
  });

  it("numbers each board's connections from 1, with no internal id in the rows", () => {
    const c = new BoardCaptures();
    const a = c.tapFor('bench-a');
    for (const id of ['884dcaef-6eb1#4', '884dcaef-6eb1#5']) {
      a.connectionOpened(id, { host: '10.0.0.1', port: 8080, upgraded: true });
      a.chunk(id, 'rx', tele(1));
      a.connectionEvent(id, 'closed');
    }
    const rows = [...c.get('bench-a')!.allItems()].map((i) => i.row);
    expect(rows.map((r) => r.link)).toEqual([1, 1, 1, 2, 2, 2]);
    expect(JSON.stringify(rows)).not.toContain('884dcaef');
  });

  it('shares one budget among the boards, the oldest rows going first, and gives it back when a board goes', () => {
    const c = new BoardCaptures(small);
    const a = c.tapFor('a');
    a.connectionOpened('x', { host: 'h', port: 1, upgraded: true });
    for (let i = 0; i < 200; i++) a.chunk('x', 'rx', tele(i));
    expect(c.get('a')!.stats()).toMatchObject({ held: 90, capacity: 90 });
    c.tapFor('b');
    c.tapFor('c');
    expect(c.get('a')!.stats()).toMatchObject({ held: 30, capacity: 30 });
    expect(c.get('b')!.limits()).toEqual({
      maxItems: 30,
      maxBytes: 3000,
      maxChunks: 30,
      maxChunkBytes: 3000,
    });
    expect([...c.get('a')!.allItems()].at(-1)!.row.preview).toBe('telemetry n=199');
    c.retain((id) => id === 'a');
    expect(c.ids()).toEqual(['a']);
    for (let i = 0; i < 200; i++) a.chunk('x', 'rx', tele(i));
    expect(c.get('a')!.stats()).toMatchObject({ held: 90, capacity: 90 });
  });
});
