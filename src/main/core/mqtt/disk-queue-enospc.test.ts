// A full disk under the on-disk queue: told once (not at every batch), the queue goes on in memory, and what waited
// is written once the disk has room again. The disk is made full at the one call that meets it, writeSync.
import * as fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { DiskQueue } from './disk-queue';

const disk = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  return {
    ...real,
    writeSync: (...args: Parameters<typeof real.writeSync>) => {
      if (disk.full)
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return real.writeSync(...args);
    },
  };
});

const fresh = tempDirs('mqtt-queue-enospc-');
const event = (n: number) => ({
  kind: 'event' as const,
  topic: 'p/b/x/event',
  payload: String(n),
  retain: false,
  qos: 1 as const,
});

describe('DiskQueue on a full disk', () => {
  it('tells it once, keeps handing out messages, and writes them once it can again', () => {
    const dir = fresh();
    let now = 0;
    const logs: string[] = [];
    const q = new DiskQueue(dir, { maxMessages: 100, log: (m) => logs.push(m), now: () => now });
    q.push(event(1));
    q.flush();
    disk.full = true;
    q.push(event(2));
    q.push(event(3));
    for (let i = 0; i < 50; i++) {
      q.flush(); // ten a second for five seconds
      now += 100;
    }
    expect(logs.filter((m) => /cannot write/.test(m))).toEqual([
      expect.stringMatching(
        /^MQTT queue: cannot write to .*: the disk is full \(ENOSPC\)\. Messages are still sent from memory/,
      ),
    ]);
    expect(q.problem).toMatch(/^The MQTT queue cannot be written to .*: the disk is full \(ENOSPC\)\.$/);
    expect([q.next()?.payload, q.next()?.payload]).toEqual(['1', '2']); // the queue goes on in memory
    q.requeueInFlight();

    disk.full = false;
    now += 10_000;
    q.flush();
    expect(q.problem).toBeUndefined();
    expect(logs.at(-1)).toMatch(/^MQTT queue: writing to .* works again/);
    q.close();
    const again = new DiskQueue(dir, { maxMessages: 100 });
    expect([again.next()?.payload, again.next()?.payload, again.next()?.payload]).toEqual(['1', '2', '3']);
    again.close();
  });
});
