import { describe, expect, it } from 'vitest';
import type { OutgoingMessage } from './disk-queue';
import { RetainedTopics } from './retained-topics';

const status = (payload: string): OutgoingMessage => ({
  kind: 'status',
  topic: 'p/b/board/status',
  payload,
  retain: true,
  qos: 1,
});
const led: OutgoingMessage = { kind: 'led', topic: 'p/b/board/led', payload: 'on', retain: true, qos: 1 };
const telemetry: OutgoingMessage = {
  kind: 'telemetry',
  topic: 'p/b/board/telemetry',
  payload: '1',
  retain: false,
  qos: 1,
};

describe('RetainedTopics', () => {
  it('resends the newest message of each retained topic once the broker has it, never telemetry', () => {
    const r = new RetainedTopics();
    r.queued(status('offline'));
    r.queued(led);
    r.queued(telemetry);
    r.queued(status('online'));
    // Nothing acknowledged yet: the queue itself sends them on the next connection.
    expect(r.toResend()).toEqual([]);
    r.acknowledged(status('offline'));
    r.acknowledged(led);
    r.acknowledged(telemetry);
    // The newest status still waits: only the LED state is sent again.
    expect(r.toResend()).toEqual([led]);
    r.acknowledged(status('online'));
    expect(r.toResend()).toEqual([status('online'), led]);
  });

  it('ignores acknowledgements of messages queued by an earlier run', () => {
    const r = new RetainedTopics();
    r.acknowledged(led);
    r.queued(led);
    expect(r.toResend()).toEqual([]);
  });

  it('never resends a message that was set aside, and resends the topic again once a newer one is taken', () => {
    const r = new RetainedTopics();
    r.queued(led);
    r.acknowledged(led);
    r.queued(status('huge'));
    r.setAside(status('huge'));
    expect(r.toResend()).toEqual([led]);
    r.queued(status('online'));
    r.acknowledged(status('online'));
    expect(r.toResend()).toEqual([led, status('online')]);
  });
});
