// The focused board has one owner (the SessionOwner): `sessions:focus` is the one request that moves it, the
// profiles view and the links state name the same board after any move, the move is saved by the owner, and the next
// start of the core opens that board again. Pages cannot set it through the settings.
import { afterEach, describe, expect, it } from 'vitest';
import type { PayloadOf } from '../../src/shared/bridge/contract';
import { type Bench } from '../../src/main/core/bench';
import { tempDir } from '../support/processes';
import { until } from '../support/wait';
import { caller, testBench } from '../support/bench';

const benches: Bench[] = [];
afterEach(async () => {
  for (const b of benches.splice(0)) await b.close();
});

async function start(configDir: string): Promise<Bench> {
  const bench = await testBench(configDir);
  benches.push(bench);
  return bench;
}

/** A command on bench `bench` (the tests here start more than one). */
const call = <T>(bench: Bench, name: string, req: unknown): Promise<T> => caller(() => bench)<T>(name, req);

describe('the focus, one value', () => {
  it('moves only by sessions:focus, is seen alike by profiles and links, and is opened again at the next start', async () => {
    const dir = tempDir('focus-');
    const bench = await start(dir);
    const profilesSeen: Array<PayloadOf<'links:profiles'>['selectedId']> = [];
    bench.hub.on('links:profiles', (v) => profilesSeen.push(v.selectedId));
    await until(
      async () => (await call<{ focusedId?: string }>(bench, 'sessions:list', {})).focusedId === 'virtual',
      'the virtual board focused at start',
    );

    await call(bench, 'links:add-virtual', { show: false });
    await call(bench, 'sessions:focus', { id: 'virtual-2' });
    // Every view of the focus names the same board at once.
    const view = await call<PayloadOf<'links:profiles'>>(bench, 'links:profiles', {});
    const links = await call<{ state: PayloadOf<'links:state'> }>(bench, 'links:state', {});
    const sessions = await call<{ focusedId?: string }>(bench, 'sessions:list', {});
    expect([view.selectedId, links.state.board?.id, sessions.focusedId]).toEqual([
      'virtual-2',
      'virtual-2',
      'virtual-2',
    ]);
    // The board selector heard the move, though the request came from the Lab page's command.
    expect(profilesSeen.at(-1)).toBe('virtual-2');
    // The page cannot move it another way.
    const bad = await bench.dispatch('settings:set', { selectedBoard: 'virtual' }, { transport: 'browser' });
    expect(bad.ok).toBe(false);
    expect((await call<{ focusedId?: string }>(bench, 'sessions:list', {})).focusedId).toBe('virtual-2');

    await benches.pop()!.close();
    const again = await start(dir);
    await until(
      async () => (await call<{ focusedId?: string }>(again, 'sessions:list', {})).focusedId === 'virtual-2',
      'the saved focus opened at start',
    );
  });

  it('moves to the first board left when the focused board is removed', async () => {
    const bench = await start(tempDir('focus-'));
    await call(bench, 'links:add-virtual', { show: true });
    await until(
      async () => (await call<{ focusedId?: string }>(bench, 'sessions:list', {})).focusedId === 'virtual-2',
      'the new virtual board focused',
    );
    await call(bench, 'links:remove-profile', { id: 'virtual-2' });
    const view = await call<PayloadOf<'links:profiles'>>(bench, 'links:profiles', {});
    expect(view.selectedId).toBe('virtual');
    expect((await call<{ state: PayloadOf<'links:state'> }>(bench, 'links:state', {})).state.board?.id).toBe(
      'virtual',
    );
  });
});
