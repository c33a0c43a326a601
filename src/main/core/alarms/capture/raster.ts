// Simple raster drawing for the capture bundle's charts: rectangles, lines (solid or dashed) and text in the 5 × 7
// font, on an RGB pixel buffer that png.ts encodes. Everything is clipped to the picture.
import { GLYPH_H, GLYPH_W, glyph } from './font';

/** An RGB colour, 0–255 each. */
export type Rgb = readonly [number, number, number];

/** Parses `#rrggbb`. */
export function rgb(hex: string): Rgb {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

export class Raster {
  readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.pixels = new Uint8Array(width * height * 3);
    this.fill(0, 0, width, height, background);
  }

  /** One pixel (ignored outside the picture). */
  set(x: number, y: number, c: Rgb): void {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 3;
    this.pixels[i] = c[0];
    this.pixels[i + 1] = c[1];
    this.pixels[i + 2] = c[2];
  }

  /** The colour at a pixel (for tests). */
  get(x: number, y: number): Rgb {
    const i = (y * this.width + x) * 3;
    return [this.pixels[i]!, this.pixels[i + 1]!, this.pixels[i + 2]!];
  }

  /** A filled rectangle. */
  fill(x: number, y: number, w: number, h: number, c: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) this.set(xx, yy, c);
  }

  /** A rectangle's outline, one pixel wide. */
  frame(x: number, y: number, w: number, h: number, c: Rgb): void {
    this.fill(x, y, w, 1, c);
    this.fill(x, y + h - 1, w, 1, c);
    this.fill(x, y, 1, h, c);
    this.fill(x + w - 1, y, 1, h, c);
  }

  /** A line (Bresenham); `dash`: on and off lengths in pixels along the line. */
  line(x0: number, y0: number, x1: number, y1: number, c: Rgb, dash?: readonly [number, number]): void {
    x0 = Math.round(x0);
    y0 = Math.round(y0);
    x1 = Math.round(x1);
    y1 = Math.round(y1);
    const dx = Math.abs(x1 - x0);
    const dy = -Math.abs(y1 - y0);
    const sx = x0 < x1 ? 1 : -1;
    const sy = y0 < y1 ? 1 : -1;
    let err = dx + dy;
    // A line far outside the picture is walked no further than its clipped length would need.
    const steps = Math.min(dx - dy, 4 * (this.width + this.height));
    for (let n = 0; n <= steps; n++) {
      if (!dash || n % (dash[0] + dash[1]) < dash[0]) this.set(x0, y0, c);
      if (x0 === x1 && y0 === y1) break;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x0 += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y0 += sy;
      }
    }
  }

  /** Width in pixels of `text` at `scale`. */
  static textWidth(text: string, scale = 1): number {
    return [...text].length * (GLYPH_W + 1) * scale - (text.length ? scale : 0);
  }

  /** Text with its top-left corner at (x, y); `scale` magnifies each font pixel. */
  text(x: number, y: number, text: string, c: Rgb, scale = 1): void {
    let cx = Math.round(x);
    for (const ch of text) {
      const rows = glyph(ch);
      for (let r = 0; r < GLYPH_H; r++)
        for (let col = 0; col < GLYPH_W; col++)
          if (rows[r]! & (0x10 >> col)) this.fill(cx + col * scale, y + r * scale, scale, scale, c);
      cx += (GLYPH_W + 1) * scale;
    }
  }
}
