import { describe, expect, it } from 'vitest';
import { glyph, GLYPH_H } from './font';
import { Raster, rgb } from './raster';

const BG = rgb('#000000');
const FG = rgb('#ffffff');

describe('raster drawing', () => {
  it('draws a line end to end and clips what falls outside', () => {
    const r = new Raster(10, 10, BG);
    r.line(0, 0, 9, 9, FG);
    for (let i = 0; i < 10; i++) expect(r.get(i, i)).toEqual([255, 255, 255]);
    expect(r.get(1, 0)).toEqual([0, 0, 0]);
    r.line(-50, 5, 50, 5, FG);
    expect(r.get(0, 5)).toEqual([255, 255, 255]);
    expect(r.get(9, 5)).toEqual([255, 255, 255]);
  });

  it('leaves the gaps of a dashed line', () => {
    const r = new Raster(10, 1, BG);
    r.line(0, 0, 9, 0, FG, [2, 2]);
    const on = [...Array(10).keys()].map((x) => r.get(x, 0)[0] === 255);
    expect(on).toEqual([true, true, false, false, true, true, false, false, true, true]);
  });

  it('writes text with the font: every glyph pixel set, nothing else', () => {
    const r = new Raster(20, 10, BG);
    r.text(1, 1, '1', FG);
    const rows = glyph('1');
    for (let y = 0; y < GLYPH_H; y++)
      for (let x = 0; x < 5; x++)
        expect(r.get(1 + x, 1 + y)[0] === 255, `pixel ${x},${y}`).toBe(((rows[y]! >> (4 - x)) & 1) === 1);
    expect(Raster.textWidth('12')).toBe(11);
  });

  it('has a glyph for every printable ASCII character and a box for others', () => {
    for (let c = 32; c < 127; c++) expect(glyph(String.fromCharCode(c))).toHaveLength(7);
    expect(glyph('\u2603')).toEqual([0x1f, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1f]);
    expect(glyph('0')).not.toEqual(glyph('\u2603'));
  });
});
