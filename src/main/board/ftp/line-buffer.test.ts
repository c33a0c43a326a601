import { describe, expect, it } from 'vitest';
import { LineBuffer } from './line-buffer';

describe('LineBuffer', () => {
  it('joins a command split across packets and splits coalesced ones', () => {
    const b = new LineBuffer();
    expect(b.push(Buffer.from('US'))).toEqual([]);
    expect(b.push(Buffer.from('ER x\r'))).toEqual([]);
    expect(b.push(Buffer.from('\nPASS y\r\nNOOP\n'))).toEqual([
      { kind: 'line', text: 'USER x' },
      { kind: 'line', text: 'PASS y' },
      { kind: 'line', text: 'NOOP' },
    ]);
  });

  it('keeps a UTF-8 character split between packets intact', () => {
    const b = new LineBuffer();
    const bytes = Buffer.from('MKD é\r\n');
    const out = [...bytes].flatMap((_, i) => b.push(bytes.subarray(i, i + 1)));
    expect(out).toEqual([{ kind: 'line', text: 'MKD é' }]);
  });

  it('marks a line whose bytes are not valid UTF-8', () => {
    const b = new LineBuffer();
    expect(b.push(Buffer.from([0x4d, 0x4b, 0x44, 0x20, 0xff, 0x0d, 0x0a]))).toEqual([
      { kind: 'line', text: 'MKD \ufffd', invalidUtf8: true },
    ]);
    expect(b.push(Buffer.from('MKD \u00e9\r\n'))).toEqual([{ kind: 'line', text: 'MKD \u00e9' }]);
  });

  it('reports an overlong line once, skips it, and goes on', () => {
    const b = new LineBuffer(16);
    expect(b.push(Buffer.from('x'.repeat(10)))).toEqual([]);
    expect(b.push(Buffer.from('x'.repeat(10)))).toEqual([{ kind: 'too-long' }]);
    expect(b.push(Buffer.from('x'.repeat(1000)))).toEqual([]);
    expect(b.push(Buffer.from('xx\r\nNOOP\r\n'))).toEqual([{ kind: 'line', text: 'NOOP' }]);
  });
});
