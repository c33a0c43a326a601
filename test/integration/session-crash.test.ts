import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { openSessionFile } from '../../src/main/core/flight/session-file-reader';
import { root } from '../support/processes';
import { tempDirs } from '../support/temp-dirs';
import { until } from '../support/wait';

const dirs = tempDirs('session-crash-');

/** The last `seq time` line the child wrote (each line is written whole with writeSync). */
function lastAck(file: string): { seq: number; t: number } | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const last = text.trimEnd().split('\n').at(-1);
  if (!last) return undefined;
  const [seq, t] = last.split(' ').map(Number);
  return { seq: seq!, t: t! };
}

describe('a session file survives kill -9', () => {
  it('opens after the writer is killed at 1 kHz, missing at most the last second, with no torn row', async () => {
    const dir = dirs();
    const ackFile = join(dir, 'acked.txt');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'test/support/session-child.ts'), dir, ackFile],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_c, sig) => r(sig)));
    const ready = await new Promise<{ file: string; pid: number }>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', (l) =>
        resolve(JSON.parse(l) as { file: string; pid: number }),
      );
      child.once('exit', (code) => reject(new Error(`child exited with ${code}: ${stderr}`)));
    });
    // Several seconds of rows (many chunks), then kill it hard, mid-chunk.
    await until(() => (lastAck(ackFile)?.seq ?? 0) >= 3000, '3000 rows handed over', 40_000);
    process.kill(ready.pid, 'SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const handed = lastAck(ackFile)!;
    const session = await openSessionFile(ready.file);
    expect(session.recovered).toBeDefined();
    expect(session.info?.boardId).toBe('crash-test');
    let count = 0;
    let lastT = 0;
    for await (const m of session.messages({ channels: ['telemetry'] })) {
      // Every row is whole (it parses) and none is missing before the last one kept.
      const row = JSON.parse(new TextDecoder().decode(m.data)) as { data: { seq: number } };
      expect(row.data.seq).toBe(count);
      count++;
      lastT = m.t;
    }
    await session.close();
    // The last row kept is at most one second older than the last row handed over before the kill.
    expect(count).toBeGreaterThan(2000);
    expect(handed.t - lastT).toBeLessThanOrEqual(1000);
  });
});
