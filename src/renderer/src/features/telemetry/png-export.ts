// PNG export of the charts: each chart's SVG is serialized, drawn onto one canvas (stacked as on screen, on the
// page background), and downloaded through a blob link, which works in Electron and in a browser alike.

/** Draws every `svg.recharts-surface` under `root` into one PNG and downloads it as `name`. */
export async function exportChartsPng(
  root: HTMLElement,
  name: string,
  background = '#101214',
): Promise<void> {
  const svgs = [...root.querySelectorAll<SVGSVGElement>('svg.recharts-surface')];
  if (!svgs.length) throw new Error('There is no chart to export yet.');
  const scale = window.devicePixelRatio || 1;
  const rects = svgs.map((s) => s.getBoundingClientRect());
  const top = Math.min(...rects.map((r) => r.top));
  const left = Math.min(...rects.map((r) => r.left));
  const width = Math.max(...rects.map((r) => r.right)) - left;
  const height = Math.max(...rects.map((r) => r.bottom)) - top;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw a canvas.');
  ctx.scale(scale, scale);
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, width, height);
  for (let i = 0; i < svgs.length; i++) {
    const img = await svgImage(svgs[i]!, rects[i]!);
    ctx.drawImage(img, rects[i]!.left - left, rects[i]!.top - top, rects[i]!.width, rects[i]!.height);
  }
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
