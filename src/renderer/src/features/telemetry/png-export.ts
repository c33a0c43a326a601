// PNG export of the charts, made to stand alone in a lab report: a header with the title, the board, the time range
// and how it was shown, a legend with every series' colour, name and unit; then each chart's SVG (axes with their
// units) and the chart legends drawn where they sit on screen; the markers in the range as dashed lines across the
// charts with their notes; a footer with when and by what it was made. It is downloaded through a blob link, which
// works in Electron and in a browser alike.

/** What the image says about itself. */
export interface PngMeta {
  /** "Telemetry — Virtual board · 127.0.0.1 · virtual". */
  readonly title: string;
  /** "22:17:12.000 – 22:18:10.000 (58.0 s) · 2026-12-01, local time (UTC+01:00) · paused · 290 rows". */
  readonly range: string;
  readonly legend: ReadonlyArray<{ readonly text: string; readonly color: string }>;
  /** "Exported 2026-12-01 22:19:30 by NUCLEO-MEM Bench 0.1.0". */
  readonly footer: string;
  /** The run's markers (any; those outside the charts' time axis are left out), drawn as lines with their notes. */
  readonly markers?: ReadonlyArray<{ readonly t: number; readonly note: string }>;
}

/**
 * The charts' time axis, read from the element under the root that carries it (`data-axis-from`, `data-axis-to`:
 * ms; `data-plot-left`, `data-plot-width`: px from each chart's left edge), as TelemetryCharts and ReviewCharts
 * lay it out.
 */
interface TimeAxis {
  readonly fromT: number;
  readonly toT: number;
  readonly left: number;
  readonly width: number;
}

function timeAxisOf(root: HTMLElement): TimeAxis | undefined {
  const el = root.matches('[data-plot-width]') ? root : root.querySelector<HTMLElement>('[data-plot-width]');
  if (!el) return undefined;
  const n = (name: string) => Number(el.dataset[name]);
  const axis = { fromT: n('axisFrom'), toT: n('axisTo'), left: n('plotLeft'), width: n('plotWidth') };
  return Object.values(axis).every(Number.isFinite) && axis.toT > axis.fromT && axis.width > 0
    ? axis
    : undefined;
}

/** The review's marker colour (ReviewCharts), on the live charts' export too. */
const MARKER_COLOR = '#CE93D8';
const NOTE_MAX_CHARS = 40;
/** Rows of notes at the top of the charts. */
const NOTE_ROWS = 4;

const PAD = 12;
const LEGEND_TOP = 56;
const LEGEND_LINE = 18;
const FOOT = 22;
const FONT = 'system-ui, "Segoe UI", Roboto, sans-serif';

/**
 * Draws the charts under `root` with a header and footer into one PNG and downloads it as `name`. Answers how many
 * markers it drew (the page says so).
 */
export async function exportChartsPng(
  root: HTMLElement,
  name: string,
  meta: PngMeta,
  background = '#101214',
): Promise<{ markers: number }> {
  const svgs = [...root.querySelectorAll<SVGSVGElement>('svg.recharts-surface')];
  if (!svgs.length) throw new Error('There is no chart to export yet.');
  const scale = window.devicePixelRatio || 1;
  const rects = svgs.map((s) => s.getBoundingClientRect());
  const top = Math.min(...rects.map((r) => r.top));
  const left = Math.min(...rects.map((r) => r.left));
  const chartsW = Math.max(...rects.map((r) => r.right)) - left;
  const chartsH = Math.max(...rects.map((r) => r.bottom)) - top;
  const width = Math.max(chartsW + 2 * PAD, 640);
  const legend = layoutLegend(meta.legend, width);
  const HEAD = LEGEND_TOP + legend.lines * LEGEND_LINE + 8;
  const height = HEAD + chartsH + FOOT;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw a canvas.');
  ctx.scale(scale, scale);
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, width, height);
  drawHeader(ctx, meta, legend.at, width, HEAD);
  for (let i = 0; i < svgs.length; i++) {
    const img = await svgImage(svgs[i]!, rects[i]!);
    ctx.drawImage(
      img,
      PAD + rects[i]!.left - left,
      HEAD + rects[i]!.top - top,
      rects[i]!.width,
      rects[i]!.height,
    );
  }
  // The chart legends are HTML over the SVG: draw them where they are on screen.
  ctx.textBaseline = 'top';
  for (const el of root.querySelectorAll<HTMLElement>('[data-png-text]')) {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    ctx.fillStyle = style.color;
    ctx.fillText(el.textContent ?? '', PAD + r.left - left, HEAD + r.top - top + 2);
  }
  const axis = timeAxisOf(root);
  const markers = axis
    ? drawMarkers(ctx, meta.markers ?? [], axis, {
        x: PAD + rects[0]!.left - left,
        top: HEAD,
        bottom: HEAD + chartsH,
        right: PAD + chartsW,
      })
    : 0;
  ctx.font = `11px ${FONT}`;
  ctx.fillStyle = '#9aa4ad';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(meta.footer, PAD, height - 7);
  const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
  if (!blob) throw new Error('The chart could not be turned into a PNG.');
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { markers };
}

/**
 * Draws each marker inside the axis as a dashed line down the charts, its note at the top in the first of NOTE_ROWS
 * rows free there (a note with none free is left out: its line stays), cut short past NOTE_MAX_CHARS. Answers how
 * many markers it drew.
 */
function drawMarkers(
  ctx: CanvasRenderingContext2D,
  markers: NonNullable<PngMeta['markers']>,
  axis: TimeAxis,
  area: { x: number; top: number; bottom: number; right: number },
): number {
  const inside = markers.filter((m) => m.t >= axis.fromT && m.t <= axis.toT).sort((a, b) => a.t - b.t);
  ctx.save();
  ctx.font = `11px ${FONT}`;
  ctx.textBaseline = 'top';
  /** Where each row of notes is taken up to: a note goes in the first row free at its x, or is left out. */
  const rowEnds: number[] = new Array<number>(NOTE_ROWS).fill(-Infinity);
  for (const m of inside) {
    const x = area.x + axis.left + ((m.t - axis.fromT) / (axis.toT - axis.fromT)) * axis.width;
    ctx.strokeStyle = MARKER_COLOR;
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x + 0.5, area.top);
    ctx.lineTo(x + 0.5, area.bottom);
    ctx.stroke();
    const full = `⚑ ${m.note.trim() || 'Marker'}`;
    const text = full.length > NOTE_MAX_CHARS ? `${full.slice(0, NOTE_MAX_CHARS - 1)}…` : full;
    const w = ctx.measureText(text).width + 6;
    // Near the right edge a note reads leftwards from its line.
    const tx = x + w > area.right ? x - w : x + 2;
    const row = rowEnds.findIndex((end) => end < tx);
    if (row < 0) continue; // every row is taken here: the line alone marks it
    rowEnds[row] = tx + w + 4;
    const ty = area.top + 2 + row * 15;
    ctx.fillStyle = 'rgba(16,18,20,0.85)';
    ctx.fillRect(tx, ty - 1, w, 14);
    ctx.fillStyle = MARKER_COLOR;
    ctx.fillText(text, tx + 3, ty);
  }
  ctx.restore();
  return inside.length;
}

/** Where each legend item goes, wrapping to new lines within the image's width. */
function layoutLegend(items: PngMeta['legend'], width: number) {
  const measure = document.createElement('canvas').getContext('2d');
  const at: Array<{ x: number; y: number }> = [];
  let x = PAD;
  let line = 0;
  if (measure) measure.font = `12px ${FONT}`;
  for (const item of items) {
    const w = 19 + (measure?.measureText(item.text).width ?? item.text.length * 7) + 18;
    if (x > PAD && x + w > width - PAD) {
      x = PAD;
      line++;
    }
    at.push({ x, y: LEGEND_TOP + line * LEGEND_LINE });
    x += w;
  }
  return { at, lines: items.length ? line + 1 : 0 };
}

function drawHeader(
  ctx: CanvasRenderingContext2D,
  meta: PngMeta,
  at: ReadonlyArray<{ x: number; y: number }>,
  width: number,
  head: number,
): void {
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = '#e6e9ec';
  ctx.font = `600 16px ${FONT}`;
  ctx.fillText(meta.title, PAD, 24, width - 2 * PAD);
  ctx.fillStyle = '#c4cbd2';
  ctx.font = `12px ${FONT}`;
  ctx.fillText(meta.range, PAD, 44, width - 2 * PAD);
  ctx.font = `12px ${FONT}`;
  meta.legend.forEach((item, k) => {
    const { x, y } = at[k]!;
    ctx.fillStyle = item.color;
    ctx.fillRect(x, y + 4, 14, 3);
    ctx.fillText(item.text, x + 19, y + 10);
  });
  ctx.fillStyle = '#2a2f35';
  ctx.fillRect(PAD, head - 5, width - 2 * PAD, 1);
}

async function svgImage(svg: SVGSVGElement, rect: DOMRect): Promise<HTMLImageElement> {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(rect.width));
  clone.setAttribute('height', String(rect.height));
  // Text inherits the page font and colour on screen; give it explicitly so the image matches.
  clone.setAttribute('style', `font-family: ${getComputedStyle(svg).fontFamily}; font-size: 11px`);
  const text = new XMLSerializer().serializeToString(clone);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('The chart image could not be drawn.'));
      img.src = url;
    });
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}
