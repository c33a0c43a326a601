// A value axis that stays put: the domain is the window's exact min/max widened to whole tick steps, so it only
// changes (and the axis only re-renders) when the data leaves it, not on every redraw.

/** Domain and ticks of one value axis. */
export interface ValueAxis {
  readonly lo: number;
  readonly hi: number;
  readonly ticks: readonly number[];
}

const STEPS = [1, 2, 2.5, 5, 10];

/**
 * A readable tick step so that (max − min) spans about `count` steps; for integer series a whole number (1, 2, 5,
 * 10, 20, 25…: never 2.5, nor a fraction), so each tick is a value the series can take.
 */
function niceStep(span: number, count: number, integer: boolean): number {
  const raw = span / Math.max(1, count);
  const p = 10 ** Math.floor(Math.log10(raw));
  const fits = (s: number) => s * p >= raw && (!integer || Number.isInteger(Math.round(s * p * 1e9) / 1e9));
  const step = (STEPS.find(fits) ?? 10) * p;
  return integer ? Math.max(1, Math.round(step)) : step;
}

/** The axis for values in [min, max] (both finite), about `count` ticks. */
export function valueAxis(min: number, max: number, integer = false, count = 4): ValueAxis {
  if (!(max > min)) {
    // A flat series sits mid-axis; a whole-valued one a whole step from each end.
    const pad =
      min === 0 ? 1 : integer ? Math.max(1, Math.round(Math.abs(min) * 0.05)) : Math.abs(min) * 0.05;
    min -= pad;
    max += pad;
  }
  const step = niceStep(max - min, count, integer);
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  // Rounded to the step's decimals so 0.1 + 0.2 reads 0.3.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  for (let k = 0; lo + k * step <= hi + step * 1e-9; k++)
    ticks.push(Number((lo + k * step).toFixed(decimals)));
  return { lo, hi, ticks };
}

/** True when two axes draw the same (so the chart can keep the old object and skip an axis re-render). */
export function sameAxis(a: ValueAxis | undefined, b: ValueAxis): boolean {
  return !!a && a.lo === b.lo && a.hi === b.hi && a.ticks.length === b.ticks.length;
}
