// One board per page, the Files page: with three boards watched, at each stop of the tour the list, the folder
// tree and the capacity are the focused board's, at once and without Refresh, and the title names that board.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import {
  ONLY_FILE,
  TOUR,
  focusBoard,
  openPage,
  openWithThreeBoards,
  useThreeBoards,
  titleNames,
  type BoardName,
} from '../support/three-boards';

const row = (page: Page, name: string) => page.locator(`[data-testid="file-row"][data-name="${name}"]`);

/** The file only this board has: the real boards' own files; the virtual board has neither of them. */
const ownFile = (name: BoardName) => (name === 'Virtual board' ? 'index.html' : ONLY_FILE[name]);

/** The tour A→B→C→A on an open page, checking the Files page at every stop. */
async function tour(page: Page, label: string): Promise<void> {
  for (const [i, name] of TOUR.entries()) {
    await focusBoard(page, name, i % 2 === 0 ? 'selector' : 'lab');
    await openPage(page, 'files');
    expect(await titleNames(page, name)).toMatch(new RegExp(`^Files · ${name}`));
    // The board's own file is listed, with no Refresh pressed; no other board's file is.
    await row(page, ownFile(name)).waitFor({ timeout: 20_000 });
    for (const other of Object.values(ONLY_FILE))
      if (other !== ownFile(name)) expect(await row(page, other).count()).toBe(0);
    // The folder tree is this board's: every folder under its root is a row of this board's list.
    const folders = await page
      .getByTestId('folder-tree')
      .locator('[title^="/"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('title')!).filter((p) => /^\/[^/]+$/.test(p)));
    for (const f of folders) expect(await row(page, f.slice(1)).count()).toBe(1);
    const capacity = page.getByTestId('capacity');
    if (name === 'Virtual board') {
      // The virtual board reports its eMMC space; the two board processes do not (no --pool-status).
      await capacity.filter({ hasText: /used · .* free/ }).waitFor({ timeout: 20_000 });
    } else {
      await capacity.filter({ hasText: 'capacity unknown' }).waitFor({ timeout: 20_000 });
      expect(await capacity.textContent()).not.toMatch(/used|free/);
    }
    // The session line is whole: it wraps, never cut to "…so tra…".
    const session = page.getByTestId('files-session');
    expect(await session.textContent()).toMatch(/^(Connected to|Not connected to) 127\.0\.0\.1:\d+.*\.$/);
    expect(await session.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await screenshot(page, `one-board-files-${label}-${i}-${name.replace(/\s+/g, '-')}`);
  }
}

describe('one board per page: Files', () => {
  const t = useThreeBoards();
  let first: Page;
  beforeAll(async () => {
    first = await openWithThreeBoards(t, { width: 1280, height: 800 });
  }, 120_000);

  it("shows the focused board's files, folders and eMMC space at every stop (1280×800)", async () => {
    await tour(first, '1280');
  }, 240_000);

  it('does the same in a small window (800×600)', async () => {
    const page = await t.app.open({ width: 800, height: 600 });
    await tour(page, '800');
  }, 240_000);
});
