import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PoolsEvent } from '../../../shared/bridge/contracts/memory';
import { nucleoMemLayout } from '../../../shared/memory/firmware-layout';
import { computeUsage } from '../../../shared/memory/usage';
import { EventHub } from '../event-hub';
import { SettingsStore } from '../settings-store';
import { createDispatcher, type Handlers } from '../dispatch';
import { PoolStatusFeed } from '../memory/pool-feed';
import type { MemoryModel } from '../../../shared/bridge/contracts/memory';
import { memoryHandlers, type VirtualMemory } from './memory';
import { until } from '../../../../test/support/wait';
import { focusOwner } from '../../../../test/support/focus';
import type { BenchContext } from '../context';

const dirs: string[] = [];
const closers: Array<() => void> = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The virtual board's memory control as the handlers see it; records what was applied. */
function fakeMemory(): VirtualMemory & { applied: unknown[] } {
  const applied: unknown[] = [];
  return {
    applied,
    layout: nucleoMemLayout,
    usage: () => computeUsage(nucleoMemLayout),
    apply: (config) => {
      applied.push(config);
      return { config: {} as never, applied: ['HTTP sessions: 2.'], notApplied: [] };
    },
  };
}

/** Handlers over fake boards: ids starting with "virtual" are virtual boards, running when `memories` has them. */
function setup(memories: Record<string, VirtualMemory>, focused: string | null = 'virtual') {
  const dir = mkdtempSync(join(tmpdir(), 'memh-'));
  dirs.push(dir);
  const hub = new EventHub();
  const ctx: BenchContext = {
    hub,
    settings: new SettingsStore(dir),
    identity: { name: 't', version: '0', platform: 'linux', startedAt: 0 },
    dataDir: dir,
    log: () => {},
    onClose: (fn) => closers.push(fn as () => void),
  };
  const feed = new PoolStatusFeed();
  const focus = focusOwner(focused ?? undefined);
  const handlers = memoryHandlers(ctx, {
    virtualMemory: (id) => memories[id],
    feed,
    focus: focus.source,
    isVirtual: (id) => id.startsWith('virtual'),
  });
  const dispatch = createDispatcher(handlers as unknown as Handlers, () => {});
  const call = (name: string, req: unknown) => dispatch(name, req, { transport: 'browser' });
  const events: PoolsEvent[] = [];
  hub.on('memory:pools', (s) => events.push(s));
  return { ctx, feed, call, events, hub, focus };
}

describe('memory handlers', () => {
  it('answers the model and a what-if from the layout', async () => {
    const { call } = setup({ virtual: fakeMemory() });
    const model = await call('memory:model', {});
    // The virtual board's pools come over the wire (pool-status), so none are known before it reports.
    expect(model.ok && model.value).toMatchObject({
      layout: nucleoMemLayout,
      pools: { kind: 'none', source: { kind: 'virtual', id: 'virtual' } },
    });
    const w = await call('memory:what-if', { config: { httpSessionMax: 2 } });
    expect(w.ok).toBe(true);
    const bad = await call('memory:what-if', { config: { packetPools: { ftp: { region: 'NOWHERE' } } } });
    expect(bad).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: 'FTP Server Packet Pool: no linker region named "NOWHERE" in this layout.',
      },
    });
  });

  it('says plainly when the focused board does not report, and goes live when its link feeds a pool-status', async () => {
    const { call, feed, events, focus } = setup({ virtual: fakeMemory() });
    focus.move('lab-1');
    const none = await until(() => events.find((e) => e.state.kind === 'none'), 'a "none" pool state', 3000);
    expect(none).toMatchObject({
      boardId: 'lab-1',
      state: {
        source: { kind: 'board', id: 'lab-1' },
        reason: expect.stringMatching(/does not report its pools/),
      },
    });
    expect(
      feed.push('lab-1', { type: 'pool-status', data: { packetPools: [{ name: 'P', total: 4, free: 1 }] } }),
    ).toEqual({ ok: true });
    const live = await until(() => events.find((e) => e.state.kind === 'live'), 'a live pool state', 3000);
    expect(live.state.kind === 'live' && live.state.status.packetPools[0]).toMatchObject({
      name: 'P',
      total: 4,
      free: 1,
    });
    const model = await call('memory:model', {});
    expect(model.ok && (model.value as { history: unknown[] }).history.length).toBeGreaterThan(0);
  });

  it("answers each board's pools by its id, whichever board is focused", async () => {
    const { call, feed, focus } = setup({ virtual: fakeMemory() }, 'lab-1');
    feed.push('lab-1', { type: 'pool-status', data: { packetPools: [{ name: 'P', total: 4, free: 1 }] } });
    feed.push('lab-2', { type: 'pool-status', data: { packetPools: [{ name: 'P', total: 4, free: 3 }] } });
    const free = async (req: object) => {
      const r = await call('memory:model', req);
      const pools = r.ok ? (r.value as MemoryModel).pools : undefined;
      return pools?.kind === 'live' ? [pools.source, pools.status.packetPools[0]?.free] : pools;
    };
    expect(await free({})).toEqual([{ kind: 'board', id: 'lab-1' }, 1]);
    expect(await free({ boardId: 'lab-2' })).toEqual([{ kind: 'board', id: 'lab-2' }, 3]);
    focus.move('lab-2');
    expect(await free({})).toEqual([{ kind: 'board', id: 'lab-2' }, 3]);
    expect(await free({ boardId: 'lab-1' })).toEqual([{ kind: 'board', id: 'lab-1' }, 1]);
  });

  it("shows no board's pools while no board is shown, whatever the saved choice says", async () => {
    const { call, ctx, feed } = setup({ virtual: fakeMemory() }, null);
    ctx.settings.set({ selectedBoard: 'virtual' });
    feed.push('virtual', { type: 'pool-status', data: { packetPools: [{ name: 'P', total: 4, free: 1 }] } });
    expect(await call('memory:model', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringMatching(/No board is shown/) },
    });
    expect(await call('memory:apply', { config: {} })).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
  });

  it('applies to the focused virtual board, or says it is not running', async () => {
    const memory = fakeMemory();
    const { call } = setup({ virtual: memory });
    const r = await call('memory:apply', { config: { httpSessionMax: 2 } });
    expect(r).toMatchObject({ ok: true, value: { applied: ['HTTP sessions: 2.'], usage: memory.usage() } });
    expect(memory.applied).toEqual([{ httpSessionMax: 2 }]);
    const stopped = setup({}, 'virtual-2');
    expect(await stopped.call('memory:apply', { config: {} })).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringMatching(/not running/) },
    });
  });

  it('never applies a what-if on a real board to a virtual board standing in for it, and says why', async () => {
    const memory = fakeMemory();
    const { call } = setup({ virtual: memory }, 'lab-1');
    expect(await call('memory:apply', { config: { httpSessionMax: 2 } })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/cannot change a real board's memory/) },
    });
    expect(await call('memory:apply', { config: {}, boardId: 'lab-1' })).toMatchObject({ ok: false });
    expect(memory.applied).toEqual([]);
  });

  it("keeps each board's last what-if result: one board's never shows as another's", async () => {
    const a = fakeMemory();
    const b = fakeMemory();
    const { call, focus } = setup({ virtual: a, 'virtual-2': b });
    await call('memory:apply', { config: { httpSessionMax: 2 } });
    const lastApply = async (req: object) => {
      const r = await call('memory:model', req);
      return r.ok ? (r.value as MemoryModel).lastApply : r;
    };
    expect(await lastApply({})).toMatchObject({
      asked: { httpSessionMax: 2 },
      result: { applied: ['HTTP sessions: 2.'] },
    });
    focus.move('virtual-2');
    expect(await lastApply({})).toBeUndefined();
    focus.move('lab-1');
    expect(await lastApply({})).toBeUndefined();
    expect(b.applied).toEqual([]);
    focus.move('virtual');
    expect(await lastApply({})).toMatchObject({ asked: { httpSessionMax: 2 } });
    expect(await lastApply({ boardId: 'virtual-2' })).toBeUndefined();
  });

  it('turns a bad map file into BAD_REQUEST naming the line', async () => {
    const { call } = setup({});
    const r = await call('memory:import', {
      mapFile: 'Memory Configuration\n\nName Origin Length Attributes\nX 0x0 zz\n',
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/^Map file, line 4: /) },
    });
  });

  it('imports files sent in parts, once, and refuses an upload named with inline files', async () => {
    const { call } = setup({});
    const script = 'MEMORY\n{\n  RAM (xrw) : ORIGIN = 0x24000000, LENGTH = 320K\n}\n';
    const part = (index: number, text: string) =>
      call('memory:import-part', { upload: 'u-1', which: 'linkerScript', index, text });
    expect(await part(0, script.slice(0, 20))).toEqual({ ok: true, value: { chars: 20 } });
    expect(await part(1, script.slice(20))).toEqual({ ok: true, value: { chars: script.length } });
    const r = await call('memory:import', { upload: 'u-1' });
    expect(r).toMatchObject({ ok: true, value: { regions: [{ name: 'RAM', length: 320 * 1024 }] } });
    expect(await call('memory:import', { upload: 'u-1' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/holds no upload "u-1"/) },
    });
    expect(await call('memory:import', { upload: 'u-2', mapFile: 'x' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/name an upload or send the files inline, not both/) },
    });
  });
});
