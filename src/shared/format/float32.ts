// The firmware keeps some telemetry in C `float` (float32) and prints it widened to double, so 55.31 arrives as
// 55.310001373291016. The shortest text that reads back as the same float32 is what the firmware meant.

/**
 * The shortest decimal text that parses back to the same float32 as `value` (55.310001373291016 → "55.31").
 *
 * cJSON prints with 15 digits when that reads back within one double epsilon (its own check is relative, not
 * exact), so a float32 may arrive a hair off, e.g. 7.30999994277954 for the float32 7.309999942779541: a value that
 * close to a float32 is taken as that float32. A value farther from every float32 is no float32 and is given by its
 * own shortest double text, so nothing is rounded away. NaN and ±Infinity are refused with a RangeError.
 */
export function float32Text(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${String(value)} is not a finite number`);
  const f = Math.fround(value);
  if (!(Math.abs(value - f) <= Math.max(Math.abs(value), Math.abs(f)) * Number.EPSILON)) return String(value);
  // float32 needs at most 9 significant digits to round-trip.
  for (let digits = 1; digits <= 9; digits++) {
    const text = f.toPrecision(digits);
    // String(Number(…)) turns "5.5e+1" into "55" and drops trailing zeros without changing the parsed value.
    if (Math.fround(Number(text)) === f) return String(Number(text));
  }
  return String(f);
}
