// What the pages need of a board the moment it is focused: the SessionOwner sends the focused board's links, LEDs
// and latest telemetry at once, each naming its board, so the dashboard's LED controls do not wait for the board's
// next report (a board reports its LEDs only on connect and on a change).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PayloadOf } from '../../src/shared/bridge/contract';
import { ProfileStore } from '../../src/main/core/links/profiles';
import { SessionOwner, type SessionEventName } from '../../src/main/core/sessions/session-owner';
import { startFakeFirmware } from '../support/fake-firmware';
import { until } from '../support/wait';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

type Heard = { [E in SessionEventName]: { name: E; payload: PayloadOf<E> } }[SessionEventName];

describe('SessionOwner: focusing a watched board', () => {
  it("sends that board's links, LEDs and latest telemetry at once, each with its board id", async () => {
    const profiles = new ProfileStore(mkdtempSync(join(tmpdir(), 'focus-state-')));
    const events: Heard[] = [];
    const owner = new SessionOwner({
      getProfile: (id) => profiles.get(id),
      emit: <E extends SessionEventName>(name: E, payload: PayloadOf<E>) =>
        events.push({ name, payload } as Heard),
      summaryEveryMs: 0,
    });
    cleanups.push(() => owner.close());
    const board = async (name: string) => {
      const fw = await startFakeFirmware({ periodMs: 100 });
      cleanups.push(() => fw.stop());
      return profiles.save({ name, host: '127.0.0.1', wsPort: fw.wsPort, httpPort: 1, ftpPort: 1 }).id;
    };
    const a = await board('A');
    const b = await board('B');

    await owner.select(a);
    await owner.watch(a);
    await owner.watch(b);
    // B is watched, not focused: its session hears its LEDs and telemetry, the pages are told nothing of B.
    await until(
      () => owner.get(b)?.ledStatus && (owner.get(b)?.telemetry?.count ?? 0) >= 2,
      "B's LEDs and telemetry heard by its session",
    );
    expect(events.some((e) => e.payload && 'boardId' in e.payload && e.payload.boardId === b)).toBe(false);

    const from = events.length;
    await owner.select(b);
    // No waiting: everything B's session knows went out with the focus move itself.
    const after = events.slice(from);
    const links = after.find((e) => e.name === 'links:state');
    const leds = after.find((e) => e.name === 'board:led-status');
    const latest = after.find((e) => e.name === 'board:telemetry-latest');
    expect(links?.payload).toMatchObject({ boardId: b, board: { id: b, name: 'B' } });
    expect(leds?.payload).toMatchObject({ boardId: b, yellow: false, red: false });
    expect(latest?.payload).toMatchObject({ boardId: b });
    expect(latest?.name === 'board:telemetry-latest' && latest.payload.count).toBeGreaterThanOrEqual(2);

    // Going back to A sends A's, not B's.
    const back = events.length;
    await owner.select(a);
    const ids = events
      .slice(back)
      .filter((e) => e.name !== 'sessions:state')
      .map((e) =>
        e.name === 'links:state' ? e.payload.boardId : 'boardId' in e.payload && e.payload.boardId,
      );
    expect(new Set(ids)).toEqual(new Set([a]));
    expect(events.slice(back).some((e) => e.name === 'board:led-status')).toBe(true);
  });
});
