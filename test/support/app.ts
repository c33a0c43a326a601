import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { startCli, tempDir, type CliProcess } from './processes';

/** Browser mode started on port 0 with a fresh config dir, and a Chromium page on it. */
export interface AppFixture {
  readonly web: CliProcess<{ url: string }>;
  readonly browser: Browser;
  /** The page's URL with its token, as `web` printed it. */
  readonly url: string;
  /** The page's origin (no token). */
  readonly origin: string;
  readonly configDir: string;
  /** Opens a page at the app, sized as asked, and waits for the readiness marker. */
  open(size?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Starts the app in browser mode (with extra flags and environment) and Chromium. Needs `npm run build` first. */
export async function startApp(extraArgs: string[] = [], env?: NodeJS.ProcessEnv): Promise<AppFixture> {
  const configDir = tempDir('bench-config-');
  const args = ['web', '--port', '0', '--config-dir', configDir, '--virtual-ports', 'any', ...extraArgs];
  const web = await startCli<{ url: string }>(args, env ? { env } : {});
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (err) {
    await web.stop();
    throw err;
  }
  return {
    web,
    browser,
    url: web.ready.url,
    origin: new URL(web.ready.url).origin,
    configDir,
    async open(size = { width: 1280, height: 800 }) {
      const page = await browser.newPage({ viewport: size });
      await page.goto(web.ready.url);
      await page.locator('[data-app-state="ready"]').waitFor({ timeout: 30_000 });
      return page;
    },
    async close() {
      await browser.close();
      await web.stop();
    },
  };
}
