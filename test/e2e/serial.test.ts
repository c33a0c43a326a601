/// <reference lib="dom" />
import { open, type FileHandle } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPtyPair, type PtyPair } from '../../src/main/cli/pty-pair';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';
import { root, tempDir } from '../support/processes';

const bootLog = readFileSync(join(root, 'test/fixtures/firmware-boot.txt'), 'utf8').replace(/\n/g, '\r\n');

describe('Serial page in browser mode', () => {
  let app: AppFixture;
  let pair: PtyPair;
  let writer: FileHandle;
  beforeAll(async () => {
    pair = await startPtyPair(tempDir('serial-e2e-'));
    writer = await open(pair.b, 'w');
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
    await writer?.close().catch(() => undefined);
    await pair?.stop();
  });

  /** The pty open as the Serial page's input (an earlier test may have opened it; the virtual board's UART is "ok" too). */
  async function ptyOpen(page: Page): Promise<void> {
    await page.locator('[data-testid="serial-page"][data-loaded="yes"]').waitFor();
    const device = page
      .locator('[data-testid="serial-page-chip"][data-tone="ok"]')
      .filter({ hasText: /open$/ });
    if ((await device.count()) === 0) {
      await page.getByTestId('serial-path').fill(pair.a);
      await page.getByTestId('serial-connect').click();
    }
    await device.waitFor();
  }

  it("shows the virtual board's boot log, then a typed pty path's, with firmware events, search and pause", async () => {
    const page = await app.open();
    await page.keyboard.press('Control+6');
    await page.getByTestId('page-serial').waitFor();
    // The virtual board is selected at start: its UART is the Serial page's input, no device needed.
    await page.getByTestId('serial-page-chip').filter({ hasText: 'Virtual board' }).waitFor();
    await page.getByTestId('serial-line').filter({ hasText: '=== System Starting ===' }).first().waitFor();
    await page
      .getByTestId('serial-line')
      .filter({ hasText: 'Telemetry thread started (demo mode)' })
      .first()
      .waitFor();
    await screenshot(page, 'serial-virtual-board');

    await page.getByTestId('serial-path').fill(pair.a);
    await page.getByTestId('serial-connect').click();
    // "open", not "opening": bytes written while the port opens are flushed by the OS binding, as on a real port.
    await page.locator('[data-testid="serial-page-chip"][data-tone="ok"]').waitFor();
    // The source changed: a separator says so with its time, the virtual board's lines kept above it.
    const separator = page.getByTestId('serial-separator').filter({ hasText: `${pair.a} opened at` });
    await separator.waitFor();
    expect(await separator.textContent()).toMatch(/^— \/.+ opened at \d\d:\d\d:\d\d —$/);
    await page.getByTestId('serial-line').filter({ hasText: 'Telemetry thread started' }).first().waitFor();
    await screenshot(page, 'serial-separator');
    // Start from an empty scrollback so the counts below are the device's alone.
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await page.getByTestId('serial-line').first().waitFor({ state: 'detached' });

    await writer.write(bootLog);
    await writer.write('\x1b[32mgreen ANSI line\x1b[0m and \x1b[1;91mbold red\x1b[0m\r\n');
    await page.getByTestId('serial-line').filter({ hasText: 'green ANSI line' }).waitFor();
    const texts = await page.getByTestId('serial-line').allTextContents();
    expect(texts.some((t) => t.includes('=== System Starting ==='))).toBe(true);
    expect(texts.some((t) => t.includes('\x1b'))).toBe(false);
    await page.locator('[data-testid="serial-event-chip"][data-kind="ws-error"]').waitFor();
    expect(await page.locator('[data-testid="serial-events"]').textContent()).toContain('NX_NO_PACKET');
    await page.locator('[data-testid="serial-event-chip"][data-kind="psram-speed"]').first().waitFor();

    await page.getByTestId('serial-search').fill('LLMNR');
    await page.getByTestId('serial-match').filter({ hasText: '2 matches' }).waitFor();
    await page.getByRole('button', { name: 'Next match' }).click();
    await page.getByTestId('serial-match').filter({ hasText: '1 of 2' }).waitFor();
    expect(await page.locator('mark').count()).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'serial-boot-log');

    await page.getByTestId('serial-search').fill('');
    await page.getByTestId('serial-pause').click();
    await writer.write('line while paused 1\r\nline while paused 2\r\n');
    await page.getByTestId('serial-paused').filter({ hasText: '2 new lines' }).waitFor();
    expect(await page.getByTestId('serial-line').filter({ hasText: 'line while paused' }).count()).toBe(0);
    await page.getByTestId('serial-pause').click();
    await page.getByTestId('serial-line').filter({ hasText: 'line while paused 2' }).waitFor();

    await page.getByTestId('serial-toggle-hex').click();
    await page.getByTestId('serial-line').filter({ hasText: '3d 3d 3d 20 53 79 73' }).first().waitFor(); // "=== Sys"
    await screenshot(page, 'serial-hex');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByTestId('serial-toggle-hex').click();
    await screenshot(page, 'serial-1920');
  });

  it('keeps 12,000 lines bounded and virtualized, and marks an overlong line as cut', async () => {
    const page = await app.open();
    await page.keyboard.press('Control+6');
    await ptyOpen(page);
    const many =
      Array.from({ length: 12_000 }, (_, i) => `WS received: {"type":"led-command","n":${i}}`).join('\r\n') +
      '\r\n';
    await writer.write(many);
    // The burst is taken in (shown or counted as dropped) before the long line goes out, so the line is not in a
    // batch that overflowed: a dropped line is counted, never shown, and this one must be seen marked as cut.
    await page.waitForFunction(
      () => {
        const m = /^([\d,]+) lines · ([\d,]+) dropped/.exec(
          document.querySelector('[data-testid="serial-counts"]')?.textContent ?? '',
        );
        return m !== null && Number(m[1]!.replace(/,/g, '')) + Number(m[2]!.replace(/,/g, '')) >= 12_000;
      },
      undefined,
      { timeout: 30_000 },
    );
    await writer.write('y'.repeat(10_000) + '\r\nafter the long line\r\n');
    await page.getByTestId('serial-line').filter({ hasText: 'after the long line' }).waitFor();
    const counts = await page.getByTestId('serial-counts').textContent();
    // A burst far above any UART rate overflows the core's batches: what the page did not get is counted, not hidden.
    const m = /^([\d,]+) lines · ([\d,]+) dropped · 1 overlong/.exec(counts ?? '');
    expect(m, counts ?? '').not.toBeNull();
    const [shown, dropped] = [Number(m![1]!.replace(/,/g, '')), Number(m![2]!.replace(/,/g, ''))];
    expect(shown).toBeLessThanOrEqual(10_000);
    expect(shown + dropped).toBeGreaterThanOrEqual(12_000);
    expect(await page.getByTestId('serial-line').count()).toBeLessThan(120);
    expect(await page.getByTestId('serial-line').filter({ hasText: 'cut' }).count()).toBeGreaterThanOrEqual(
      1,
    );
    await page.getByTestId('serial-toggle-wrap').click();
    await page.getByTestId('serial-line').filter({ hasText: 'after the long line' }).waitFor();
    await page.mouse.move(600, 400);
    await screenshot(page, 'serial-10k-wrap');
  });

  it('shows the device lost and retrying when socat dies, and open again when it returns at the same path', async () => {
    const page = await app.open();
    await page.keyboard.press('Control+6');
    await ptyOpen(page);
    await writer.close();
    await pair.stop();
    await page
      .locator('[data-testid="serial-page-chip"][data-tone="warn"]')
      .filter({ hasText: 'retrying in' })
      .waitFor();
    await screenshot(page, 'serial-lost');
    pair = await startPtyPair(dirname(pair.a));
    writer = await open(pair.b, 'w');
    await page.locator('[data-testid="serial-page-chip"][data-tone="ok"]').waitFor();
    await writer.write('=== System Starting ===\r\n');
    await page.getByTestId('serial-line').filter({ hasText: '=== System Starting ===' }).last().waitFor();
  });
});
