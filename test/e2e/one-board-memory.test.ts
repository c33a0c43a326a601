/// <reference lib="dom" />
// One board per page, the Memory page: for the tour A→B→C→A (focus moved alternately from the board selector and
// from the Lab page), the title names the focused board, the pools shown are that board's, and a what-if applied
// to the virtual board shows on no other board's page and is back when the virtual board is focused again.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import {
  focusBoard,
  openPage,
  openWithThreeBoards,
  useThreeBoards,
  titleNames,
  TOUR,
  type BoardName,
} from '../support/three-boards';

/** What the Memory page shows of board `name`, checked against what only that board has. */
async function checkStop(page: Page, name: BoardName, applied: boolean): Promise<void> {
  expect(await titleNames(page, name)).toMatch(new RegExp(`^Memory · ${name}`));
  const banner = page.getByTestId('pools-state');
  const card = page.getByTestId('what-if-card');
  if (name === 'Virtual board') {
    // The virtual board reports its pools; the two board processes do not (no --pool-status).
    await page.locator('[data-testid="pools-state"][data-state="live"]').waitFor();
    expect(await banner.textContent()).toContain('Live pools from Virtual board');
    await page.getByTestId('pools-card').filter({ hasText: 'Pools · live from Virtual board' }).waitFor();
    expect(await card.getByTestId('apply-what-if').textContent()).toBe('Apply to Virtual board');
    if (applied) {
      // Its what-if and its result are back.
      await card.getByTestId('apply-outcome').filter({ hasText: 'Applied to Virtual board:' }).waitFor();
      await page.locator('[data-testid="whatif-axi"][data-percent="93.86"]').waitFor();
    }
    return;
  }
  await page.locator('[data-testid="pools-state"][data-state="none"]').waitFor();
  expect(await banner.textContent()).toContain(`${name} does not report its pools`);
  expect(await page.getByTestId('pools-card').textContent()).toContain('Pools · firmware as built');
  expect(await page.getByTestId('pool-main-figures').textContent()).toBe('not reported by this board');
  // The virtual board's what-if and its result belong to it: none of it shows here.
  expect(await card.getByTestId('apply-outcome').count()).toBe(0);
  expect(await card.getByTestId('apply-what-if').count()).toBe(0);
  expect(await page.getByTestId('whatif-axi').getAttribute('data-percent')).toBe('46.62');
  expect(await card.getByTestId('what-if-real-board').textContent()).toContain(
    `${name} is a real board: a what-if here only works out the figures. It cannot change the board's memory`,
  );
  expect(await page.locator('body').textContent()).not.toContain('Virtual board:');
}

describe('one board per page: Memory', () => {
  const t = useThreeBoards();

  for (const size of [
    { width: 1280, height: 800 },
    { width: 800, height: 600 },
  ])
    it(`shows only the focused board's memory at ${size.width}×${size.height}`, async () => {
      // The boards are added and watched once; the second size opens another page on the same bench.
      const page = size.width === 1280 ? await openWithThreeBoards(t, size) : await t.app.open(size);
      let applied = false;
      for (const [i, name] of TOUR.entries()) {
        await focusBoard(page, name, i % 2 === 0 ? 'selector' : 'lab');
        await openPage(page, 'memory');
        await checkStop(page, name, applied);
        await screenshot(page, `one-board-memory-${i}-${name.replace(/ /g, '-')}-${size.width}`);
        if (name === 'Virtual board' && !applied) {
          await page.getByTestId('sessions-2').click();
          await page.getByTestId('apply-what-if').click();
          await page
            .getByTestId('apply-outcome')
            .filter({ hasText: 'Applied to Virtual board: HTTP Server Packet Pool: 19 → 115 packets.' })
            .waitFor();
          applied = true;
        }
      }
      // Back to the firmware as built, so the next size starts from there.
      await page.getByTestId('sessions-1').click();
      await page.getByTestId('apply-what-if').click();
      await page.getByTestId('pool-http-figures').filter({ hasText: 'in use 0/19' }).waitFor();
      await page.getByRole('button', { name: 'Reset to as built' }).click();
      await page.close();
    }, 180_000);
});
