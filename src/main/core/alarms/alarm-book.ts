// The alarms as people see them: those raised now, the latest ones, and who acknowledged what. The engine decides
// raises and clears; this keeps the record of them, bounded.
import type { AlarmRecord, AlarmsState } from '../../../shared/bridge/contracts/alarms';
import { BenchError } from '../../../shared/result';

/** The latest alarms kept (the Alarms list), newest first; older ones are dropped (the session markers keep them). */
export const RECENT_MAX = 500;

/** Active alarms, the last RECENT_MAX (active or cleared), acknowledgements. */
export class AlarmBook {
  private readonly activeById = new Map<string, AlarmRecord>();
  /** Newest first. */
  private recent: AlarmRecord[] = [];

  /** Records a raise; returns the record as kept. */
  raised(alarm: AlarmRecord): AlarmRecord {
    const kept: AlarmRecord = { ...alarm };
    this.activeById.set(kept.id, kept);
    this.recent.unshift(kept);
    if (this.recent.length > RECENT_MAX) this.recent.length = RECENT_MAX;
    return kept;
  }

  /** Records a clear (the engine's record, with clearedAt); returns it as kept (its acknowledgement too), or undefined. */
  cleared(alarm: AlarmRecord): AlarmRecord | undefined {
    const was = this.activeById.get(alarm.id);
    if (!was) return undefined;
    this.activeById.delete(alarm.id);
    const done: AlarmRecord = { ...was, clearedAt: alarm.clearedAt ?? was.raisedAt };
    this.replace(done);
    return done;
  }

  /** Names an alarm's capture bundle; returns whether the alarm is known. */
  setCapture(id: string, captureId: string): boolean {
    const a = this.activeById.get(id) ?? this.recent.find((r) => r.id === id);
    if (!a || a.captureId === captureId) return false;
    this.replace({ ...a, captureId });
    return true;
  }

  /** Acknowledges one alarm (raised or cleared, if still listed). Unknown: NOT_FOUND. Returns whether it changed. */
  ack(id: string, t: number): boolean {
    const a = this.activeById.get(id) ?? this.recent.find((r) => r.id === id);
    if (!a)
      throw new BenchError(
        'NOT_FOUND',
        `There is no alarm "${id}" in the list (only the last ${RECENT_MAX} are kept).`,
      );
    if (a.ackedAt !== undefined) return false;
    this.replace({ ...a, ackedAt: t });
    return true;
  }

  /** Acknowledges every alarm nobody acknowledged yet; returns how many. */
  ackAll(t: number): number {
    let n = 0;
    for (const a of this.unacked()) {
      this.replace({ ...a, ackedAt: t });
      n++;
    }
    return n;
  }

  state(): AlarmsState {
    return {
      active: [...this.activeById.values()].sort((a, b) => b.raisedAt - a.raisedAt),
      recent: [...this.recent],
      unacknowledged: this.unacked().length,
    };
  }

  active(): readonly AlarmRecord[] {
    return [...this.activeById.values()];
  }

  /** Alarms nobody acknowledged: listed ones, and active ones that fell off the list. */
  private unacked(): AlarmRecord[] {
    const out = new Map<string, AlarmRecord>();
    for (const a of this.recent) if (a.ackedAt === undefined) out.set(a.id, a);
    for (const a of this.activeById.values()) if (a.ackedAt === undefined) out.set(a.id, a);
    return [...out.values()];
  }

  private replace(next: AlarmRecord): void {
    if (this.activeById.has(next.id)) this.activeById.set(next.id, next);
    const i = this.recent.findIndex((r) => r.id === next.id);
    if (i >= 0) this.recent[i] = next;
  }
}
