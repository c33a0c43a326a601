import { describe, expect, it } from 'vitest';
import type { BenchApi } from '../../../../shared/bridge/contract';
import type { SessionsState } from '../../../../shared/bridge/contracts/sessions';
import { fail, ok } from '../../../../shared/result';
import type { SessionSummary } from '../../../../shared/bridge/contracts/sessions';
import type { BridgeState } from '../../bridge/web-bridge';
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

  it('marks every board stale and claims no rate while the page has lost the core, and asks again when back', async () => {
    const open = { kind: 'open', since: 0 } as const;
    const wire = { kind: 'open', since: 0, detail: 'ws://127.0.0.1:8080' } as const;
    const board: SessionSummary = {
      id: 'bench-b',
      name: 'Bench B',
      host: '127.0.0.1',
      virtual: false,
      focused: true,
      pinned: false,
      links: { ws: wire, http: wire, ftp: wire, serial: wire },
      lastTelemetryAt: 1000,
      values: { uptime: 63 },
      sparks: {},
      rate: 5,
      received: 300,
      drops: 0,
      reboots: 0,
      recording: false,
      history: { samples: 0, sampleBytes: 0, reservedBytes: 0, capBytes: 0 },
    };
    const live: SessionsState = { ...state('bench-b'), sessions: [board] };
    let lists = 0;
    const { bridge, emit } = fakeBridge((name) => {
      if (name === 'sessions:list') lists++;
      return ok(live);
    });
    const core = new Set<(s: BridgeState) => void>();
    const store = new SessionsStore({
      ...bridge,
      onState: (l) => {
        core.add(l);
        l(open);
        return () => core.delete(l);
      },
    });
    const off = store.subscribe(() => {});
    emit(live);
    expect(store.snapshot()?.sessions[0]!.links.ws.kind).toBe('open');

    core.forEach((l) => l({ kind: 'closed', since: 2000, retryAt: 3000 }));
    const lost = store.snapshot()!.sessions[0]!;
    for (const k of ['ws', 'http', 'ftp', 'serial'] as const) {
      expect(lost.links[k].kind).toBe('stale');
      expect(lost.links[k].detail).toMatch(
        /Not known now: the page has lost the bench core.*Last reported: open/,
      );
    }
    expect(lost.rate).toBe(0);
    expect(lost.values).toEqual({ uptime: 63 });

    const before = lists;
    core.forEach((l) => l(open));
    expect(store.snapshot()!.sessions[0]!.links.ws.kind).toBe('open');
    expect(lists).toBe(before + 1);
    off();
  });
});
