// Process level: browser mode starts, answers and stops on SIGTERM although its saved MQTT settings name a FIFO and
// /dev/zero as TLS files (an older settings.json). Before, the FIFO froze the process at start, for good.
import { spawn, execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/mosquitto';
import { root, tempDir } from '../support/processes';
import { until } from '../support/wait';

const dir = tempDir('mqtt-cert-start-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('browser mode with unreadable TLS files in its saved settings', () => {
  it('starts, answers, says why the files were dropped, and stops on SIGTERM', async () => {
    const fifo = join(dir, 'ca.pem');
    execFileSync('mkfifo', [fifo]);
    const port = await freePort();
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({
        mqtt: {
          enabled: true,
          url: `mqtts://127.0.0.1:${port}`,
          caFile: fifo,
          certFile: '/dev/zero',
          keyFile: fifo,
        },
      }),
    );
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/main/cli/main.ts'), 'web', '--port', '0', '--config-dir', dir],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        // Generous: a loaded machine starts slowly; a frozen process never does.
        const timer = setTimeout(() => reject(new Error(`no ready line in 60 s; stderr: ${stderr}`)), 60_000);
        createInterface({ input: child.stdout }).once('line', (l) => (clearTimeout(timer), resolve(l)));
        child.once('exit', (code) => reject(new Error(`exited with ${code}; stderr: ${stderr}`)));
      });
      const { url } = JSON.parse(line) as { url: string };
      // Bounded, so that a frozen process fails the test instead of hanging it.
      const page = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      expect(page.status).toBe(200);
      // The publisher ran on without the files: the dropped settings are saved as dropped.
      await until(
        () =>
          /CA file ca\.pem in the settings cannot be used \(The CA file is not a regular file\)/.test(stderr),
        'the log line saying the CA file was dropped',
        20_000,
      );
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      // Only when the assertions above failed is it still running (the old code froze on the FIFO).
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
