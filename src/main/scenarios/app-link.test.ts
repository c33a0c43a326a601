import { describe, expect, it } from 'vitest';
import type { RawSender } from '../core/frames/raw-sender';
import type { WireState } from '../../shared/bridge/contracts/links';
import { AppLink } from './app-link';

const open: WireState = { kind: 'open', since: 1, detail: 'open' };
const waiting: WireState = {
  kind: 'waiting',
  retryAt: 5,
  reason: 'the board closed the connection',
  detail: 'waiting',
};

function harness() {
  const sent: string[] = [];
  const sender: RawSender = {
    sendText: async (t) => void sent.push(t),
    sendRaw: async () => undefined,
    ping: async () => undefined,
    close: async () => undefined,
  };
  const state: { wire: WireState; sender: RawSender | undefined; retries: number; detached: number } = {
    wire: open,
    sender,
    retries: 0,
    detached: 0,
  };
  const link = new AppLink(
    {
      sender: () => ({ sender: state.sender, reason: 'The WebSocket link is not open.' }),
      wire: () => state.wire,
      retryNow: () => state.retries++,
    },
    () => state.detached++,
  );
  return { link, sent, state };
}

describe('AppLink (a scenario on the app’s own link of a board)', () => {
  it('keeps the received text messages in order, parsed, and wakes a waiting step on one', async () => {
    const { link } = harness();
    const from = link.mark;
    const waited = link.waitFor(() => link.since(from).find((m) => m.value?.['type'] === 'led-status'), 5000);
    link.record({ t: 1, dir: 'tx', op: 1, data: '{"type":"led-command"}' });
    link.record({ t: 2, dir: 'rx', op: 2, b64: 'AA==' });
    link.record({ t: 3, dir: 'rx', op: 1, data: '{"type":"led-status","yellowLed":true,"redLed":false}' });
    expect((await waited)?.value).toMatchObject({ yellowLed: true, redLed: false });
    // Only received text frames are the board's messages.
    expect(link.since(from)).toHaveLength(1);
  });

  it('sends through the session’s sender, and says why when the session has none', async () => {
    const { link, sent, state } = harness();
    await link.sendText('{"type":"led-command","led":"yellow","state":true}');
    expect(sent).toEqual(['{"type":"led-command","led":"yellow","state":true}']);
    state.sender = undefined;
    await expect(link.sendText('x')).rejects.toThrow('The WebSocket link is not open.');
  });

  it('reads open and closed from the session’s wire, and keeps the states it entered', () => {
    const { link, state } = harness();
    expect(link.isOpen).toBe(true);
    const from = link.momentMark;
    state.wire = waiting;
    link.wireChanged(waiting);
    expect(link.isOpen).toBe(false);
    expect(link.describeState()).toBe('closed: the board closed the connection');
    expect(link.momentsSince(from).map((m) => m.state.kind)).toEqual(['waiting']);
    link.retryNow();
    expect(state.retries).toBe(1);
  });

  it('closing lets the session go (the app keeps its link) and sends no more', async () => {
    const { link, state } = harness();
    await link.close();
    await link.close();
    expect(state.detached).toBe(1);
    expect(link.isOpen).toBe(false);
    await expect(link.sendText('x')).rejects.toThrow('the scenario run has ended');
  });
});
