import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PoolFeedState } from '../../../shared/bridge/contracts/memory';
import { nucleoMemLayout } from '../../../shared/memory/firmware-layout';
import { computeUsage } from '../../../shared/memory/usage';
import { EventHub } from '../event-hub';
import { SettingsStore } from '../settings-store';
import { createDispatcher, type Handlers } from '../dispatch';
import { PoolStatusFeed } from '../memory/pool-feed';
import { memoryHandlers, type VirtualMemory } from './memory';
import { until } from '../../../../test/support/wait';
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

function setup(memory: VirtualMemory | undefined, shown: { id: string | undefined } = { id: 'virtual' }) {
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
  const handlers = memoryHandlers(ctx, { virtualMemory: () => memory, feed, selectedBoard: () => shown.id });
  const dispatch = createDispatcher(handlers as unknown as Handlers, () => {});
  const call = (name: string, req: unknown) => dispatch(name, req, { transport: 'browser' });
  const events: PoolFeedState[] = [];
  hub.on('memory:pools', (s) => events.push(s));
  return { ctx, feed, call, events, hub, shown };
}

describe('memory handlers', () => {
  it('answers the model and a what-if from the layout', async () => {
    const { call } = setup(fakeMemory());
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

  it('says plainly when the selected board does not report, and goes live when its link feeds a pool-status', async () => {
    const { call, ctx, feed, events, hub, shown } = setup(fakeMemory());
    shown.id = 'lab-1';
    hub.emit('settings:changed', ctx.settings.set({ selectedBoard: 'lab-1' }));
    const none = await until(() => events.find((e) => e.kind === 'none'), 'a "none" pool state', 3000);
    expect(none).toMatchObject({
      source: { kind: 'board', id: 'lab-1' },
      reason: expect.stringMatching(/does not report its pools/),
    });
    expect(
      feed.push('lab-1', { type: 'pool-status', data: { packetPools: [{ name: 'P', total: 4, free: 1 }] } }),
    ).toEqual({ ok: true });
    const live = await until(() => events.find((e) => e.kind === 'live'), 'a live pool state', 3000);
    expect(live.kind === 'live' && live.status.packetPools[0]).toMatchObject({
      name: 'P',
      total: 4,
      free: 1,
    });
    const model = await call('memory:model', {});
    expect(model.ok && (model.value as { history: unknown[] }).history.length).toBeGreaterThan(0);
  });

  it("shows no board's pools while no board is shown, whatever the saved choice says", async () => {
    const { call, ctx, feed } = setup(fakeMemory(), { id: undefined });
    ctx.settings.set({ selectedBoard: 'virtual' });
    feed.push('virtual', { type: 'pool-status', data: { packetPools: [{ name: 'P', total: 4, free: 1 }] } });
    const model = await call('memory:model', {});
    expect(model.ok && model.value).toMatchObject({
      pools: { kind: 'none', source: { kind: 'none' }, reason: expect.stringMatching(/No board is shown/) },
    });
  });

  it('applies to the virtual board, or says it is not running', async () => {
    const memory = fakeMemory();
    const { call } = setup(memory);
    const r = await call('memory:apply', { config: { httpSessionMax: 2 } });
    expect(r).toMatchObject({ ok: true, value: { applied: ['HTTP sessions: 2.'], usage: memory.usage() } });
    expect(memory.applied).toEqual([{ httpSessionMax: 2 }]);
    const none = setup(undefined);
    expect(await none.call('memory:apply', { config: {} })).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
  });

  it('turns a bad map file into BAD_REQUEST naming the line', async () => {
    const { call } = setup(undefined);
    const r = await call('memory:import', {
      mapFile: 'Memory Configuration\n\nName Origin Length Attributes\nX 0x0 zz\n',
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/^Map file, line 4: /) },
    });
  });
});
