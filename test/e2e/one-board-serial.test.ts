/// <reference lib="dom" />
// One board per page, the Serial page: with the in-app virtual board and two `npm run board` processes watched, the
// focus tours A→B→C→A (from the selector and from the Lab page). At each stop the title names the focused board, and
// the virtual board's UART lines and firmware events appear only while it is focused; back on it, its earlier lines
// are there.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AppFixture } from '../support/app';
import { bridgeUrl } from '../support/bridge';
import { screenshot } from '../support/browser';
import {
  BOARDS,
  focusBoard,
  openPage,
  openWithThreeBoards,
  useThreeBoards,
  titleNames,
  TOUR,
} from '../support/three-boards';
import { until } from '../support/wait';

/** Lines only the virtual board's UART prints (its boot log; the real boards here have no serial console). */
const VIRTUAL_LINES = [
  '=== System Starting ===',
  'DTS temperature sensor',
  'Telemetry thread started (demo mode)',
];

/** One command to the app's core over its bridge, as another page would send it: the answer as JSON text. */
function coreCall(app: AppFixture, name: string, request: unknown): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(bridgeUrl(app.url), { origin: app.origin, handshakeTimeout: 5000 });
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ t: 'invoke', id: 1, name, request })));
    ws.on('message', (data: WebSocket.RawData) => {
      const text = data.toString();
      if (!text.startsWith('{"t":"result"')) return;
      ws.close();
      resolve(text);
    });
  });
}

const count = (text: string, part: string) => text.split(part).length - 1;

async function lineTexts(page: Page): Promise<string[]> {
  return page.getByTestId('serial-line').allTextContents();
}

describe('one board per page: Serial', () => {
  const t = useThreeBoards();

  it("shows only the focused board's console, named in the title, and a board's earlier lines when back", async () => {
    const page = await openWithThreeBoards(t, { width: 1280, height: 800 });

    for (const [i, name] of TOUR.entries()) {
      await focusBoard(page, name, i % 2 === 0 ? 'selector' : 'lab');
      await openPage(page, 'serial');
      const title = await titleNames(page, name);
      expect(title).toMatch(/^Serial · /);
      for (const other of BOARDS.filter((b) => b !== name)) expect(title).not.toContain(other);
      await page.locator('[data-testid="serial-page"][data-loaded="yes"]').waitFor();
      // Nothing red on a visit: a port listing that failed is helper text beside the path field, not an error.
      expect(await page.getByTestId('serial-error').count()).toBe(0);

      if (name === 'Virtual board') {
        for (const text of VIRTUAL_LINES)
          await page.getByTestId('serial-line').filter({ hasText: text }).first().waitFor();
        await page.locator('[data-testid="serial-event-chip"][data-kind="system-start"]').first().waitFor();
        await page
          .locator('[data-testid="serial-event-chip"][data-kind="telemetry-started"]')
          .first()
          .waitFor();
        // Its scrollback: the first boot, and after the tour the second one, which happened while Bench B was shown.
        const boots = i === 0 ? '1 match' : '2 matches';
        await page.getByTestId('serial-search').fill('=== System Starting ===');
        await page.getByTestId('serial-match').filter({ hasText: boots }).waitFor();
        await page.getByTestId('serial-search').fill('');
      } else {
        // A real board without a serial console: nothing of the virtual board's, lines or events.
        await page.getByText('No serial port open').waitFor();
        const texts = await lineTexts(page);
        for (const text of VIRTUAL_LINES)
          expect(
            texts.some((l) => l.includes(text)),
            text,
          ).toBe(false);
        expect(await page.getByTestId('serial-event-chip').count()).toBe(0);
        expect(await page.getByTestId('serial-page-chip').textContent()).not.toContain('Virtual board');
        if (name === 'Bench B') {
          // The virtual board, watched but not shown, boots again: its UART goes to its own console only.
          await coreCall(t.app, 'vboard:fault', { boardId: 'virtual', kind: 'reboot' });
          await until(
            async () =>
              count(
                await coreCall(t.app, 'serial:history', { boardId: 'virtual' }),
                'Telemetry thread started',
              ) >= 2,
            "the virtual board's second boot in its console",
            20_000,
            200,
          );
          expect(await page.getByTestId('serial-line').count()).toBe(0);
          expect(await page.getByTestId('serial-event-chip').count()).toBe(0);
        }
      }
      await screenshot(page, `one-board-serial-${i}-${name.replace(/\s+/g, '-').toLowerCase()}`);
    }

    await page.setViewportSize({ width: 800, height: 600 });
    await titleNames(page, 'Virtual board');
    await screenshot(page, 'one-board-serial-800x600');
  });
});
