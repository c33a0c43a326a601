// How far back the Telemetry page can go, in words (docs/sessions.md §Long history): the whole history, the part
// in memory, and where the rest comes from; and what a window older than the run shows.
import type { HistoryReach } from '../../../../shared/bridge/contracts/telemetry';
import { formatTime } from './format';

/** A duration as a bench engineer says it: "45 s", "12 min", "3 h 12 min". */
export function spanWords(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}

/** "history: 3 h 12 min (10 min in memory, the rest from this run's session file)", or undefined before any. */
export function reachWords(reach: HistoryReach | undefined, now: number): string | undefined {
  if (!reach || reach.memoryFrom === null) return undefined;
  const memory = spanWords(now - reach.memoryFrom);
  if (!reach.recorded) return `history: ${memory} (only what is in memory: this run is not being recorded)`;
  const from = reach.fileFrom ?? reach.memoryFrom;
  if (from >= reach.memoryFrom) return `history: ${memory}, all in memory`;
  return `history: ${spanWords(now - from)} (${memory} in memory, the rest from this run's session file)`;
}

/**
 * What a window [fromT, toT] shows when it lies (or starts) before everything kept, or undefined: a window older than
 * the run (or, not recorded, than memory) says so, and one reaching back past a recorded run's start says where the
 * run began.
 */
export function beforeRunWords(
  fromT: number,
  toT: number,
  reach: HistoryReach | undefined,
): string | undefined {
  if (!reach) return undefined;
  const at = (t: number) => formatTime(t).slice(0, 8);
  if (reach.recorded && reach.fileFrom !== null) {
    if (toT < reach.fileFrom) return `before this run began (${at(reach.fileFrom)}): nothing recorded then`;
    if (fromT < reach.fileFrom) return `this run began at ${at(reach.fileFrom)}`;
  }
  if (!reach.recorded && reach.memoryFrom !== null) {
    if (toT < reach.memoryFrom)
      return `older than the history in memory (from ${at(reach.memoryFrom)}); this run is not recorded`;
  }
  return undefined;
}
