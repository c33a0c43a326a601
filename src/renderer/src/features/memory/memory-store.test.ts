import { describe, expect, it } from 'vitest';
import type { MemoryModel, PoolFeedState, PoolsEvent } from '../../../../shared/bridge/contracts/memory';
import { IMPORT_PART_CHARS } from '../../../../shared/bridge/contracts/memory';
import { nucleoMemLayout } from '../../../../shared/memory/firmware-layout';
import { computeUsage } from '../../../../shared/memory/usage';
import { ok, fail } from '../../../../shared/result';
import { MemoryStore, type MemoryBridge } from './memory-store';

const usage = computeUsage(nucleoMemLayout);
const live = (id: string, free: number, at: number): PoolFeedState => ({
  kind: 'live',
  source: { kind: id.startsWith('virtual') ? 'virtual' : 'board', id },
  at,
  status: { packetPools: [{ name: 'P', payload: 1536, total: 4, free }], bytePools: [] },
  skipped: [],
});

/** A core that knows two boards: "virtual" (applies what-ifs) and "lab-1" (a real board, refuses them). */
function fakeBridge() {
  let poolsListener: ((e: PoolsEvent) => void) | undefined;
  const bridge = {
    invoke: async (name: string, req: { boardId: string }) => {
      if (name === 'memory:model')
        return ok<MemoryModel>({
          boardId: req.boardId,
          layout: nucleoMemLayout,
          usage,
          applied: usage,
          pools: live(req.boardId, req.boardId === 'virtual' ? 1 : 3, 1),
          history: [],
        });
      if (name === 'memory:apply')
        return req.boardId === 'virtual'
          ? ok({ config: {}, applied: ['HTTP sessions: 2.'], notApplied: [], usage })
          : fail('BAD_REQUEST', "A what-if cannot change a real board's memory.");
      throw new Error(`unexpected ${name}`);
    },
    on: (_name: string, listener: (e: PoolsEvent) => void) => {
      poolsListener = listener;
      return () => (poolsListener = undefined);
    },
  };
  return { bridge: bridge as unknown as MemoryBridge, send: (e: PoolsEvent) => poolsListener?.(e) };
}

describe('MemoryStore', () => {
  it("keeps each board's pools by its id: an event for one board never lands on another", async () => {
    const { bridge, send } = fakeBridge();
    const store = new MemoryStore(bridge);
    const off = store.subscribe(() => {});
    await store.load('virtual');
    await store.load('lab-1');
    send({ boardId: 'lab-1', state: live('lab-1', 2, 5) });
    const free = (id: string) => {
      const p = store.get(id).pools;
      return p?.kind === 'live' ? p.status.packetPools[0]?.free : undefined;
    };
    expect(free('virtual')).toBe(1);
    expect(free('lab-1')).toBe(2);
    expect(store.get('lab-1').history.map((s) => s.inUse.P)).toEqual([2]);
    expect(store.get('virtual').history).toEqual([]);
    off();
  });

  it('keeps a what-if and its result with the board it was made on', async () => {
    const { bridge } = fakeBridge();
    const store = new MemoryStore(bridge);
    store.setConfig('virtual', { httpSessionMax: 2 });
    await store.apply('virtual');
    expect(store.get('virtual')).toMatchObject({
      config: { httpSessionMax: 2 },
      outcome: { kind: 'applied', result: { applied: ['HTTP sessions: 2.'] } },
    });
    expect(store.get('lab-1')).toMatchObject({ config: {} });
    expect(store.get('lab-1').outcome).toBeUndefined();
    await store.apply('lab-1');
    expect(store.get('lab-1').outcome).toEqual({
      kind: 'failed',
      message: "A what-if cannot change a real board's memory.",
    });
    expect(store.get('virtual').outcome).toMatchObject({ kind: 'applied' });
    store.reset('virtual');
    expect(store.get('virtual')).toMatchObject({ config: {} });
    expect(store.get('virtual').outcome).toBeUndefined();
  });

  it('sends a picked file in parts under the bridge message limit, then imports the upload', async () => {
    const calls: Array<{ name: string; req: Record<string, unknown> }> = [];
    const bridge = {
      invoke: async (name: string, req: Record<string, unknown>) => {
        calls.push({ name, req });
        if (name === 'memory:import-part') return ok({ chars: 0 });
        if (name === 'memory:import') return fail('BAD_REQUEST', 'Map file, line 1: not a map.');
        throw new Error(`unexpected ${name}`);
      },
      on: () => () => {},
    };
    const store = new MemoryStore(bridge as unknown as MemoryBridge);
    // 600,000 backslashes: 1.2 MB once JSON-escaped, in three parts of at most 256 Ki characters.
    await store.pick('virtual', 'mapFile', new File(['\\'.repeat(600_000)], 'w.map'));
    const parts = calls.filter((c) => c.name === 'memory:import-part');
    expect(parts.map((c) => [c.req.which, c.req.index, (c.req.text as string).length])).toEqual([
      ['mapFile', 0, IMPORT_PART_CHARS],
      ['mapFile', 1, IMPORT_PART_CHARS],
      ['mapFile', 2, 600_000 - 2 * IMPORT_PART_CHARS],
    ]);
    const upload = parts[0]!.req.upload;
    expect(parts.every((c) => c.req.upload === upload)).toBe(true);
    expect(calls.at(-1)).toEqual({ name: 'memory:import', req: { upload } });
    expect(store.get('virtual').importError).toBe('w.map: Map file, line 1: not a map.');
  });
});
