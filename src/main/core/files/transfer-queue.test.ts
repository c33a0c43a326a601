import { describe, expect, it } from 'vitest';
import type { TransfersSnapshot } from '../../../shared/bridge/contracts/files';
import { TransferBatch } from './conflict-policy';
import { TransferQueue, type ConflictFound, type TransferTask } from './transfer-queue';

/** A task whose run waits until the test lets it finish. */
function fakeTask(
  name: string,
  batch: TransferBatch,
  opts: { size?: number; conflict?: ConflictFound; fail?: string } = {},
) {
  let release!: () => void;
  let reject!: (e: Error) => void;
  const decisions: unknown[] = [];
  let progress: (b: number) => void = () => undefined;
  const gate = new Promise<void>((res, rej) => ((release = res), (reject = rej)));
  const task: TransferTask = {
    direction: 'upload',
    remote: `/${name}`,
    name,
    size: opts.size ?? 100,
    batch,
    conflict: async () => opts.conflict,
    run: async (d, p) => {
      decisions.push(d);
      progress = p;
      await gate;
      if (opts.fail) throw new Error(opts.fail);
      return undefined;
    },
    abort: () => reject(new Error('aborted')),
  };
  return { task, release, decisions, progress: (b: number) => progress(b) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const conflict: ConflictFound = { existing: { size: 1 }, incoming: { size: 2 }, renameTo: 'x (1)' };

describe('transfer queue', () => {
  it('runs one at a time, with per-item and total progress', async () => {
    const q = new TransferQueue(
      () => undefined,
      async () => ({ action: 'skip', applyToAll: false }),
      0,
    );
    const batch = new TransferBatch();
    const a = fakeTask('a', batch);
    const b = fakeTask('b', batch);
    q.add([a.task, b.task]);
    await tick();
    expect(q.snapshot().items.map((i) => i.state)).toEqual(['running', 'queued']);
    a.progress(40);
    expect(q.snapshot()).toMatchObject({ totalBytes: 200, doneBytes: 40, active: true });
    a.release();
    await tick();
    await tick();
    expect(q.snapshot().items.map((i) => i.state)).toEqual(['done', 'running']);
    b.release();
    await tick();
    await tick();
    expect(q.snapshot()).toMatchObject({ doneBytes: 200, active: false });
  });

  it('asks about a conflict once when the answer applies to all, and honours skip and rename', async () => {
    const asked: string[] = [];
    const q = new TransferQueue(
      () => undefined,
      async (question) => (asked.push(question.name), { action: 'rename', applyToAll: true }),
      0,
    );
    const batch = new TransferBatch();
    const tasks = ['a', 'b', 'c'].map((n) => fakeTask(n, batch, { conflict }));
    tasks.forEach((t) => t.release());
    q.add(tasks.map((t) => t.task));
    for (let i = 0; i < 10; i++) await tick();
    expect(asked).toEqual(['a']);
    expect(tasks.map((t) => t.decisions[0])).toEqual([
      { rename: 'x (1)' },
      { rename: 'x (1)' },
      { rename: 'x (1)' },
    ]);

    const other = new TransferBatch();
    const q2 = new TransferQueue(
      () => undefined,
      async () => ({ action: 'skip', applyToAll: false }),
      0,
    );
    const s = fakeTask('s', other, { conflict });
    q2.add([s.task]);
    for (let i = 0; i < 5; i++) await tick();
    expect(q2.snapshot().items[0]?.state).toBe('skipped');
    expect(s.decisions).toEqual([]);
  });

  it('cancels a running item, a queued one, and all', async () => {
    const q = new TransferQueue(
      () => undefined,
      async () => ({ action: 'skip', applyToAll: false }),
      0,
    );
    const batch = new TransferBatch();
    const t = ['a', 'b', 'c'].map((n) => fakeTask(n, batch));
    const ids = q.add(t.map((x) => x.task));
    await tick();
    expect(q.cancel(ids[1])).toBe(1);
    expect(q.cancel(ids[0])).toBe(1);
    await tick();
    await tick();
    expect(q.snapshot().items.map((i) => i.state)).toEqual(['cancelled', 'cancelled', 'running']);
    expect(q.cancel()).toBe(1);
    await tick();
    expect(q.snapshot().active).toBe(false);
    expect(q.clearFinished()).toBe(3);
  });

  it('reports a failure in the task words and goes on', async () => {
    const q = new TransferQueue(
      () => undefined,
      async () => ({ action: 'skip', applyToAll: false }),
      0,
    );
    const batch = new TransferBatch();
    const bad = fakeTask('bad', batch, {
      fail: 'The board closed the FTP data connection after 1 MB of 2 MB',
    });
    const good = fakeTask('good', batch);
    bad.release();
    good.release();
    q.add([bad.task, good.task]);
    for (let i = 0; i < 10; i++) await tick();
    expect(q.snapshot().items.map((i) => [i.state, i.message])).toEqual([
      ['failed', 'The board closed the FTP data connection after 1 MB of 2 MB'],
      ['done', undefined],
    ]);
  });

  it('throttles snapshots to the interval', async () => {
    let now = 1000;
    const sent: TransfersSnapshot[] = [];
    const q = new TransferQueue(
      (s) => sent.push(s),
      async () => ({ action: 'skip', applyToAll: false }),
      100,
      () => now,
    );
    const a = fakeTask('a', new TransferBatch(), { size: 1000 });
    q.add([a.task]);
    await tick();
    const before = sent.length;
    for (let i = 1; i <= 50; i++) a.progress(i * 10);
    expect(sent.length).toBe(before);
    now += 150;
    await new Promise((r) => setTimeout(r, 120));
    expect(sent.length).toBe(before + 1);
    expect(sent.at(-1)?.items[0]?.bytes).toBe(500);
    q.close();
  });
});
