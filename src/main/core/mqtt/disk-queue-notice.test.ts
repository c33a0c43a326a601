// Summaries of refused remote commands are queued as notices: like telemetry, they give way when the queue is full,
// so a flood of refusals during a broker outage never crowds out status, LED state or events (issue 22, point 9).
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { DiskQueue, type MessageKind } from './disk-queue';

const fresh = tempDirs('mqtt-queue-notice-');
const msg = (kind: MessageKind, n: number) => ({
  kind,
  topic: `p/b/x/${kind}`,
  payload: String(n),
  retain: false,
  qos: 1 as const,
});

describe('DiskQueue notices', () => {
  it('drops the oldest notice when full, and reloads notices after a restart', () => {
    const dir = fresh();
    const q = new DiskQueue(dir, { maxMessages: 2 });
    q.push(msg('notice', 1));
    q.flush(); // on disk: its drop needs a tombstone
    q.push(msg('event', 2));
    q.push(msg('notice', 3));
    expect(q.queued).toBe(2);
    expect(q.dropped).toBe(1);
    q.close();
    const again = new DiskQueue(dir, { maxMessages: 2 });
    const out: string[] = [];
    for (let m = again.next(); m; m = again.next()) out.push(`${m.kind}:${m.payload}`);
    expect(out).toEqual(['event:2', 'notice:3']);
    again.close();
  });
});

describe('DiskQueue alarms', () => {
  it('keeps alarm messages when full (telemetry gives way) and reloads them after a restart', () => {
    const dir = fresh();
    const q = new DiskQueue(dir, { maxMessages: 2 });
    q.push(msg('alarm', 1));
    q.push(msg('telemetry', 2));
    q.push(msg('alarm', 3));
    expect(q.dropped).toBe(1);
    q.close();
    const again = new DiskQueue(dir, { maxMessages: 2 });
    const out: string[] = [];
    for (let m = again.next(); m; m = again.next()) out.push(`${m.kind}:${m.payload}`);
    expect(out).toEqual(['alarm:1', 'alarm:3']);
    again.close();
  });
});
