// One board per page, the Board page: three boards watched at once (the in-app virtual board, and "Bench B" and
// "Bench C" as real boards), the focus moved A→B→C→A from the selector and from the Lab page. At each stop the
// page's title names the focused board; a virtual board is driven with its own OLED, LEDs, endpoints and log, and
// for a real board the page says what it offers for it, with nothing of another board on it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { portsOf } from '../support/real-board';
import {
  BOARDS,
  focusBoard,
  openPage,
  openWithThreeBoards,
  useThreeBoards,
  titleNames,
  TOUR,
  type BoardName,
  type ThreeBoards,
} from '../support/three-boards';

/** What the Board page shows of the focused board, and that it names no other. */
async function checkStop(page: Page, t: ThreeBoards, name: BoardName, shot: string) {
  const title = await titleNames(page, name);
  expect(title).toMatch(new RegExp(`^Board · ${name}`));
  const body = page.getByTestId('board-page');
  if (name === 'Virtual board') {
    await page.locator('[data-testid="board-page"][data-board-id="virtual"]').waitFor();
    await page.locator('[data-testid="vboard-phase"][data-phase="running"]').waitFor({ timeout: 20_000 });
    const ws = page.getByTestId('endpoint-ws').filter({ hasText: /^ws:\/\/127\.0\.0\.1:\d+/ });
    await ws.waitFor();
    // Its own endpoint: not a port of the two board processes.
    const port = Number(/:(\d+)/.exec((await ws.textContent()) ?? '')?.[1]);
    expect([portsOf(t.b.ready).ws, portsOf(t.c.ready).ws]).not.toContain(port);
    await page.getByTestId('oled').waitFor();
    await page.getByTestId('vled-green').waitFor();
    await page.getByTestId('uart-log').waitFor();
  } else {
    const real = page.getByTestId('board-real');
    await real.waitFor();
    expect(await real.textContent()).toMatch(new RegExp(`${name} is a real board at 127\\.0\\.0\\.1`));
    // Nothing driven here: no other board's OLED, LEDs, endpoints or log.
    for (const id of ['oled', 'vled-green', 'endpoint-ws', 'uart-log', 'vboard-start', 'vboard-stop'])
      expect(await page.getByTestId(id).count(), id).toBe(0);
  }
  const text = (await body.textContent()) ?? '';
  for (const other of BOARDS.filter((b) => b !== name)) expect(text).not.toContain(other);
  await screenshot(page, shot);
}

describe('one board per page: Board', () => {
  const t = useThreeBoards();

  it('names the focused board and shows only it, at 1280×800 and 800×600', async () => {
    const page = await openWithThreeBoards(t);
    for (const [i, name] of TOUR.entries()) {
      await focusBoard(page, name, i % 2 === 0 ? 'selector' : 'lab');
      await openPage(page, 'board');
      const shot = `one-board-board-${i}-${name.replace(/ /g, '-')}`;
      await checkStop(page, t, name, `${shot}-1280`);
      await page.setViewportSize({ width: 800, height: 600 });
      await checkStop(page, t, name, `${shot}-800`);
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    await page.close();
  }, 240_000);
});
