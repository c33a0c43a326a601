import type { OledView } from '../../../../shared/bridge/contracts/board';

/** The SSD1306's size in pixels. */
export const OLED_W = 128;
export const OLED_H = 32;

/** One text item on the display: a rectangle (inclusive pixel corners, as in main.c) and its alignment. */
export interface OledText {
  readonly text: string;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly align: 'left' | 'center' | 'right';
  /** Font size in pixels. */
  readonly px: number;
  readonly bold?: boolean;
}

/** A filled rectangle (TAG-ID's bars). */
export interface OledBar {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Where each piece of text goes, per docs/firmware-protocol.md §10. */
export function oledLayout(view: OledView): { texts: OledText[]; bars: OledBar[] } {
  switch (view.kind) {
    case 'off':
      return { texts: [], bars: [] };
    case 'logo':
      return {
        texts: [
          { text: view.lines[0] ?? '', x0: 0, y0: 0, x1: 127, y1: 20, align: 'center', px: 17, bold: true },
          { text: view.lines[1] ?? '', x0: 0, y0: 21, x1: 127, y1: 31, align: 'center', px: 9 },
        ],
        bars: [],
      };
    case 'tag-id':
      return {
        texts: [
          { text: view.lines[0] ?? '', x0: 0, y0: 5, x1: 127, y1: 29, align: 'center', px: 17, bold: true },
        ],
        bars: [
          { x0: 29, y0: 0, x1: 97, y1: 1 },
          { x0: 29, y0: 30, x1: 97, y1: 31 },
        ],
      };
    case 'message':
    case 'error':
      return {
        texts: [
          { text: view.lines[0] ?? '', x0: 0, y0: 0, x1: 127, y1: 15, align: 'center', px: 12 },
          { text: view.lines[1] ?? '', x0: 0, y0: 16, x1: 127, y1: 31, align: 'center', px: 12 },
        ],
        bars: [],
      };
    case 'status': {
      const r = view.regions;
      return {
        texts: [
          { text: r.lt, x0: 0, y0: 0, x1: 62, y1: 9, align: 'left', px: 10 },
          { text: r.lm, x0: 0, y0: 10, x1: 62, y1: 19, align: 'left', px: 10 },
          { text: r.rt, x0: 65, y0: 0, x1: 127, y1: 9, align: 'right', px: 10 },
          { text: r.rm, x0: 65, y0: 10, x1: 127, y1: 19, align: 'right', px: 10 },
          { text: r.bl, x0: 0, y0: 21, x1: 127, y1: 31, align: 'center', px: 10 },
        ],
        bars: [],
      };
    }
  }
}

/** The display's text, line by line, for screen readers and tests. */
export function oledLines(view: OledView): string[] {
  return oledLayout(view)
    .texts.map((t) => t.text)
    .filter((t) => t.length > 0);
}

const FONT =
  '"Ubuntu Condensed", "DejaVu Sans Condensed", "Arial Narrow", "Liberation Sans Narrow", sans-serif';

/**
 * Renders the view into a 128×32 brightness map: text drawn at native size, squeezed to fit its rectangle
 * (the firmware uses condensed fonts); returns each pixel's brightness 0–255.
 */
export function renderFrame(view: OledView, scratch: CanvasRenderingContext2D): Uint8Array {
  const ctx = scratch;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, OLED_W, OLED_H);
  const { texts, bars } = oledLayout(view);
  ctx.fillStyle = '#fff';
  for (const b of bars) ctx.fillRect(b.x0, b.y0, b.x1 - b.x0 + 1, b.y1 - b.y0 + 1);
  ctx.textBaseline = 'middle';
  for (const t of texts) {
    const w = t.x1 - t.x0 + 1;
    const h = t.y1 - t.y0 + 1;
    ctx.font = `${t.bold ? 'bold ' : ''}${t.px}px ${FONT}`;
    const natural = ctx.measureText(t.text).width;
    const squeeze = natural > w ? w / natural : 1;
    const drawn = natural * squeeze;
    const x = t.align === 'left' ? t.x0 : t.align === 'right' ? t.x1 + 1 - drawn : t.x0 + (w - drawn) / 2;
    ctx.save();
    ctx.beginPath();
    ctx.rect(t.x0, t.y0, w, h);
    ctx.clip();
    ctx.setTransform(squeeze, 0, 0, 1, Math.round(x), 0);
    ctx.textAlign = 'left';
    ctx.fillText(t.text, 0, t.y0 + h / 2 + 0.5);
    ctx.restore();
  }
  const data = ctx.getImageData(0, 0, OLED_W, OLED_H).data;
  const levels = new Uint8Array(OLED_W * OLED_H);
  // Keep the glyphs' edge coverage as brightness (a true 1-bit threshold makes 8-pixel text unreadable on screen),
  // with a steep curve so strokes stay crisp.
  for (let i = 0; i < levels.length; i++)
    levels[i] = Math.min(255, Math.round((data[i * 4]! / 255) ** 0.8 * 320));
  return levels;
}

/** Paints a frame at `scale` device pixels per OLED pixel, with a faint gap between pixels. `lit` is an r,g,b triple. */
export function paintFrame(
  levels: Uint8Array,
  ctx: CanvasRenderingContext2D,
  scale: number,
  lit: readonly [number, number, number],
): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, OLED_W * scale, OLED_H * scale);
  ctx.fillStyle = '#0b0f14';
  const dot = scale > 2 ? scale - 1 : scale;
  for (let y = 0; y < OLED_H; y++)
    for (let x = 0; x < OLED_W; x++) ctx.fillRect(x * scale, y * scale, dot, dot);
  const [r, g, b] = lit;
  for (let y = 0; y < OLED_H; y++) {
    for (let x = 0; x < OLED_W; x++) {
      const v = levels[y * OLED_W + x]!;
      if (v < 24) continue;
      ctx.fillStyle = `rgba(${r},${g},${b},${(v / 255).toFixed(3)})`;
      ctx.fillRect(x * scale, y * scale, dot, dot);
    }
  }
}
