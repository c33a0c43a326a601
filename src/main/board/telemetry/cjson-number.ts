// cJSON 1.7's print_number: integral values as %d, others as %1.15g, or %1.17g when %1.15g does not read back.

/** C's `%1.<p>g` for a finite double. */
export function formatG(x: number, p: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mant, expText] = x.toExponential(p - 1).split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= p) {
    const m = stripZeros(mant);
    const sign = exp < 0 ? '-' : '+';
    const e = String(Math.abs(exp)).padStart(2, '0');
    return `${m}e${sign}${e}`;
  }
  return stripZeros(x.toFixed(Math.max(0, p - 1 - exp)));
}

function stripZeros(s: string): string {
  if (!s.includes('.')) return s;
  return s.replace(/0+$/, '').replace(/\.$/, '');
}

/** How cJSON_PrintUnformatted writes a number. */
export function cjsonNumber(d: number): string {
  if (!Number.isFinite(d)) return 'null';
  // cJSON compares with valueint, which saturates at INT_MIN/INT_MAX.
  const valueint = d >= 2147483647 ? 2147483647 : d <= -2147483648 ? -2147483648 : Math.trunc(d);
  if (d === valueint) return String(valueint);
  const short = formatG(d, 15);
  return compareDouble(Number(short), d) ? short : formatG(d, 17);
}

/** cJSON's compare_double: equal within a relative DBL_EPSILON (so some 15-digit forms pass that do not round-trip). */
function compareDouble(a: number, b: number): boolean {
  const maxVal = Math.max(Math.abs(a), Math.abs(b));
  return Math.abs(a - b) <= maxVal * Number.EPSILON;
}
