import { describe, expect, it } from 'vitest';
import type { SerialLine } from '../../../../shared/bridge/contracts/serial';
import { lineHex, SerialScrollback } from './serial-scrollback';

const lines = (from: number, n: number): SerialLine[] =>
  Array.from({ length: n }, (_, i) => ({ seq: from + i, t: 0, text: `l${from + i}` }));

describe('SerialScrollback', () => {
  it('bounds the scrollback and counts what it drops, including drops reported by the core', () => {
    const s = new SerialScrollback(100);
    s.append({ lines: lines(1, 80), dropped: 0 });
    s.append({ lines: lines(81, 50), dropped: 7 });
    const v = s.snapshot();
    expect(v.lines).toHaveLength(100);
    expect(v.lines[0]!.seq).toBe(31);
    expect(v.dropped).toBe(37);
  });

  it('freezes the view while paused but keeps receiving, and counts the new lines', () => {
    const s = new SerialScrollback(100);
    s.append({ lines: lines(1, 3), dropped: 0 });
    s.setPaused(true);
    s.append({ lines: lines(4, 5), dropped: 0 });
    expect(s.snapshot()).toMatchObject({ paused: true, newWhilePaused: 5 });
    expect(s.snapshot().lines).toHaveLength(3);
    expect(s.all()).toHaveLength(8);
    s.setPaused(false);
    expect(s.snapshot().lines).toHaveLength(8);
  });

  it('ignores lines it already has (history and a batch may overlap)', () => {
    const s = new SerialScrollback();
    s.load(lines(1, 5), []);
    s.append({ lines: lines(4, 4), dropped: 0 });
    expect(s.snapshot().lines.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('shows hex from the raw bytes when the core sent them, else from the text', () => {
    expect(lineHex({ seq: 1, t: 0, text: 'A\uFFFD', hex: '41ff' })).toBe('41 ff');
    expect(lineHex({ seq: 1, t: 0, text: 'Aµ' })).toBe('41 c2 b5');
  });
});
