// A bridge for the renderer's store tests: answers each request with `answer(name, request)`, records the
// requests, and lets a test send events by name.
import type { BenchApi } from '../../src/shared/bridge/contract';

export interface FakeBridge {
  /** The bridge to hand to a store (typed as the real one; the fake answers whatever `answer` gives). */
  readonly bridge: BenchApi;
  /** Every request made, in order. */
  readonly asked: Array<{ name: string; request: unknown }>;
  emit(name: string, payload: unknown): void;
  /** Events listened to now. */
  listening(): number;
}

export function fakeBridge(
  answer: (name: string, request: unknown) => unknown,
  transport: BenchApi['transport'] = 'browser',
): FakeBridge {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const asked: FakeBridge['asked'] = [];
  const raw = {
    transport,
    invoke: (name: string, request: unknown) => {
      asked.push({ name, request });
      return Promise.resolve(answer(name, request));
    },
    on: (name: string, l: (p: unknown) => void) => {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(l);
      return () => set.delete(l);
    },
  };
  return {
    // The fake's methods take any name and payload; the stores call them with the contract's types.
    bridge: raw as unknown as BenchApi,
    asked,
    emit: (name, payload) => listeners.get(name)?.forEach((l) => l(payload)),
    listening: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
