import { describe, expect, it } from 'vitest';
import type { EventName, PayloadOf } from '../../../../shared/bridge/contract';
import type { LedStatus, LinksState } from '../../../../shared/bridge/contracts/links';
import { ok } from '../../../../shared/result';
import type { BridgeState } from '../../bridge/web-bridge';
import { LinksStore, type LinksBridge } from './links-store';

const open = { kind: 'open', since: 1, detail: '' } as const;
const links = (boardId: string): LinksState => ({
  boardId,
  board: { id: boardId, name: boardId, host: '127.0.0.1', virtual: false },
  ws: open,
  http: open,
  ftp: open,
  serial: { kind: 'idle', detail: '' },
  figures: { received: 3, rate: 1, telemetry: 2, telemetryRate: 1, lastMessageAt: 5, invalid: 0, dropped: 0 },
});
const leds = (boardId: string, yellow: boolean): LedStatus => ({ boardId, yellow, red: false, at: 1 });

/** A bridge whose events the test sends and whose `links:state` answer the test sets. */
function fakeBridge() {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const states = new Set<(s: BridgeState) => void>();
  let core: BridgeState = { kind: 'open', since: 0 };
  const answer: { state: LinksState; leds: LedStatus | undefined } = { state: links('a'), leds: undefined };
  const bridge: LinksBridge = {
    on: (name, l) => {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const f = l as (p: unknown) => void;
      set.add(f);
      return () => set.delete(f);
    },
    invoke: ((name: string) =>
      Promise.resolve(
        name === 'links:state'
          ? ok({ state: answer.state, leds: answer.leds, telemetry: undefined })
          : ok({ profiles: [], selectedId: answer.state.boardId ?? '' }),
      )) as LinksBridge['invoke'],
    onState: (l) => {
      states.add(l);
      l(core);
      return () => states.delete(l);
    },
  };
  return {
    bridge,
    answer,
    emit<E extends EventName>(name: E, payload: PayloadOf<E>) {
      for (const l of listeners.get(name) ?? []) l(payload);
    },
    setCore(s: BridgeState) {
      core = s;
      for (const l of states) l(s);
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('LinksStore', () => {
  it("shows the focused board's LEDs only, and a board's own again when the focus comes back", async () => {
    const fake = fakeBridge();
    const store = new LinksStore(fake.bridge);
    const release = store.retain();
    fake.answer.state = links('b');
    fake.answer.leds = leds('b', true);
    fake.emit('links:state', links('b'));
    fake.emit('board:led-status', leds('b', true));
    await settle();
    expect(store.focused.leds).toEqual(leds('b', true));

    // Focus C: B's LEDs are never shown as C's, C's arrive with the focus.
    fake.answer.state = links('c');
    fake.answer.leds = leds('c', false);
    fake.emit('links:state', links('c'));
    expect(store.focused.state?.boardId).toBe('c');
    expect(store.focused.leds).toBeUndefined();
    fake.emit('board:led-status', leds('c', false));
    expect(store.focused.leds).toEqual(leds('c', false));
    // An event of a board not focused is kept for it, not shown.
    fake.emit('board:led-status', leds('b', false));
    expect(store.focused.leds?.boardId).toBe('c');

    fake.answer.state = links('b');
    fake.answer.leds = leds('b', false);
    fake.emit('links:state', links('b'));
    expect(store.focused.leds).toEqual(leds('b', false));
    release();
  });

  it("forgets a board's LEDs that the core no longer knows (its session began again)", async () => {
    const fake = fakeBridge();
    const store = new LinksStore(fake.bridge);
    const release = store.retain();
    fake.emit('links:state', links('b'));
    fake.emit('board:led-status', leds('b', true));
    fake.emit('links:state', links('c'));
    fake.answer.state = links('b');
    fake.answer.leds = undefined;
    fake.emit('links:state', links('b'));
    await settle();
    expect(store.focused.leds).toBeUndefined();
    release();
  });

  it('marks every wire stale and says why while the core is lost, and asks again when it is back', async () => {
    const fake = fakeBridge();
    const store = new LinksStore(fake.bridge);
    const release = store.retain();
    fake.emit('links:state', links('b'));
    expect(store.focused.lost).toBeUndefined();
    fake.setCore({ kind: 'closed', since: 100, retryAt: 600 });
    const s = store.focused.state!;
    expect([s.ws.kind, s.http.kind, s.ftp.kind, s.serial.kind]).toEqual(['stale', 'stale', 'stale', 'stale']);
    expect(s.ws.detail).toMatch(/^Not known now: the page has lost the bench core\. Last reported: open/);
    expect(s.figures.rate).toBe(0);
    expect(store.focused.lost).toMatchObject({ since: 100, restarted: false });

    fake.setCore({ kind: 'refused', since: 100 });
    expect(store.focused.lost).toMatchObject({ restarted: true, why: expect.stringMatching(/new address/) });

    fake.answer.state = links('c');
    fake.setCore({ kind: 'open', since: 900 });
    await settle();
    expect(store.focused.lost).toBeUndefined();
    expect(store.focused.state).toEqual(links('c'));
    release();
  });
});
