import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it, onTestFinished } from 'vitest';
import { root, tempDir } from '../support/processes';

describe('npm start without an Electron binary', () => {
  it('falls back to browser mode with a one-line explanation and exits 0 on SIGINT', async () => {
    // Port 0 for the bridge and for the in-app virtual board (not its preferred 8080/8000/2121), so runs in parallel
    // with other tests or a bench in use never collide; start.mjs passes these flags through.
    const child = spawn(process.execPath, ['scripts/start.mjs', '--port', '0', '--virtual-ports', 'any'], {
      cwd: root,
      env: { ...process.env, NUCLEO_BENCH_CONFIG_DIR: tempDir(), ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    const { url } = JSON.parse(line) as { url: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(new URL(url).origin)).status).toBe(401);
    const explanation = stderr.split('\n').filter((l) => /browser mode/.test(l));
    expect(explanation).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
