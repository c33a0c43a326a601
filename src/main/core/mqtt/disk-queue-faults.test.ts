// The on-disk queue against damaged and hostile files: a cursor that would skip the queue, segment names past 12
// digits, a folder or a full disk where a segment should be. Nothing is skipped silently, a trouble is told once,
// and the queue keeps handing out messages.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { DiskQueue } from './disk-queue';

const fresh = tempDirs('mqtt-queue-faults-');

const event = (n: number) => ({
  kind: 'event' as const,
  topic: 'p/b/x/event',
  payload: String(n),
  retain: false,
  qos: 1 as const,
});
const line = (s: number) => JSON.stringify({ s, k: 'event', t: 'p/b/x/event', p: String(s), r: false, q: 1 });

function drain(q: DiskQueue): string[] {
  const out: string[] = [];
  for (let m = q.next(); m; m = q.next()) out.push(m.payload);
  return out;
}

/** A queue of three events on disk, the first acknowledged; answers its folder. */
function threeOnDisk(): string {
  const dir = fresh();
  const q = new DiskQueue(dir, { maxMessages: 100 });
  for (let n = 1; n <= 3; n++) q.push(event(n));
  q.flush();
  q.ack(q.next()!.seq);
  q.close();
  return dir;
}

describe('DiskQueue and damaged files', () => {
  it('takes a cursor past any sequence the queue can reach as damaged: kept aside, everything sent again, said once', () => {
    const dir = threeOnDisk();
    writeFileSync(join(dir, 'cursor.json'), JSON.stringify({ done: Number.MAX_SAFE_INTEGER, dropped: 0 }));
    const logs: string[] = [];
    const q = new DiskQueue(dir, { maxMessages: 100, log: (m) => logs.push(m) });
    expect(drain(q)).toEqual(['1', '2', '3']);
    expect(q.push(event(4)).seq).toBe(4); // sequences continue from the messages, not from the bad cursor
    expect(readdirSync(dir).filter((f) => f.startsWith('cursor.json.damaged-'))).toHaveLength(1);
    expect(logs.filter((m) => /the queue position was lost/.test(m))).toHaveLength(1);
    q.close();
  });

  it('keeps a cursor file of over 64 KiB aside and sends the queue from its start', () => {
    const dir = threeOnDisk();
    writeFileSync(
      join(dir, 'cursor.json'),
      JSON.stringify({ done: 3, dropped: 0, pad: 'x'.repeat(100_000) }),
    );
    const logs: string[] = [];
    const q = new DiskQueue(dir, { maxMessages: 100, log: (m) => logs.push(m) });
    expect(drain(q)).toEqual(['1', '2', '3']);
    expect(logs.join('\n')).toMatch(/cursor\.json could not be used \(it is 100\d+ bytes, over the 64 KiB/);
    q.close();
  });

  it('moves a folder named cursor.json aside instead of failing every write', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'cursor.json'));
    const logs: string[] = [];
    const q = new DiskQueue(dir, { maxMessages: 100, log: (m) => logs.push(m) });
    q.push(event(1));
    q.ack(q.next()!.seq);
    q.flush();
    q.push(event(2));
    q.flush();
    expect(logs.filter((m) => /cannot write|could not write/.test(m))).toEqual([]);
    expect(q.problem).toBeUndefined();
    q.close();
    expect(new DiskQueue(dir, { maxMessages: 100 }).queued).toBe(1);
  });

  it('reloads segment files whose names are past 12 digits, in order, and ignores an impossible sequence', () => {
    const dir = fresh();
    const big = 1_000_000_000_000; // 13 digits
    writeFileSync(join(dir, 'cursor.json'), JSON.stringify({ done: big - 2 }));
    writeFileSync(join(dir, `${big - 1}.ndjson`), `${line(big - 1)}\n`);
    writeFileSync(join(dir, `${big}.ndjson`), `${line(big)}\n${line(1e20)}\n`);
    writeFileSync(join(dir, `${big + 1}.ndjson`), `${line(big + 1)}\n`);
    const q = new DiskQueue(dir, { maxMessages: 100 });
    expect(drain(q)).toEqual([String(big - 1), String(big), String(big + 1)]);
    expect(q.push(event(0)).seq).toBe(big + 2);
    q.close();
  });

  it('skips a folder where a segment file should be when loading, and loads the rest', () => {
    const dir = fresh();
    mkdirSync(join(dir, '000000000001.ndjson'));
    writeFileSync(join(dir, '000000000002.ndjson'), `${line(2)}\n`);
    const logs: string[] = [];
    const q = new DiskQueue(dir, { maxMessages: 100, log: (m) => logs.push(m) });
    expect(drain(q)).toEqual(['2']);
    expect(logs.join('\n')).toMatch(
      /the queue file 000000000001\.ndjson cannot be read \(.*000000000001\.ndjson is not a regular file\); skipped/,
    );
    q.close();
  });

  it('tells a folder where a segment file should be once and writes the messages to another file', () => {
    const dir = fresh();
    const logs: string[] = [];
    let now = 0;
    const q = new DiskQueue(dir, { maxMessages: 100, log: (m) => logs.push(m), now: () => now });
    mkdirSync(join(dir, '000000000003.ndjson')); // made while the queue runs
    for (let n = 1; n <= 3; n++) q.push(event(n));
    q.flush();
    q.flush();
    expect(logs.filter((m) => /cannot write/.test(m))).toEqual([
      expect.stringMatching(/a folder stands where a queue file should be \(EISDIR/),
    ]);
    now += 10_000;
    q.flush();
    expect(q.problem).toBeUndefined();
    q.close();
    expect(existsSync(join(dir, '000000000004.ndjson'))).toBe(true);
    expect(drain(new DiskQueue(dir, { maxMessages: 100 }))).toEqual(['1', '2', '3']);
  });
});
