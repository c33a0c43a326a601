import { describe, expect, it } from 'vitest';
import type { ReviewedRun, RunsState, RunSummary } from '../../../../shared/bridge/contracts/runs';
import { fail, ok } from '../../../../shared/result';
import { fakeBridge, settle } from '../../../../../test/support/fake-bridge';
import { LIVE_MARKERS_KEPT, runAt, RunsStore } from './runs-store';

const summary = (id: string, live = false): RunSummary => ({
  id,
  boardId: 'virtual',
  boardName: 'Virtual board',
  boardKind: 'virtual',
  started: 1000,
  ended: 61_000,
  bytes: 2048,
  markers: 0,
  live,
  source: 'bench',
});
const state = (...runs: RunSummary[]): RunsState => ({
  runs,
  usedBytes: 2048 * runs.length,
  budgetBytes: 5e9,
  recording: true,
});
const reviewed = (reviewId: string, id: string): ReviewedRun => ({
  reviewId,
  run: summary(id),
  series: ['junctionTemp'],
  from: 1000,
  to: 61_000,
  counts: {},
  markers: [],
  reboots: [],
});

describe('RunsStore', () => {
  it('asks for the list once, follows runs:changed while listened to, and stops listening after', async () => {
    const fake = fakeBridge((name) =>
      name === 'runs:list' ? ok(state(summary('virtual/a.mcap'))) : ok(null),
    );
    const store = new RunsStore(fake.bridge);
    const off = store.subscribe(() => {});
    await settle();
    expect(store.snapshot().state?.runs.map((r) => r.id)).toEqual(['virtual/a.mcap']);
    fake.emit('runs:changed', state(summary('virtual/b.mcap', true), summary('virtual/a.mcap')));
    expect(store.snapshot().state?.runs[0]!.live).toBe(true);
    fake.emit('runs:marker', { boardId: 'virtual', t: 5, note: 'probe on', source: 'user', kind: 'marker' });
    expect(store.snapshot().liveMarker?.note).toBe('probe on');
    off();
    expect(fake.listening()).toBe(0);
    expect(fake.asked.filter((a) => a.name === 'runs:list')).toHaveLength(1);
  });

  it("keeps each board's live markers apart, the newest LIVE_MARKERS_KEPT, for the live charts' PNG", async () => {
    const fake = fakeBridge((name) => (name === 'runs:list' ? ok(state()) : ok(null)));
    const store = new RunsStore(fake.bridge);
    store.subscribe(() => {});
    const marker = (boardId: string, t: number, note: string) =>
      fake.emit('runs:marker', { boardId, t, note, source: 'bench', kind: 'reboot' });
    marker('virtual', 1, 'a');
    marker('bench-b', 2, 'b');
    marker('virtual', 3, 'c');
    expect(store.snapshot().liveMarkers.get('virtual')).toEqual([
      { t: 1, note: 'a', source: 'bench', kind: 'reboot' },
      { t: 3, note: 'c', source: 'bench', kind: 'reboot' },
    ]);
    expect(
      store
        .snapshot()
        .liveMarkers.get('bench-b')
        ?.map((m) => m.note),
    ).toEqual(['b']);
    for (let i = 0; i < LIVE_MARKERS_KEPT; i++) marker('virtual', 10 + i, `n${i}`);
    const kept = store.snapshot().liveMarkers.get('virtual')!;
    expect(kept).toHaveLength(LIVE_MARKERS_KEPT);
    expect(kept[0]!.note).toBe('n0');
  });

  it('exports a reviewed window with only the window fields', async () => {
    const fake = fakeBridge(() => ok({ file: '/x.csv', rows: 3, bytes: 10 }));
    const store = new RunsStore(fake.bridge);
    const w = { reviewId: 'review-1', fromT: 1, toT: 2, extra: true };
    expect(await store.exportCsv(w)).toEqual(ok({ file: '/x.csv', rows: 3, bytes: 10 }));
    expect(fake.asked).toEqual([
      { name: 'runs:export-csv', request: { reviewId: 'review-1', fromT: 1, toT: 2 } },
    ]);
  });

  it('does not let an older list answer overwrite a newer runs:changed', async () => {
    let answer: (v: unknown) => void = () => {};
    const fake = fakeBridge(() => new Promise((r) => (answer = r)));
    const store = new RunsStore(fake.bridge);
    store.subscribe(() => {});
    fake.emit('runs:changed', state(summary('virtual/new.mcap')));
    answer(ok(state()));
    await settle();
    expect(store.snapshot().state?.runs.map((r) => r.id)).toEqual(['virtual/new.mcap']);
  });

  it('opens a run, lays a second over it, and closes both reviews when another run is opened', async () => {
    let n = 0;
    const fake = fakeBridge((name, req) => {
      if (name === 'runs:open') return ok(reviewed(`r${++n}`, (req as { id: string }).id));
      return ok(undefined);
    });
    const store = new RunsStore(fake.bridge);
    expect(await store.open('virtual/a.mcap')).toBeUndefined();
    expect(store.snapshot().review?.reviewId).toBe('r1');
    expect(await store.openCompare('virtual/b.mcap')).toBeUndefined();
    expect(store.snapshot().compare?.reviewId).toBe('r2');
    await store.open('virtual/c.mcap');
    expect(store.snapshot().review?.reviewId).toBe('r3');
    expect(store.snapshot().compare).toBeUndefined();
    const closed = fake.asked.filter((a) => a.name === 'runs:close').map((a) => a.request);
    expect(closed).toEqual([{ reviewId: 'r1' }, { reviewId: 'r2' }]);
    await store.close();
    expect(store.snapshot().review).toBeUndefined();
  });

  it("says in the core's words why opening or deleting failed, and changes nothing then", async () => {
    const fake = fakeBridge(() =>
      fail('CONFLICT', 'That session is being recorded: stop watching its board first.'),
    );
    const store = new RunsStore(fake.bridge);
    expect(await store.remove('virtual/a.mcap')).toBe(
      'That session is being recorded: stop watching its board first.',
    );
    expect(await store.open('virtual/a.mcap')).toMatch(/being recorded/);
    expect(store.snapshot().review).toBeUndefined();
  });

  it('marks the reviewed run at a time, or the live board now, and lists the review marker in order', async () => {
    const fake = fakeBridge((name, req) => {
      if (name === 'runs:open')
        return ok({
          ...reviewed('r1', 'virtual/a.mcap'),
          markers: [{ t: 9000, note: 'x', source: 'user', kind: 'marker' }],
        });
      if (name === 'runs:mark') {
        const r = req as { t?: number; note: string };
        return ok({ t: r.t ?? 123, note: r.note, source: 'user', kind: 'marker' });
      }
      return ok(undefined);
    });
    const store = new RunsStore(fake.bridge);
    expect(await store.markReview(5000)).toBe('No run is open for review.');
    await store.open('virtual/a.mcap');
    expect(await store.markReview(5000, 'fan off')).toBeUndefined();
    expect(store.snapshot().review?.markers.map((m) => m.t)).toEqual([5000, 9000]);
    expect(store.snapshot().review?.run.markers).toBe(2);
    const live = await store.markLive('virtual');
    expect(live.ok && live.value.t).toBe(123);
    const marks = fake.asked.filter((a) => a.name === 'runs:mark').map((a) => a.request);
    expect(marks).toEqual([
      { reviewId: 'r1', t: 5000, note: 'fan off' },
      { boardId: 'virtual', note: '' },
    ]);
  });

  it('offers "Open file…" only in the desktop app, and sends window requests with the contract\'s fields only', async () => {
    const web = fakeBridge(() => ok(undefined), 'browser');
    expect(new RunsStore(web.bridge).canOpenFile).toBe(false);
    const desk = fakeBridge(() => ok(undefined), 'electron');
    const store = new RunsStore(desk.bridge);
    expect(store.canOpenFile).toBe(true);
    // A caller's key may carry more than the window (the charts' point count): only the window is sent.
    const key = { reviewId: 'r1', fromT: 0, toT: 10, points: 1600 };
    await store.telemetry(key, 100_000);
    await store.frames(key);
    expect(desk.asked.map((a) => a.request)).toEqual([
      { reviewId: 'r1', fromT: 0, toT: 10, maxPoints: 20_000 },
      { reviewId: 'r1', fromT: 0, toT: 10, limit: 500 },
    ]);
  });

  it('finds the run of a board that holds a moment: a finished one by its span, a live one from its start on', () => {
    const old = { ...summary('virtual/a.mcap'), started: 1000, ended: 5000 };
    const live = { ...summary('virtual/b.mcap', true), started: 6000, ended: 6500 };
    const other = { ...summary('virtual-2/c.mcap'), boardId: 'virtual-2', started: 0, ended: 99_999 };
    const file = { ...summary('file:x'), source: 'file' as const, started: 0, ended: 99_999 };
    const list = [live, old, other, file];
    expect(runAt(list, 'virtual', 3000)?.id).toBe('virtual/a.mcap');
    expect(runAt(list, 'virtual', 90_000)?.id).toBe('virtual/b.mcap');
    expect(runAt(list, 'virtual', 5500)).toBeUndefined();
    expect(runAt(list, 'virtual', 500)).toBeUndefined();
  });

  it("opens the run that holds an alarm's moment, asking the list afresh, or says why there is none", async () => {
    const fake = fakeBridge((name) =>
      name === 'runs:list'
        ? ok(state({ ...summary('virtual/b.mcap', true), started: 6000, ended: 6500 }))
        : name === 'runs:open'
          ? ok(reviewed('r1', 'virtual/b.mcap'))
          : ok(null),
    );
    const store = new RunsStore(fake.bridge);
    expect(await store.openAt('virtual', 9000)).toBeUndefined();
    expect(fake.asked.map((a) => a.name)).toEqual(['runs:list', 'runs:open']);
    expect(fake.asked[1]!.request).toEqual({ id: 'virtual/b.mcap' });
    expect(store.snapshot().review?.reviewId).toBe('r1');
    expect(await store.openAt('virtual', 100, 'Virtual board')).toMatch(
      /^No kept session of Virtual board holds .*: the flight recorder was off then/,
    );
  });
});
