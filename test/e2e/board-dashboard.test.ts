import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startHttpServer, type HttpServerHandle } from '../../src/main/board/http';
import { launchChromium, screenshot } from '../support/browser';
import { tempEmmc } from '../integration/board/fixtures';

// The seeded dashboard, served by the virtual board's HTTP server, with no WebSocket server behind it.
let env: Awaited<ReturnType<typeof tempEmmc>>;
let http: HttpServerHandle;
let browser: Browser;

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

beforeAll(async () => {
  env = await tempEmmc({ seed: true });
  http = await startHttpServer({ port: 0, emmc: env.emmc });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await http?.close();
  env?.cleanup();
});

it('renders offline-capable, shows that it is trying to connect, and retries with backoff', async () => {
  const wsPort = await closedPort();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const external: string[] = [];
  page.on('request', (r) => {
    if (
      !r.url().startsWith(`http://127.0.0.1:${http.port}/`) &&
      !r.url().startsWith('ws://') &&
      !r.url().startsWith('data:')
    )
      external.push(r.url());
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${http.port}/?ws=${wsPort}`);
  await expect
    .poll(() => page.locator('#offlineText').textContent())
    .toContain('trying to connect to WebSocket Server');
  expect(await page.locator('#wsUrl').textContent()).toBe(`ws://127.0.0.1:${wsPort}`);
  await expect
    .poll(() => page.locator('#retryText').textContent(), { timeout: 5000 })
    .toMatch(/retrying in \d+ s/);
  await expect
    .poll(() => page.locator('#statusMsg').textContent())
    .toBe(`No answer from ws://127.0.0.1:${wsPort}`);
  expect(await page.locator('#btnYellow').isDisabled()).toBe(true);
  expect(await page.locator('#tTemp').textContent()).toBe('--');
  await screenshot(page, 'board-dashboard-connecting');

  await page.getByRole('button', { name: 'start without connecting' }).click();
  await expect.poll(() => page.locator('#statusMsg').textContent()).toBe('Working offline — no live data');
  expect(await page.locator('#log').textContent()).toContain('Switched to offline mode');
  await screenshot(page, 'board-dashboard-offline');
  expect(external).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});
