// How the Alarms page writes times and sizes.
import { formatDate, formatTime } from '../telemetry/format';

/** Local date and time to the second: "2026-12-07 21:30:12". */
export function when(t: number): string {
  return `${formatDate(t)} ${formatTime(t).slice(0, 8)}`;
}

/** A duration in words: "4.2 s", "3 min 5 s", "2 h 10 min". */
export function lasted(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.floor(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Shows a message in the page's snackbar: a failure (the default), or news. Undefined: nothing to say. */
export type Say = (message: string | undefined, tone?: 'error' | 'info') => void;
