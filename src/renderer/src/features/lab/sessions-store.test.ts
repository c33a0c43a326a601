import { describe, expect, it } from 'vitest';
import type { BenchApi } from '../../../../shared/bridge/contract';
import type { SessionsState } from '../../../../shared/bridge/contracts/sessions';
import { fail, ok } from '../../../../shared/result';
import { SessionsStore } from './sessions-store';

const state = (focusedId: string): SessionsState => ({
  sessions: [],
  focusedId,
  historyBytes: 0,
  heapBytes: 0,
});

function fakeBridge(answer: (name: string) => unknown) {
  const listeners = new Set<(p: unknown) => void>();
  const bridge = {
    invoke: (name: string) => Promise.resolve(answer(name)),
    on: (_name: string, l: (p: unknown) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  } as unknown as Pick<BenchApi, 'invoke' | 'on'>;
  return { bridge, emit: (p: unknown) => listeners.forEach((l) => l(p)), listening: () => listeners.size };
}

describe('SessionsStore', () => {
  it('asks once, follows sessions:state while listened to, and takes what a request answers', async () => {
    const { bridge, emit, listening } = fakeBridge((name) =>
      name === 'sessions:list' ? ok(state('virtual')) : ok(state('bench-b')),
    );
    const store = new SessionsStore(bridge);
    const off = store.subscribe(() => {});
    await Promise.resolve();
    await Promise.resolve();
    expect(store.snapshot()?.focusedId).toBe('virtual');
    emit(state('bench-c'));
    expect(store.snapshot()?.focusedId).toBe('bench-c');
    expect(await store.focus('bench-b')).toBeUndefined();
    expect(store.snapshot()?.focusedId).toBe('bench-b');
    off();
    expect(listening()).toBe(0);
  });

  it("says in the core's words why a request failed", async () => {
    const { bridge } = fakeBridge(() => fail('NOT_FOUND', 'That board profile does not exist.'));
    const store = new SessionsStore(bridge);
    expect(await store.watch('gone')).toBe('That board profile does not exist.');
    expect(await store.addVirtual()).toBe('That board profile does not exist.');
  });
});
