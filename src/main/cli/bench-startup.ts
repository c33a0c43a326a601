// `npm run bench -- telemetry --startup`: from `npm run web` (warm build) to the first telemetry point drawn on the
// Telemetry page. Chromium is launched first (a user's browser is already open); the clock starts when npm is
// spawned and stops at the animation frame after the page's first redraw that shows a sample. One JSON line.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { launchChromium } from './chromium';
import { projectRoot } from './paths';

/** Runs `npm run web` once and times it to the first point drawn. */
export async function benchStartup(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  // A fresh data folder that opens on the Telemetry page.
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ page: 'telemetry' }));
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const t0 = Date.now();
  const child = spawn(
    'npm',
    ['run', '--silent', 'web', '--', '--port', '0', '--config-dir', dir, '--virtual-ports', 'any'],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'ignore'], detached: true },
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('npm run web printed no URL within 30 s')), 30_000);
      child.once('exit', (code) => reject(new Error(`npm run web exited (${code})`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        try {
          const u = (JSON.parse(line) as { url?: unknown }).url;
          if (typeof u === 'string') {
            clearTimeout(timer);
            resolve(u);
          }
        } catch {
          // not the ready line
        }
      });
    });
    const serverReadyMs = Date.now() - t0;
    // The printed URL carries the token (`?token=…`): add to its query, not after it.
    const pageUrl = new URL(url);
    pageUrl.searchParams.set('bench', '1');
    await page.goto(pageUrl.href);
    await page.locator('[data-app-state="ready"]').waitFor({ timeout: 30_000 });
    const appReadyMs = Date.now() - t0;
    const drawnAt = await page.waitForFunction(() => window.__benchTelemetry?.firstDrawnAt, undefined, {
      timeout: 30_000,
      polling: 'raf',
    });
    const firstPointMs = ((await drawnAt.jsonValue()) as number) - t0;
    // When the core received that sample: what is left is the board's boot and its telemetry period.
    const firstSampleMs = (await page.evaluate(() => window.__benchTelemetry!.firstSampleT!)) - t0;
    return {
      bench: 'telemetry-startup',
      serverReadyMs,
      appReadyMs,
      firstPointMs,
      firstSampleReceivedMs: firstSampleMs,
      loadAvg1m: loadavg()[0],
      cpus: cpus().length,
    };
  } finally {
    // npm and the CLI it started are one process group (detached): end that group, which this bench started.
    if (child.pid && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid, 'SIGINT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
