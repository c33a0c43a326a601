import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));

describe('bench alarms', () => {
  it('prints one JSON line with the figures the README quotes', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', main, 'bench', 'alarms', '--rules', '20', '--boards', '2', '--seconds', '2'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    const r: unknown = JSON.parse(lines[0]!);
    expect(r).toMatchObject({ rules: 20, boards: 2, rateHz: 100, mode: 'replay', simulatedSeconds: 2 });
    expect(r).toEqual(
      expect.objectContaining({
        messages: expect.any(Number),
        transitions: expect.any(Number),
        corePct: expect.any(Number),
        cpuMsPerSimSecond: expect.any(Number),
        p99MessageUs: expect.any(Number),
      }),
    );
    // 2 boards × 100 Hz × 2 s, less what a dropped link kept back.
    expect((r as { messages: number }).messages).toBeGreaterThan(300);
  }, 90_000);

  it('says what is wrong with a flag', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', main, 'bench', 'alarms', '--rate', 'fast'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--rate must be a number from 1 to 1000, not "fast"');
  }, 90_000);
});
