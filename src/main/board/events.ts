import type { BoardEvents } from './types';

/** A typed listener set per event name; a throwing listener is reported, never breaks the board. */
export class BoardEmitter {
  private readonly sets = new Map<keyof BoardEvents, Set<(p: never) => void>>();

  on<K extends keyof BoardEvents>(event: K, listener: (payload: BoardEvents[K]) => void): () => void {
    let set = this.sets.get(event);
    if (!set) this.sets.set(event, (set = new Set()));
    set.add(listener as (p: never) => void);
    return () => set.delete(listener as (p: never) => void);
  }

  has(event: keyof BoardEvents): boolean {
    return (this.sets.get(event)?.size ?? 0) > 0;
  }

  emit<K extends keyof BoardEvents>(event: K, payload: BoardEvents[K]): void {
    const set = this.sets.get(event);
    if (!set) return;
    for (const l of set) {
      try {
        (l as (p: BoardEvents[K]) => void)(payload);
      } catch (err) {
        if (event !== 'log')
          this.emit('log', { time: Date.now(), text: `board listener for ${event} threw: ${String(err)}` });
      }
    }
  }
}
