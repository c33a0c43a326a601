/// <reference lib="dom" />
// The Frames page in browser mode, fed through the real FrameCapture by a synthetic tap (the same harness as
// `npm run bench -- frames --source synthetic`): filters, regex refusal, keyboard, pause and export on a known,
// fixed capture. The in-app virtual board is kept out (its link would add frames and replace the sender);
// test/e2e/frames-virtual.test.ts covers the page on the virtual board's real link.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBench, type Bench } from '../../src/main/core/bench';
import { feedSynthetic, syntheticSender } from '../../src/main/cli/frames-synthetic';
import { rendererDir } from '../../src/main/cli/paths';
import { startWebServer, type WebServer } from '../../src/main/web/server';
import { launchChromium, screenshot } from '../support/browser';

describe('Frames page', () => {
  let bench: Bench;
  let server: WebServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    bench = await createBench({
      connectOnStart: false,
      configDir: mkdtempSync(join(tmpdir(), 'frames-e2e-')),
      identity: { name: 'NUCLEO-MEM Bench', version: 'e2e', platform: 'linux' },
      heartbeatMs: 0,
      log: () => {},
      virtualBoards: () => ({
        ensureStarted: () =>
          Promise.reject(new Error('not in this test: frames come from the synthetic tap')),
      }),
    });
    // The page shows the focused board's log: the synthetic capture is the (never started) virtual board's.
    await bench.dispatch('sessions:focus', { id: 'virtual' }, { transport: 'browser' });
    server = await startWebServer({ bench, rendererDir, host: '127.0.0.1', port: 0, log: () => {} });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    await page.goto(server.url);
    await page.locator('[data-app-state="ready"]').waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await bench?.close();
  });

  // The synthetic capture is fed once, by whichever test runs first, so each test also runs alone (-t).
  let fed = false;
  const feed = () => {
    fed = true;
    // The shown board's own log, which the page shows.
    const tap = bench.frames.captures.tapFor('virtual');
    const connId = feedSynthetic(tap, 2000);
    bench.frames.senders.set(syntheticSender(tap, connId), undefined, 'virtual');
  };
  const framesPage = () =>
    page.getByRole('navigation', { name: 'Pages' }).getByText('Frames', { exact: true }).click();
  const capture = () =>
    page
      .getByTestId('frames-count')
      .filter({ hasText: /^2,0\d\d rows$/ })
      .waitFor();
  /** The Frames page showing the synthetic capture, unfiltered. */
  async function withCapture(): Promise<void> {
    await framesPage();
    if (!fed) feed();
    await capture();
  }

  it('explains itself while empty, then lists frames as they arrive', async () => {
    await framesPage();
    await page.getByText('No frames captured yet').waitFor();
    await page.getByRole('status').filter({ hasText: 'No WebSocket link' }).waitFor();
    feed();
    await capture();
    await page.getByRole('button', { name: 'http', exact: true }).click();
    await page.getByTestId('frames-count').filter({ hasText: /^2 of/ }).waitFor();
    expect(await page.getByTestId('frames-table').locator('[data-seq]').allTextContents()).toEqual([
      expect.stringMatching(
        /↑ txVirtual board · link 1http153GET \/ HTTP\/1\.1 · key dGhlIHNhbXBsZSBub25jZQ==$/,
      ),
      expect.stringMatching(
        /↓ rxVirtual board · link 1http129HTTP\/1\.1 101 Switching Protocols · accept s3pPLMBiTxaQ9kYGzzhZRbK\+xOo=$/,
      ),
    ]);
    await page.getByRole('button', { name: 'http', exact: true }).click();
  });

  it('filters by direction and by a regular expression, and refuses a dangerous one', async () => {
    await withCapture();
    await page.getByRole('button', { name: '↑ tx' }).click();
    await page
      .getByTestId('frames-count')
      .filter({ hasText: /of 2,0\d\d rows match/ })
      .waitFor();
    const rows = page.getByTestId('frames-table').locator('[data-seq]');
    for (const text of await rows.allTextContents()) expect(text).toContain('↑ tx');
    await page.getByRole('button', { name: '↑ tx' }).click();
    await page.getByRole('button', { name: 'Regular expression' }).click();
    const search = page.getByRole('textbox', { name: 'Search frames' });
    await search.fill('(a+)+$');
    await page.getByRole('alert').filter({ hasText: 'nested quantifiers' }).waitFor();
    await search.fill('led-status yellow=(true|false) red=false$');
    await page
      .getByTestId('frames-count')
      .filter({ hasText: /^\d+ of/ })
      .waitFor();
    for (const text of await rows.allTextContents())
      expect(text).toMatch(/led-status yellow=(true|false) red=false/);
    await search.fill('');
    await page.getByRole('button', { name: 'Regular expression' }).click();
  });

  it('opens a frame with the keyboard and shows its bytes', async () => {
    await withCapture();
    await page.getByRole('textbox', { name: 'Search frames' }).fill('led-command yellow=true');
    await page
      .getByTestId('frames-count')
      .filter({ hasText: /^\d+ of/ })
      .waitFor();
    const table = page.getByTestId('frames-table');
    await table.focus();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('frame-detail-body');
    await page.getByRole('tab', { name: 'Hex' }).click();
    expect(await page.getByTestId('frame-detail-body').textContent()).toMatch(
      /^00000000 {2}7b 22 74 79 70 65 22 3a/,
    );
    await screenshot(page, 'frames-e2e-detail');
    await page.getByTestId('frame-detail-body').focus();
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('frames-table');
    await page.getByRole('textbox', { name: 'Search frames' }).fill('');
    await page.getByTestId('frames-count').filter({ hasText: /rows$/ }).waitFor();
  });

  it('pauses the view while capture continues, and sends through the link', async () => {
    await withCapture();
    await page.getByTestId('frames-pause').click();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByTestId('frames-paused').filter({ hasText: 'paused — 2 new frames' }).waitFor();
    await page.getByTestId('frames-pause').click();
    await page.getByTestId('frames-table').focus();
    await page.keyboard.press('End');
    const rows = page.getByTestId('frames-table').locator('[data-seq]');
    await expect
      .poll(async () => (await rows.allTextContents()).slice(-2).map((t) => t.replace(/^\d+[\d:.]+/, '')))
      .toEqual([
        expect.stringMatching(
          /^↑ txVirtual board · link 11000text[0-9a-f]{8}5081 b2 .*led-command yellow=true$/,
        ),
        expect.stringMatching(
          /^↓ rxVirtual board · link 11000textnone6281 3eled-status yellow=true red=false$/,
        ),
      ]);
  });

  it('exports the capture as pcapng for Wireshark', async () => {
    await withCapture();
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Wireshark (pcapng)' }).last().click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^frames-virtual-board-\d{8}-\d{6}\.pcapng$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.readUInt32LE(0)).toBe(0x0a0d0d0a);
    await screenshot(page, 'frames-e2e-export');
  });
});
