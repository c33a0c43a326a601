import { afterEach, describe, expect, it, vi } from 'vitest';
import { until } from '../../../../test/support/wait';
import type { TransfersSnapshot } from '../../../shared/bridge/contracts/files';
import { TransferBatch } from './conflict-policy';
import {
  MAX_FINISHED_TRANSFERS,
  MAX_OPEN_TRANSFERS,
  TransferQueue,
  type ConflictFound,
  type TransferTask,
} from './transfer-queue';

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

const conflict: ConflictFound = { existing: { size: 1 }, incoming: { size: 2 }, renameTo: 'x (1)' };

/** The item states, joined, for waiting on a whole queue at once. */
const states = (q: TransferQueue) =>
  q
    .snapshot()
    .items.map((i) => i.state)
    .join(' ');

describe('transfer queue', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

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
    await until(() => states(q) === 'running queued', 'a running, b queued', 3000);
    a.progress(40);
    expect(q.snapshot()).toMatchObject({ totalBytes: 200, doneBytes: 40, active: true });
    a.release();
    await until(() => states(q) === 'done running', 'a done, b running', 3000);
    b.release();
    await until(() => states(q) === 'done done', 'both done', 3000);
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
    await until(() => !q.snapshot().active, 'the batch to finish', 3000);
    expect(states(q)).toBe('done done done');
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
    await until(() => !q2.snapshot().active, 'the skip', 3000);
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
    await until(() => q.isRunning(ids[0]!), 'a running', 3000);
    expect(q.cancel(ids[1])).toBe(1);
    expect(q.cancel(ids[0])).toBe(1);
    await until(() => q.isRunning(ids[2]!), 'c running after a and b were cancelled', 3000);
    expect(states(q)).toBe('cancelled cancelled running');
    expect(q.cancel()).toBe(1);
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
    await until(() => !q.snapshot().active, 'both tasks to end', 3000);
    expect(q.snapshot().items.map((i) => [i.state, i.message])).toEqual([
      ['failed', 'The board closed the FTP data connection after 1 MB of 2 MB'],
      ['done', undefined],
    ]);
  });

  it('throttles snapshots to the interval', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let now = 1000;
    const sent: TransfersSnapshot[] = [];
    const q = new TransferQueue(
      (s) => sent.push(s),
      async () => ({ action: 'skip', applyToAll: false }),
      100,
      () => now,
    );
    const a = fakeTask('a', new TransferBatch(), { size: 1000 });
    const [id] = q.add([a.task]);
    await until(() => q.isRunning(id!), 'a running', 3000);
    const before = sent.length;
    for (let i = 1; i <= 50; i++) a.progress(i * 10);
    expect(sent.length).toBe(before);
    now += 99;
    vi.advanceTimersByTime(99);
    expect(sent.length).toBe(before);
    now += 1;
    vi.advanceTimersByTime(1);
    expect(sent.length).toBe(before + 1);
    expect(sent.at(-1)?.items[0]?.bytes).toBe(500);
    q.close();
  });
});

describe('transfer queue bounds', () => {
  const waiting = (name: string): TransferTask => ({
    direction: 'upload',
    remote: `/${name}`,
    name,
    size: 1,
    batch: new TransferBatch(),
    conflict: () => new Promise<undefined>(() => {}),
    run: async () => undefined,
    abort: () => undefined,
  });

  it(`refuses more than ${MAX_OPEN_TRANSFERS} open transfers in words, and keeps what it holds`, () => {
    let last: TransfersSnapshot | undefined;
    const q = new TransferQueue(
      (s) => (last = s),
      async () => ({ action: 'skip', applyToAll: false }),
      0,
    );
    q.add(Array.from({ length: MAX_OPEN_TRANSFERS - 1 }, (_, i) => waiting(`f${i}`)));
    expect(() => q.add([waiting('a'), waiting('b')])).toThrow(
      /takes at most 10,000 transfers at once; it holds 9,999 and these are 2 more/,
    );
    expect(q.add([waiting('last')])).toHaveLength(1);
    expect(last?.items).toHaveLength(MAX_OPEN_TRANSFERS);
    q.close();
  });

  it(`keeps the newest ${MAX_FINISHED_TRANSFERS} finished items`, async () => {
    let last: TransfersSnapshot | undefined;
    const q = new TransferQueue(
      (s) => (last = s),
      async () => ({ action: 'skip', applyToAll: false }),
      0,
    );
    q.add(Array.from({ length: MAX_FINISHED_TRANSFERS + 500 }, (_, i) => waiting(`f${i}`)));
    q.cancel();
    q.add([waiting('new')]);
    expect(last?.items).toHaveLength(MAX_FINISHED_TRANSFERS + 1);
    expect(last?.items[0]?.name).toBe('f500');
    q.close();
  });
});
