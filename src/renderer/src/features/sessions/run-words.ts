// How the Sessions page names a run, its length and the disk it takes, in the words the page uses.
import type { RunSummary } from '../../../../shared/bridge/contracts/runs';
import { formatBytes } from '../../../../shared/format/bytes';

export { formatBytes };

/** "2 h 05 min", "4 min 12 s", "12.4 s", "0.35 s": a run's length, read at a glance. */
export function formatSpan(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m} min ${String(s % 60).padStart(2, '0')} s`;
}

/** A run's start as the page lists it: local date and time to the second ("2026-12-07 19:30:05"). */
export function formatStart(t: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** "Virtual board · 2026-12-07 19:30:05 · 4 min 12 s": the run in one line (the review banner, the compare pick). */
export function runLine(r: RunSummary): string {
  return `${r.boardName} · ${formatStart(r.started)} · ${formatSpan(r.ended - r.started)}`;
}
