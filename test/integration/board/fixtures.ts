import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmmc, type Emmc } from '../../../src/main/board/emmc';

/** A temp directory (removed by `cleanup`) with an opened virtual eMMC on it, and the lines its servers logged. */
export async function tempEmmc(
  opts: { capacityBytes?: number; seed?: boolean } = {},
): Promise<{ dir: string; root: string; emmc: Emmc; logs: string[]; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'board2-'));
  const root = join(dir, 'emmc');
  const logs: string[] = [];
  const emmc = await openEmmc({
    root,
    capacityBytes: opts.capacityBytes,
    seedDir: opts.seed ? undefined : null,
    log: (m) => logs.push(m),
  });
  return { dir, root, emmc, logs, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs a program and resolves with its exit code, stdout and stderr (never rejects on a non-zero exit). */
export function run(
  cmd: string,
  args: string[],
  opts: { input?: string; timeoutMs?: number; cwd?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      cmd,
      args,
      { timeout: opts.timeoutMs ?? 30_000, maxBuffer: 16 * 1024 * 1024, cwd: opts.cwd, encoding: 'utf8' },
      (err, stdout, stderr) => {
        const code = err
          ? typeof (err as { code?: unknown }).code === 'number'
            ? (err as { code: number }).code
            : 1
          : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}
