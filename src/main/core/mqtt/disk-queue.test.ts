import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { DiskQueue, type MessageKind } from './disk-queue';

const fresh = tempDirs('mqtt-queue-');

const msg = (kind: MessageKind, n: number) => ({
  kind,
  topic: `p/b/x/${kind}`,
  payload: String(n),
  retain: kind === 'status',
  qos: 1 as const,
});

function drain(q: DiskQueue): string[] {
  const out: string[] = [];
  for (let m = q.next(); m; m = q.next()) out.push(m.payload);
  return out;
}

describe('DiskQueue', () => {
  it('hands messages out in order and forgets what the broker acknowledged', () => {
    const q = new DiskQueue(fresh(), { maxMessages: 100 });
    for (let i = 1; i <= 3; i++) q.push(msg('telemetry', i));
    const a = q.next()!;
    const b = q.next()!;
    expect([a.payload, b.payload]).toEqual(['1', '2']);
    q.ack(a.seq);
    expect(q.queued).toBe(2);
    q.requeueInFlight();
    expect(drain(q)).toEqual(['2', '3']);
    q.close();
  });

  it('keeps what was not acknowledged across a restart, in order, and nothing that was', () => {
    const dir = fresh();
    const q1 = new DiskQueue(dir, { maxMessages: 100 });
    for (let i = 1; i <= 5; i++) q1.push(msg(i === 3 ? 'status' : 'telemetry', i));
    const first = q1.next()!;
    q1.ack(first.seq);
    q1.next(); // in flight when the app stops: sent again next time
    q1.close();
    const q2 = new DiskQueue(dir, { maxMessages: 100 });
    expect(q2.queued).toBe(4);
    expect(drain(q2)).toEqual(['2', '3', '4', '5']);
    // Sequences continue after the restart.
    expect(q2.push(msg('telemetry', 6)).seq).toBe(6);
    q2.close();
  });

  it('drops the oldest telemetry at the cap, never status or events, and counts it across restarts', () => {
    const dir = fresh();
    const q = new DiskQueue(dir, { maxMessages: 3 });
    q.push(msg('status', 1));
    q.push(msg('telemetry', 2));
    q.flush(); // 2 is on disk: its drop needs a tombstone
    q.push(msg('telemetry', 3));
    q.push(msg('event', 4));
    q.push(msg('telemetry', 5));
    expect(q.queued).toBe(3);
    expect(q.dropped).toBe(2);
    q.close();
    const q2 = new DiskQueue(dir, { maxMessages: 3 });
    expect(q2.dropped).toBe(2);
    expect(drain(q2)).toEqual(['1', '4', '5']);
    q2.push(msg('status', 6));
    expect(q2.queued).toBe(4); // over the cap with nothing droppable: status is kept
    q2.close();
  });

  it('keeps a damaged cursor aside and sends everything on disk again (at least once), keeping a bad count alone', () => {
    const dir = fresh();
    const q1 = new DiskQueue(dir, { maxMessages: 100 });
    for (let n = 1; n <= 3; n++) q1.push(msg('event', n));
    q1.flush(); // on disk before the broker acknowledges the first
    q1.ack(q1.next()!.seq);
    q1.close();
    expect(JSON.parse(readFileSync(join(dir, 'cursor.json'), 'utf8'))).toMatchObject({ done: 1, dropped: 0 });

    writeFileSync(join(dir, 'cursor.json'), '{"done":');
    const logs: string[] = [];
    const q2 = new DiskQueue(dir, { maxMessages: 100, log: (m) => logs.push(m) });
    expect(drain(q2)).toEqual(['1', '2', '3']);
    expect(readdirSync(dir).filter((f) => f.startsWith('cursor.json.damaged-'))).toHaveLength(1);
    expect(logs.join('\n')).toMatch(
      /MQTT queue: cursor\.json could not be used \(it is not valid JSON\); it was kept as/,
    );
    q2.close();

    // A bad count alone: the position is kept, the count starts again.
    writeFileSync(join(dir, 'cursor.json'), JSON.stringify({ done: 2, dropped: -5 }));
    const q3 = new DiskQueue(dir, { maxMessages: 100 });
    expect(q3.dropped).toBe(0);
    expect(drain(q3)).toEqual(['3']);
    q3.close();
  });

  it('skips a torn last line after a crash', () => {
    const dir = fresh();
    const q = new DiskQueue(dir, { maxMessages: 10 });
    q.push(msg('telemetry', 1));
    q.close();
    const seg = readdirSync(dir).find((f) => f.endsWith('.ndjson'))!;
    appendFileSync(join(dir, seg), '{"s":2,"k":"telem');
    const q2 = new DiskQueue(dir, { maxMessages: 10 });
    expect(drain(q2)).toEqual(['1']);
    q2.close();
  });

  it('removes segment files once everything in them is done', () => {
    const dir = fresh();
    const q = new DiskQueue(dir, { maxMessages: 1000, segmentBytes: 200 });
    for (let i = 0; i < 20; i++) {
      q.push(msg('telemetry', i));
      q.flush();
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.ndjson')).length).toBeGreaterThan(3);
    for (let m = q.next(); m; m = q.next()) q.ack(m.seq);
    q.flush();
    expect(readdirSync(dir).filter((f) => f.endsWith('.ndjson')).length).toBeLessThanOrEqual(1);
    q.close();
    expect(new DiskQueue(dir, { maxMessages: 10 }).queued).toBe(0);
  });

  it('refuses a queue another live process holds, and takes over one a dead process left', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'lock'), String(process.ppid)); // alive: the test runner's parent
    expect(() => new DiskQueue(dir, { maxMessages: 10 })).toThrow(/in use by another bench process/);
    writeFileSync(join(dir, 'lock'), '999999999'); // no such process
    const q = new DiskQueue(dir, { maxMessages: 10 });
    expect(readFileSync(join(dir, 'lock'), 'utf8')).toBe(String(process.pid));
    q.close();
    expect(existsSync(join(dir, 'lock'))).toBe(false);
  });
});
