// One board per page, the Lab page: three boards watched at once, the focus moved A→B→C→A from the selector and
// from the Lab page. At each stop the focused board's line is marked (and only it), the board-specific MQTT
// setting names it, every value carries its unit, the history figure says what it counts, and the MQTT help shows
// the topic prefix as published (this computer's host name).
import { hostname } from 'node:os';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { topicName } from '../../src/main/core/mqtt/topics';
import { screenshot } from '../support/browser';
import {
  BOARDS,
  focusBoard,
  labLine,
  openPage,
  openWithThreeBoards,
  useThreeBoards,
  TOUR,
  type BoardName,
} from '../support/three-boards';

async function checkStop(page: Page, name: BoardName, shot: string) {
  const line = labLine(page, name);
  await line.and(page.locator('[data-focused="true"]')).waitFor();
  expect(await page.locator('[data-testid="watched-boards"] [data-focused="true"]').count()).toBe(1);
  expect(await page.getByTestId('session-shown').count()).toBe(1);
  await line.getByTestId('session-shown').waitFor();
  // The one setting of one board names the focused board.
  await page.getByText(`Let the broker switch the LEDs of ${name} (`).waitFor();
  for (const b of BOARDS) {
    const l = labLine(page, b);
    await l
      .getByTestId('session-value-junctionTemp')
      .filter({ hasText: / °C$/ })
      .waitFor({ timeout: 15_000 });
    await l
      .getByTestId('session-value-uptime')
      .filter({ hasText: /^(\d+h )?(\d+m )?\d+s$/ })
      .waitFor();
    await l
      .getByTestId('session-figures')
      .filter({ hasText: /history: [\d,]+ samples? \([\d.]+ [KM]?B\) in [\d.]+ [KM]?B set aside/ })
      .waitFor();
  }
  await screenshot(page, shot);
}

describe('one board per page: Lab', () => {
  const t = useThreeBoards();

  it("marks the focused board's line, with units on every figure, at 1280×800 and 800×600", async () => {
    const page = await openWithThreeBoards(t);
    // The topic prefix as the core publishes it: no bench name set, so the host name.
    expect(await page.getByTestId('mqtt-topic-prefix').textContent()).toBe(
      `nucleo-mem/${topicName(hostname())}/`,
    );
    for (const [i, name] of TOUR.entries()) {
      await focusBoard(page, name, i % 2 === 0 ? 'selector' : 'lab');
      await openPage(page, 'lab');
      const shot = `one-board-lab-${i}-${name.replace(/ /g, '-')}`;
      await checkStop(page, name, `${shot}-1280`);
      await page.setViewportSize({ width: 800, height: 600 });
      await checkStop(page, name, `${shot}-800`);
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    await page.close();
  }, 240_000);
});
