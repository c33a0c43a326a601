/// <reference lib="dom" />
// Issue 21's "Done means": with three boards watched (the in-app virtual board and two `npm run board` processes),
// every page names the focused board in its title, at 1280×800 and at 800×600, and nothing on it runs off the
// window sideways (a user would have to scroll the whole page to read it). The screenshots are kept for a person.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import {
  BOARDS,
  focusBoard,
  openPage,
  openWithThreeBoards,
  useThreeBoards,
  titleNames,
  type BoardName,
} from '../support/three-boards';

const PAGES = ['dashboard', 'telemetry', 'frames', 'files', 'memory', 'serial', 'board', 'lab'] as const;

/**
 * How far the page's content runs past the window's right edge, px (0: it fits), and the outermost elements that do
 * (named by test id, role or tag), so a failure says what to fix.
 */
const overflowX = (page: Page) =>
  page.evaluate(() => {
    const over = Math.max(0, document.documentElement.scrollWidth - window.innerWidth);
    if (over === 0) return '0';
    const names: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= window.innerWidth + 1) continue;
      const parentOver =
        el.parentElement && el.parentElement.getBoundingClientRect().right > window.innerWidth + 1;
      if (parentOver) continue;
      const id = el.getAttribute('data-testid') ?? el.getAttribute('role') ?? el.tagName.toLowerCase();
      names.push(`${id} (${Math.round(r.right - window.innerWidth)} px)`);
    }
    return `${over} px: ${names.slice(0, 5).join(', ')}`;
  });

describe('every page names the one board it shows', () => {
  const t = useThreeBoards();

  let first = true;
  for (const size of [
    { width: 1280, height: 800 },
    { width: 800, height: 600 },
  ]) {
    it(`at ${size.width}×${size.height}`, async () => {
      // The boards are added once; the second size opens another page on the same bench.
      const page = first ? await openWithThreeBoards(t, size) : await t.app.open(size);
      first = false;
      const tour: BoardName[] = ['Bench B', 'Virtual board'];
      for (const [i, name] of tour.entries()) {
        await focusBoard(page, name, i % 2 === 0 ? 'selector' : 'lab');
        for (const id of PAGES) {
          await openPage(page, id);
          const title = await titleNames(page, name);
          for (const other of BOARDS.filter((n) => n !== name)) expect(title).not.toContain(other);
          await screenshot(page, `one-board-${id}-${name.replace(/ /g, '-')}-${size.width}x${size.height}`);
          expect(await overflowX(page), `the ${id} page runs off the window`).toBe('0');
        }
      }
    });
  }
});
