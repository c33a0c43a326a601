// A reviewed run's frame detail in a real bench core: a frame of the Frames tab read back from the session file
// with its bytes, in the shape the live Frames page's detail pane gets (`runs:frame-detail`, docs/sessions.md).
import { afterEach, describe, expect, it } from 'vitest';
import type { Bench } from '../../src/main/core/bench';
import type { ReviewedRun, RunFrames, RunsState } from '../../src/shared/bridge/contracts/runs';
import type { FrameDetail } from '../../src/shared/frames/types';
import type { Result } from '../../src/shared/result';
import { caller, testBench } from '../support/bench';
import { tempDirs } from '../support/temp-dirs';
import { until } from '../support/wait';

const dirs = tempDirs('review-frame-detail-');
const benches: Bench[] = [];
afterEach(async () => {
  for (const b of benches.splice(0)) await b.close();
});

describe("a reviewed run's frame detail", () => {
  it('gives a recorded frame its bytes, text and decoded JSON, as the live detail pane has them', async () => {
    const dir = dirs();
    // Record a short run: telemetry from the board, and an LED command the bench sent.
    const first = await testBench(dir);
    benches.push(first);
    const call1 = caller(() => first);
    let telemetry = 0;
    first.telemetry.pipeline.tap((id, r) => {
      if (id === 'virtual' && r.dir === 'rx' && r.data?.startsWith('{"type":"telemetry"')) telemetry++;
    });
    await first.virtualBoards.service('virtual').ensureStarted();
    await call1('vboard:configure', { boardId: 'virtual', telemetryMs: 50 });
    await until(
      async () => (await call1<RunsState>('runs:list', {})).runs.find((r) => r.live),
      'the live run',
      30_000,
    );
    await until(() => telemetry >= 5, 'telemetry from the board', 30_000);
    await call1('board:set-led', { led: 'yellow', state: true, boardId: 'virtual' });
    await until(() => telemetry >= 10, 'more telemetry after the LED command', 30_000);
    await first.close();
    benches.splice(0);

    const b = await testBench(dir, { connectOnStart: false });
    benches.push(b);
    const call = caller(() => b);
    const [run] = (await call<RunsState>('runs:list', {})).runs;
    const review = await call<ReviewedRun>('runs:open', { id: run!.id });
    const { rows } = await call<RunFrames>('runs:frames', {
      reviewId: review.reviewId,
      fromT: review.from,
      toT: review.to,
      limit: 5000,
    });

    const command = rows.find((r) => r.dir === 'tx' && r.msgType === 'led-command');
    expect(command, 'the LED command among the frames').toBeDefined();
    const detail = await call<FrameDetail>('runs:frame-detail', {
      reviewId: review.reviewId,
      seq: command!.seq,
      t: command!.t,
    });
    expect(detail.row).toEqual(command);
    expect(JSON.parse(detail.text!)).toEqual({ type: 'led-command', led: 'yellow', state: true });
    expect(JSON.parse(detail.json!)).toEqual({ type: 'led-command', led: 'yellow', state: true });
    expect(detail.keptBytes).toBe(Buffer.byteLength(detail.text!));
    expect(Buffer.from(detail.base64, 'base64').toString('utf8')).toBe(detail.text);
    expect(detail.hexDump).toMatch(/^00000000 {2}7b 22 74 79 70 65/); // {"type

    const sample = rows.find((r) => r.dir === 'rx' && r.msgType === 'telemetry');
    const tel = await call<FrameDetail>('runs:frame-detail', {
      reviewId: review.reviewId,
      seq: sample!.seq,
      t: sample!.t,
    });
    expect(tel.row.seq).toBe(sample!.seq);
    expect(JSON.parse(tel.json!)).toMatchObject({ type: 'telemetry', data: { uptime: expect.any(Number) } });

    // A TCP event row has its detail too (no payload).
    const tcp = rows.find((r) => r.kind === 'event');
    expect(tcp, 'a TCP event among the rows').toBeDefined();
    const ev = await call<FrameDetail>('runs:frame-detail', {
      reviewId: review.reviewId,
      seq: tcp!.seq,
      t: tcp!.t,
    });
    expect(ev).toMatchObject({ row: tcp, keptBytes: 0, text: undefined, json: undefined });

    // A row that is not there, and a review that is not open, are refused in words.
    const missing = (await b.dispatch(
      'runs:frame-detail',
      { reviewId: review.reviewId, seq: command!.seq, t: review.from - 60_000 },
      { transport: 'browser' },
    )) as Result<FrameDetail>;
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/^Row #/) },
    });
    const closed = (await b.dispatch(
      'runs:frame-detail',
      { reviewId: 'nope', seq: 1, t: review.from },
      { transport: 'browser' },
    )) as Result<FrameDetail>;
    expect(closed.ok).toBe(false);
  });
});
