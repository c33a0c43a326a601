import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** Repository root. */
export const root = resolve(__dirname, '../..');

/** A CLI process started for a test, with the JSON line it printed when ready. */
export interface CliProcess<T> {
  readonly child: ChildProcess;
  readonly ready: T;
  /** Everything written on stderr so far. */
  stderr(): string;
  /** Sends SIGINT (or `signal`) and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `src/main/cli/main.ts <args>` with tsx and waits for its first stdout line (JSON). */
export async function startCli<T>(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliProcess<T>> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/main/cli/main.ts'), ...args], {
    cwd: root,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const line = await new Promise<string>((resolveLine, reject) => {
    const rl = createInterface({ input: child.stdout! });
    const timer = setTimeout(
      () => reject(new Error(`no ready line within ${opts.timeoutMs ?? 30000} ms; stderr: ${err}`)),
      opts.timeoutMs ?? 30_000,
    );
    rl.once('line', (l) => {
      clearTimeout(timer);
      resolveLine(l);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ready; stderr: ${err}`));
    });
  });
  return {
    child,
    ready: JSON.parse(line) as T,
    stderr: () => err,
    async stop(signal = 'SIGINT') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

/** A fresh temporary directory. */
export function tempDir(prefix = 'bench-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
