import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WsLink, type WsLinkState } from './ws-link';

// The state machine's timing with fake timers; the refusals come from a real closed port on 127.0.0.1.
async function closedPort(): Promise<number> {
  const s = createServer();
  const port = await new Promise<number>((r) =>
    s.listen(0, '127.0.0.1', () => r((s.address() as AddressInfo).port)),
  );
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Waits on real I/O (setImmediate is not faked, and vi.waitUntil would advance the fake clock). */
async function nextState(states: WsLinkState[], kind: WsLinkState['kind']): Promise<WsLinkState> {
  const from = states.length;
  for (let i = 0; i < 100_000; i++) {
    const found = states.slice(from).find((s) => s.kind === kind);
    if (found) return found;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`no ${kind} state`);
}

describe('WsLink state machine', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('retries a refused board after 1, 2, 4, 8, 15, 15 s', async () => {
    const port = await closedPort();
    const states: WsLinkState[] = [];
    const link = new WsLink({
      host: '127.0.0.1',
      port,
      backoff: { random: () => 0.5 },
      onState: (s) => states.push(s),
    });
    link.start();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const w = (await nextState(states, 'waiting')) as Extract<WsLinkState, { kind: 'waiting' }>;
      delays.push(w.retryAt - Date.now());
      expect(w.reason).toContain('refused the connection');
      vi.advanceTimersByTime(w.retryAt - Date.now() - 1);
      expect(states.at(-1)?.kind).toBe('waiting');
      vi.advanceTimersByTime(1);
      expect(states.at(-1)).toEqual({ kind: 'connecting', attempt: i + 2 });
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 15000, 15000]);
    await link.close();
    expect(link.state).toEqual({ kind: 'idle' });
  });

  it('fails with the reason when reconnect is off, and stays idle after close()', async () => {
    const port = await closedPort();
    const states: WsLinkState[] = [];
    const link = new WsLink({ host: '127.0.0.1', port, reconnect: false, onState: (s) => states.push(s) });
    link.start();
    const f = (await nextState(states, 'failed')) as Extract<WsLinkState, { kind: 'failed' }>;
    expect(f.reason).toBe(
      `Board at 127.0.0.1:${port} refused the connection: nothing listens on port ${port} (board still booting, or its WebSocket server is not running)`,
    );
    expect(link.send('x')).toBe(false);

    const again = new WsLink({ host: '127.0.0.1', port, onState: (s) => states.push(s) });
    again.start();
    await nextState(states, 'waiting');
    await again.close();
    const n = states.length;
    vi.advanceTimersByTime(60_000);
    expect(states.length).toBe(n);
    expect(again.state.kind).toBe('idle');
  });
});
