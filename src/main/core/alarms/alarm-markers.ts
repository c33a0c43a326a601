// Each raise and clear as a marker of the board's run (the session file being written, docs/sessions.md), so the
// Sessions page lists it and "jump to the moment" has a moment to jump to.
import type { BenchEventMessage } from '../../../shared/session-file/messages';
import type { AlarmSource, AlarmTransition } from './types';

/** How long an alarm lasted, in words ("12 s", "3 min 5 s", "2 h 1 min"). */
export function lasted(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const m = Math.floor(s / 60) % 60;
  return `${Math.floor(s / 3600)} h${m ? ` ${m} min` : ''}`;
}

/** The event written into the board's run for one raise or clear. */
export function alarmEvent(tr: AlarmTransition): BenchEventMessage {
  const a = tr.alarm;
  const detail =
    tr.kind === 'raised'
      ? `Alarm raised: ${a.ruleName} — ${a.message}`
      : `Alarm cleared: ${a.ruleName} — after ${lasted((a.clearedAt ?? a.raisedAt) - a.raisedAt)} (raised for: ${a.message})`;
  return { kind: 'alarm', alarm: tr.kind, rule: a.ruleId, severity: a.severity, detail };
}

/**
 * Writes every raise and clear into its board's run (`record` is the flight recorder's `event`, which writes only
 * while that board's run is recorded); returns the unsubscribe.
 */
export function markAlarms(
  source: AlarmSource,
  record: (boardId: string, e: BenchEventMessage, t: number) => void,
): () => void {
  return source.onTransition((tr) => {
    const t = tr.kind === 'raised' ? tr.alarm.raisedAt : (tr.alarm.clearedAt ?? tr.alarm.raisedAt);
    record(tr.alarm.boardId, alarmEvent(tr), t);
  });
}
