import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { parseRecording } from '../../src/shared/recording/format';
import { root, tempDir } from '../support/processes';
import { until } from '../support/wait';

function acked(file: string): number[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map(Number);
  } catch {
    return [];
  }
}

describe('recording survives kill -9', () => {
  it('parses after the recorder process is killed and loses at most one second of records', async () => {
    const dir = tempDir('crash-rec-');
    const ackFile = join(dir, 'acked.txt');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'test/support/record-child.ts'), dir, ackFile],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
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
    // Let it record for a while (~300 records at 100 Hz), then kill it hard, mid-stream.
    await until(() => acked(ackFile).length >= 300, '300 acknowledged records', 30_000);
    process.kill(ready.pid, 'SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const handed = acked(ackFile);
    const { header, records } = parseRecording(readFileSync(ready.file, 'utf8'));
    expect(header.board).toEqual({ id: 'crash-test' });
    const seqs = records.map((r) => (JSON.parse(r.data!) as { data: { seq: number } }).data.seq);
    // In order, no holes: an earlier line is never lost.
    seqs.forEach((s, i) => expect(s).toBe(i));
    // At most one second (100 records at 100 Hz) of what was handed over is missing.
    const lost = handed.length - seqs.length;
    expect(lost).toBeLessThanOrEqual(100);
    expect(seqs.length).toBeGreaterThanOrEqual(300 - 100);
    rmSync(dir, { recursive: true, force: true });
  });
});
