// The Telemetry page in Chromium over a core made in this process (no board linked), so a test feeds the pipeline
// itself through `ingest`, the path a board link uses.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createBench, type Bench } from '../../src/main/core/bench';
import { startWebServer, type WebServer } from '../../src/main/web/server';
import { launchChromium } from './browser';
import { root, tempDir } from './processes';

/** A core, browser mode on port 0 and a 1280×800 page on the Telemetry page, ready. */
export interface TelemetryPageFixture {
  readonly bench: Bench;
  readonly server: WebServer;
  readonly browser: Browser;
  readonly page: Page;
  /** The core's config and data folder (removed by close). */
  readonly dir: string;
  close(): Promise<void>;
}

/** Starts it all; needs `npx electron-vite build` first. `prefix` names the temp folder. */
export async function openTelemetryPage(prefix: string): Promise<TelemetryPageFixture> {
  const rendererDir = join(root, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('run "npx electron-vite build" first');
  const dir = tempDir(prefix);
  const bench = await createBench({
    connectOnStart: false,
    configDir: dir,
    identity: { name: 'NUCLEO-MEM Bench', version: '0', platform: 'linux' },
    log: () => {},
  });
  await bench.dispatch('settings:set', { page: 'telemetry' }, { transport: 'browser' });
  const server = await startWebServer({ bench, rendererDir, host: '127.0.0.1', port: 0, log: () => {} });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  await page.goto(server.url);
  await page.locator('[data-app-state="ready"]').waitFor();
  return {
    bench,
    server,
    browser,
    page,
    dir,
    async close() {
      await browser.close();
      await server.close();
      await bench.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
