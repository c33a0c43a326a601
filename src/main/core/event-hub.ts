import type { EventName, PayloadOf } from '../../shared/bridge/contract';

type Listener = (payload: unknown) => void;

/** Fan-out of core events to the transports. A throwing listener is logged and never stops the others. */
export class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly anyListeners = new Set<(name: EventName, payload: unknown) => void>();

  constructor(private readonly log: (message: string) => void = () => {}) {}

  /** Sends an event to everyone subscribed to it. */
  emit<E extends EventName>(name: E, payload: PayloadOf<E>): void {
    for (const listener of this.listeners.get(name) ?? []) this.call(() => listener(payload), name);
    for (const listener of this.anyListeners) this.call(() => listener(name, payload), name);
  }

  /** Subscribes to one event; returns the unsubscribe function. */
  on<E extends EventName>(name: E, listener: (payload: PayloadOf<E>) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    const l = listener as Listener;
    set.add(l);
    return () => {
      set.delete(l);
    };
  }

  /** Subscribes to every event (the Electron adapter forwards them all to its one window). */
  onAny(listener: (name: EventName, payload: unknown) => void): () => void {
    this.anyListeners.add(listener);
    return () => {
      this.anyListeners.delete(listener);
    };
  }

  /** Number of listeners of one event; producers may skip work nobody watches. */
  listenerCount(name: EventName): number {
    return (this.listeners.get(name)?.size ?? 0) + this.anyListeners.size;
  }

  private call(fn: () => void, name: string): void {
    try {
      fn();
    } catch (err) {
      this.log(`event listener for ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
