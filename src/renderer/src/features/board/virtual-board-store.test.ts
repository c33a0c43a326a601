import { describe, expect, it } from 'vitest';
import type { BenchApi } from '../../../../shared/bridge/contract';
import type { VirtualBoardStatus } from '../../../../shared/bridge/contracts/board';
import { fail, ok } from '../../../../shared/result';
import { VirtualBoardStore } from './virtual-board-store';

/** A bridge whose events the test sends, answering every command from `answer`. */
function fakeBridge(answer: (name: string, req: Record<string, unknown>) => unknown) {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const calls: Array<{ name: string; req: Record<string, unknown> }> = [];
  const bridge = {
    invoke: (name: string, req: Record<string, unknown>) => {
      calls.push({ name, req });
      return Promise.resolve(answer(name, req));
    },
    on: (name: string, l: (p: unknown) => void) => {
      const set = listeners.get(name) ?? new Set();
      set.add(l);
      listeners.set(name, set);
      return () => set.delete(l);
    },
  } as unknown as Pick<BenchApi, 'invoke' | 'on'>;
  const emit = (name: string, payload: unknown) => listeners.get(name)?.forEach((l) => l(payload));
  return { bridge, emit, calls };
}

const stopped: VirtualBoardStatus = { kind: 'stopped' };
const line = (seq: number, text: string) => ({ seq, time: seq, text });

describe('VirtualBoardStore', () => {
  it("keeps each board's lines apart, and a board shown again still has what it had", async () => {
    const { bridge, emit } = fakeBridge(() => ok(stopped));
    const store = new VirtualBoardStore(bridge);
    const off = store.subscribe(() => {});
    emit('vboard:uart', { boardId: 'virtual', lines: [line(1, 'boot A')] });
    emit('vboard:uart', { boardId: 'virtual-2', lines: [line(1, 'boot B'), line(2, 'ready B')] });
    emit('vboard:log', { boardId: 'virtual-2', lines: [{ time: 3, text: 'rejected' }] });
    expect(store.snapshot('virtual').uart.map((l) => l.text)).toEqual(['boot A']);
    expect(store.snapshot('virtual').logs).toEqual([]);
    expect(store.snapshot('virtual-2').uart.map((l) => l.text)).toEqual(['boot B', 'ready B']);
    await store.load('virtual-2');
    expect(store.snapshot('virtual-2').uart).toHaveLength(2);
    expect(store.snapshot('virtual-3')).toBe(store.snapshot('virtual-4')); // nothing known: the empty one
    off();
  });

  it('names the board in every command, and keeps a failure as that board’s error only', async () => {
    const { bridge, calls } = fakeBridge((name) =>
      name === 'vboard:start'
        ? fail('CONFLICT', 'Port 8080 is already in use by another program.')
        : ok(stopped),
    );
    const store = new VirtualBoardStore(bridge);
    await store.start('virtual-2', { wsPort: 8080 });
    await store.configure('virtual', { telemetryMs: 100 });
    await store.setGpio('virtual', 'green', true);
    await store.stop('virtual');
    expect(calls.map((c) => c.req.boardId)).toEqual(['virtual-2', 'virtual', 'virtual', 'virtual']);
    expect(store.snapshot('virtual-2')).toMatchObject({ starting: false, error: /already in use/ });
    expect(store.snapshot('virtual').error).toBeUndefined();
  });

  it('follows the events only while someone listens', () => {
    const { bridge, emit } = fakeBridge(() => ok(stopped));
    const store = new VirtualBoardStore(bridge);
    emit('vboard:uart', { boardId: 'virtual', lines: [line(1, 'unheard')] });
    const off = store.subscribe(() => {});
    emit('vboard:status', { boardId: 'virtual', kind: 'stopped' });
    off();
    emit('vboard:uart', { boardId: 'virtual', lines: [line(2, 'unheard too')] });
    expect(store.snapshot('virtual')).toMatchObject({ status: { kind: 'stopped' }, uart: [] });
  });
});
