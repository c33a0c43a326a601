// A live window scrolls without re-rendering recharts: the time axis is drawn for a domain that stays put for a
// while, with ticks laid out ahead of it, and on every redraw the parts that move with time (the time ticks, the
// vertical grid lines, the marks and the zoom selection) are shifted left by where the window has got to since.
// recharts re-renders its axes only when the window has moved past the ticks laid out ahead (an eighth of the
// span: every 75 s in a 10-minute window, every 7.5 s in a 1-minute one), instead of on every pixel of movement.

/** A time domain [fromT, toT]. */
export interface TimeDomain {
  readonly fromT: number;
  readonly toT: number;
}

/** How far ahead of the axis domain its ticks are laid out, ms. */
export function axisLead(spanMs: number): number {
  return spanMs / 8;
}

/**
 * The domain to draw the time axis with, given the one drawn so far and the view now. A live view moving forward
 * keeps the drawn domain until it has moved past the ticks laid out ahead; anything else (another span, a fixed
 * range, a view that moved back) draws the view's own domain.
 */
export function axisDomain(drawn: TimeDomain | undefined, view: TimeDomain, live: boolean): TimeDomain {
  if (!drawn) return { fromT: view.fromT, toT: view.toT };
  const span = view.toT - view.fromT;
  const same = drawn.fromT === view.fromT && drawn.toT === view.toT;
  if (same) return drawn;
  const moved = view.fromT - drawn.fromT;
  const keep =
    live && Math.abs(drawn.toT - drawn.fromT - span) <= 1e-6 * span && moved > 0 && moved <= axisLead(span);
  return keep ? drawn : { fromT: view.fromT, toT: view.toT };
}

/** What moves with time in a recharts chart, and where each element's own x is. */
const MOVING = [
  '.recharts-xAxis .recharts-cartesian-axis-tick',
  '.recharts-cartesian-grid-vertical line',
  '.recharts-reference-line',
  '.recharts-reference-area',
].join(', ');

/** The x an element of MOVING is drawn at (undefined for an area, which is never hidden). */
function baseX(el: Element): number | undefined {
  if (el.classList.contains('recharts-reference-area')) return undefined;
  const at = el.tagName === 'line' ? el : el.querySelector('line, text');
  const x = Number(at?.getAttribute(at.tagName === 'line' ? 'x1' : 'x'));
  return Number.isFinite(x) ? x : undefined;
}

function setAttr(el: Element, name: string, value: string | null): void {
  if (el.getAttribute(name) === value) return;
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}

/**
 * Shifts the time-bound parts of one chart's SVG by `dx` px and hides those that fall outside the plot's x range
 * [left, right] (ticks laid out ahead, ticks and marks scrolled off the left edge). Touches an attribute only when
 * it changes.
 */
export function scrollTimeParts(svg: SVGSVGElement, dx: number, left: number, right: number): void {
  const transform = dx === 0 ? null : `translate(${dx} 0)`;
  for (const el of svg.querySelectorAll(MOVING)) {
    setAttr(el, 'transform', transform);
    const x = baseX(el);
    const inside = x === undefined || (x + dx >= left - 0.5 && x + dx <= right + 0.5);
    setAttr(el, 'visibility', inside ? null : 'hidden');
  }
}
