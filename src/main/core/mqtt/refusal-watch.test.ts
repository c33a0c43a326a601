import { describe, expect, it } from 'vitest';
import type { QueuedMessage } from './disk-queue';
import { REFUSAL_WINDOW_MS, RefusalWatch } from './refusal-watch';

const msg = (seq: number): QueuedMessage => ({
  seq,
  kind: 'event',
  topic: 't',
  payload: 'p',
  retain: false,
  qos: 1,
});

describe('RefusalWatch', () => {
  it('blames a message only when the connection closes twice right after it, the second time with it alone', () => {
    let now = 0;
    const w = new RefusalWatch(() => now);
    expect(w.closed(msg(5))).toBeUndefined(); // once: maybe the broker just went away
    expect(w.probing).toBe(true);
    w.sent(5);
    now += 50;
    expect(w.closed(msg(5))).toEqual(msg(5));
    expect(w.probing).toBe(false);
  });

  it('clears the suspicion when the probe is acknowledged', () => {
    const w = new RefusalWatch(() => 0);
    w.closed(msg(5));
    w.sent(5);
    w.acknowledged(5);
    expect(w.probing).toBe(false);
    expect(w.closed(msg(6))).toBeUndefined();
  });

  it('does not blame a probe after a late close (a broker that hung), nor one never sent', () => {
    let now = 0;
    const w = new RefusalWatch(() => now);
    w.closed(msg(5));
    expect(w.closed(msg(5))).toBeUndefined(); // closed before the probe went out
    w.sent(5);
    now += REFUSAL_WINDOW_MS + 1;
    expect(w.closed(msg(5))).toBeUndefined();
    expect(w.probing).toBe(true); // probed again on the next connection
  });

  it('stops probing when the first message sent is another one (the suspect is gone)', () => {
    const w = new RefusalWatch(() => 0);
    w.closed(msg(5));
    w.sent(6);
    expect(w.probing).toBe(false);
  });
});
