import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { headerLine, telemetryLine } from '../../../../test/support/recordings';
import { until } from '../../../../test/support/wait';
import { checkReplay, openReplay, QUEUE_MESSAGES } from './replay-file';

const tmp = tempDirs('replay-file-');

/** A recording of `n` telemetry messages 10 ms apart, with a status line between each (not replayed). */
function recording(n: number): string {
  const file = join(tmp(), 'rec.ndjson');
  const lines = [headerLine()];
  for (let i = 0; i < n; i++) {
    lines.push(telemetryLine(10 * i, i));
    lines.push(JSON.stringify({ t: 10 * i + 1, dir: 'rx', op: 1, data: '{"type":"led-status"}' }));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const uptimeOf = (text: string | undefined) => Number(/"uptime":(\d+)/.exec(text ?? '')?.[1]);

describe('a replay read from its file', () => {
  it('is checked through once: its messages and its period', async () => {
    expect(await checkReplay(recording(50))).toEqual({ messages: 50, loopGapMs: 10 });
  });

  it('reads only a bounded queue ahead of the sender, and goes round the recording', async () => {
    const n = QUEUE_MESSAGES * 3;
    const replay = await openReplay(recording(n));
    expect(replay.peek()).toBeUndefined(); // nothing is read before the board boots
    replay.rewind();
    await until(() => replay.state === 'full', 'the queue to fill');
    expect(replay.queued).toBe(QUEUE_MESSAGES);
    const seen: number[] = [];
    const gaps: number[] = [];
    for (let i = 0; i < n + 2; i++) {
      const step = await until(() => replay.peek(), `message ${i}`);
      seen.push(uptimeOf(step.text));
      gaps.push(step.gapMs);
      replay.advance();
      expect(replay.queued).toBeLessThanOrEqual(QUEUE_MESSAGES);
    }
    expect(seen.slice(0, 3)).toEqual([0, 1, 2]);
    expect(seen.slice(-3)).toEqual([n - 1, 0, 1]);
    // Each pass starts after the recording's period, then keeps its recorded gaps.
    expect(new Set(gaps)).toEqual(new Set([10]));
    replay.close();
    expect(replay.state).toBe('closed');
  });

  it('starts over on rewind (a reboot)', async () => {
    const replay = await openReplay(recording(5));
    replay.rewind();
    await until(() => replay.peek(), 'the first message');
    replay.advance();
    await until(() => replay.peek(), 'the second message');
    expect(uptimeOf(replay.peek()?.text)).toBe(1);
    replay.rewind();
    expect(uptimeOf((await until(() => replay.peek(), 'the first message again')).text)).toBe(0);
    replay.close();
  });

  it('says once that it stopped when its file turns into something else while it plays', async () => {
    const file = recording(3);
    const replay = await openReplay(file);
    const errors: string[] = [];
    replay.onError = (m) => errors.push(m);
    writeFileSync(file, 'not a recording\n');
    replay.rewind();
    await until(() => replay.state === 'failed', 'the replay to stop');
    expect(errors).toEqual([
      `replay of ${file} stopped: not a NUCLEO-MEM Bench recording: the first line is not its header`,
    ]);
    expect(replay.peek()).toBeUndefined();
  });
});
