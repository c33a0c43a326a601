import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** A socat pseudo-terminal pair: bytes written to `b` come out of `a` and back. For tests and benchmarks. */
export interface PtyPair {
  /** The end the app opens (a symlink to /dev/pts/N). */
  readonly a: string;
  /** The end a test writes the "firmware" output into. */
  readonly b: string;
  readonly pid: number;
  /** Ends socat by its PID (the device "disappears") and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts `socat -d -d pty,raw,echo=0,link=<dir>/ttyA pty,raw,echo=0,link=<dir>/ttyB` and waits until it is ready. */
export async function startPtyPair(
  dir: string,
  names: readonly [string, string] = ['ttyA', 'ttyB'],
  timeoutMs = 5000,
): Promise<PtyPair> {
  const a = join(dir, names[0]);
  const b = join(dir, names[1]);
  const child: ChildProcess = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let err = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`socat not ready within ${timeoutMs} ms: ${err}`)),
      timeoutMs,
    );
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start socat (apt-get install -y socat): ${e.message}`));
    });
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('starting data transfer loop')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`socat exited with ${code}: ${err}`));
    });
  });
  return {
    a,
    b,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGTERM');
      await exited;
    },
  };
}
