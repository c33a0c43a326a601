// Durations in scenario files: a number of milliseconds, or text with a unit ("500ms", "2s", "1.5 min", "1h").

const UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  min: 60_000,
  m: 60_000,
  h: 3_600_000,
};

/** Longest duration a scenario may name (a day): longer is surely a typing mistake. */
export const MAX_DURATION_MS = 86_400_000;

/** Milliseconds of a duration, or why it is not one. */
export function parseDuration(value: unknown): { ok: true; ms: number } | { ok: false; reason: string } {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
    const unit = m ? (m[2] ?? '').toLowerCase() || 'ms' : '';
    const factor = UNITS[unit];
    if (!m || factor === undefined)
      return { ok: false, reason: `"${value}" is not a duration; write it like 500ms, 2s, 1.5min or 1h.` };
    ms = Number(m[1]) * factor;
  } else return { ok: false, reason: 'A duration is a number of milliseconds or text like 500ms or 2s.' };
  if (!Number.isFinite(ms) || ms < 0) return { ok: false, reason: 'A duration cannot be negative.' };
  if (ms > MAX_DURATION_MS) return { ok: false, reason: 'A duration is at most a day (24h).' };
  return { ok: true, ms };
}

/** "1.5 s", "250 ms": how a report says a duration. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(2))} s`;
  return `${Number((ms / 60_000).toFixed(2))} min`;
}
