import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng } from './png';

/** A minimal PNG reader: checks the signature and every CRC, returns the chunks. */
function readChunks(png: Buffer): { type: string; data: Buffer }[] {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const out: { type: string; data: Buffer }[] = [];
  let at = 8;
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    const data = png.subarray(at + 8, at + 8 + len);
    const crc = png.readUInt32BE(at + 8 + len);
    expect(crc, `CRC of ${type}`).toBe(crc32(data, crc32(png.subarray(at + 4, at + 8))) >>> 0);
    out.push({ type, data });
    at += 12 + len;
  }
  expect(at).toBe(png.length);
  return out;
}

describe('PNG encoder', () => {
  it('writes a PNG whose header, CRCs and pixel data read back', () => {
    const w = 7;
    const h = 5;
    const rgb = new Uint8Array(w * h * 3).map((_, i) => (i * 37) & 0xff);
    const png = encodePng(w, h, rgb, { Title: 'test' });
    const chunks = readChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'tEXt', 'IDAT', 'IEND']);
    const ihdr = chunks[0]!.data;
    expect(ihdr.readUInt32BE(0)).toBe(w);
    expect(ihdr.readUInt32BE(4)).toBe(h);
    expect([ihdr[8], ihdr[9], ihdr[10], ihdr[11], ihdr[12]]).toEqual([8, 2, 0, 0, 0]);
    const raw = inflateSync(chunks[2]!.data);
    expect(raw.length).toBe(h * (w * 3 + 1));
    // Each row: filter byte 0, then the row's pixels as given.
    for (let y = 0; y < h; y++) {
      expect(raw[y * (w * 3 + 1)]).toBe(0);
      expect([...raw.subarray(y * (w * 3 + 1) + 1, (y + 1) * (w * 3 + 1))]).toEqual([
        ...rgb.subarray(y * w * 3, (y + 1) * w * 3),
      ]);
    }
    expect(chunks[1]!.data.toString('latin1')).toBe('Title\0test');
  });

  it('refuses pixels that do not match the size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(11))).toThrow(/12 bytes, not 11/);
    expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow(/at least 1 × 1/);
  });
});
