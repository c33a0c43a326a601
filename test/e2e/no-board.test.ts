// No board at all: the virtual board a new configuration starts with is removed like any other board, and then the
// app bar and every page of a board say what to do (start a virtual board, or add a real one), until one is added.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';

const BOARD_PAGES = ['dashboard', 'telemetry', 'frames', 'files', 'memory', 'serial', 'board'];

/** The page's empty state, on page `id`. */
const noBoard = (page: Page, id: string) =>
  page.getByTestId(`page-${id}`).getByTestId('no-board').filter({
    hasText: 'Start a virtual board or add a real one',
  });

describe('no board', () => {
  let app: AppFixture;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('removes the last board, says what to do on every page, and starts a virtual board from there', async () => {
    const page = await app.open();
    await page.getByTestId('board-selector').filter({ hasText: 'Virtual board' }).waitFor();
    // Removing asks first (window.confirm): the user says yes.
    page.on('dialog', (d) => void d.accept());
    await page.getByTestId('board-selector').click();
    await page.getByTestId('board-option-virtual').getByLabel('Remove Virtual board').click();

    // The app bar says there is none and where to add one; each page of a board offers the two ways.
    await page.getByTestId('board-selector').filter({ hasText: 'No board: add one' }).waitFor();
    for (const id of BOARD_PAGES) {
      await page.getByTestId(`nav-${id}`).click();
      await noBoard(page, id).waitFor();
      expect(await page.getByTestId('shown-board').count()).toBe(0);
    }
    // The pointer off the rail, so no tooltip covers the picture.
    await page.mouse.move(640, 700);
    await screenshot(page, 'no-board-1280x800');
    await page.setViewportSize({ width: 800, height: 600 });
    await screenshot(page, 'no-board-800x600');
    for (const button of ['no-board-start-virtual', 'no-board-add-real']) {
      const box = await page.getByTestId(button).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 800 && box.y + box.height <= 600).toBe(true);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    // The Lab page keeps its own content (the MQTT settings need no board).
    await page.getByTestId('nav-lab').click();
    await page.getByTestId('page-lab').waitFor();
    expect(await page.getByTestId('no-board').count()).toBe(0);

    // "Add real board…" opens the board dialog; cancelled, nothing changes.
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('no-board-add-real').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await noBoard(page, 'dashboard').waitFor();

    // "Start a virtual board": it is added, shown and started.
    await page.getByTestId('no-board-start-virtual').click();
    await page.getByTestId('board-selector').filter({ hasText: 'Virtual board' }).waitFor();
    await page.getByTestId('shown-board').filter({ hasText: 'Dashboard · Virtual board' }).waitFor();
    await page.locator('[data-testid="chip-ws"][data-tone="ok"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('no-board').count()).toBe(0);
  });
});
