/// <reference lib="dom" />
// One board per page, the Dashboard: three boards watched at once, the focus toured A→B→C→A from the selector and
// from the Lab page. At each stop the title names the board, the LED controls are usable at once (the session knew
// the LEDs), the LEDs shown are that board's, and the links and telemetry figures are that board's too.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { portsOf } from '../support/real-board';
import {
  focusBoard,
  openPage,
  openWithThreeBoards,
  useThreeBoards,
  titleNames,
  TOUR,
  type BoardName,
} from '../support/three-boards';

/** Seconds of the uptime card's "1m 3s" / "12s" / "1h 2m 3s"; NaN when not shown. */
function seconds(text: string | null): number {
  const m = /^(?:(\d+)h )?(?:(\d+)m )?(\d+)s$/.exec((text ?? '').trim());
  return m ? Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3]) : NaN;
}

const uptime = async (page: Page) => seconds(await page.getByTestId('tele-uptime-value').textContent());
const telemetryRate = async (page: Page) =>
  Number(/([\d.]+) telemetry msg\/s/.exec((await page.getByTestId('status-rates').textContent()) ?? '')?.[1]);

describe('one board per page: Dashboard', () => {
  const t = useThreeBoards();
  let page: Page;
  beforeAll(async () => {
    page = await openWithThreeBoards(t);
  }, 120_000);

  it('tours A→B→C→A: title, LED controls at once, LED state and figures all of the focused board', async () => {
    const wsPort: Record<BoardName, number | undefined> = {
      'Virtual board': undefined,
      'Bench B': portsOf(t.b.ready).ws,
      'Bench C': portsOf(t.c.ready).ws,
    };
    // Tell the virtual board's telemetry from the others': once the processes have run 20 s, reboot it, so its
    // uptime is then at least 15 s below theirs.
    await focusBoard(page, 'Bench B', 'selector');
    await openPage(page, 'dashboard');
    await titleNames(page, 'Bench B');
    await expect.poll(() => uptime(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(20);
    await focusBoard(page, 'Virtual board', 'selector');
    await titleNames(page, 'Virtual board');
    const rebootedAt = Date.now();
    await page.getByTestId('fault-reboot').click();
    await expect.poll(() => uptime(page), { timeout: 30_000 }).toBeLessThan(5);
    await page
      .locator('[data-testid="dash-telemetry-state"][data-state="live"]')
      .waitFor({ timeout: 30_000 });
    const sinceReboot = () => (Date.now() - rebootedAt) / 1000;
    // The tour starts by moving the focus to the virtual board.
    await focusBoard(page, 'Bench C', 'selector');

    const stops: Array<{ name: BoardName; yellow: 'on' | 'off' }> = [
      { name: TOUR[0]!, yellow: 'off' },
      { name: TOUR[1]!, yellow: 'off' },
      { name: TOUR[2]!, yellow: 'off' },
      { name: TOUR[3]!, yellow: 'off' },
      // Back to Bench B, whose yellow LED was turned on at its stop.
      { name: 'Bench B', yellow: 'on' },
    ];
    for (const [i, stop] of stops.entries()) {
      const { name } = stop;
      await focusBoard(page, name, i % 2 === 0 ? 'lab' : 'selector');
      await openPage(page, 'dashboard');
      expect(await titleNames(page, name)).toMatch(/^Dashboard · /);
      // The page knows the board's LEDs with its links: the controls are usable within 1 s of the title naming it.
      await page.locator('[data-testid="led-yellow-toggle"]:enabled').waitFor({ timeout: 1_000 });
      expect(await page.getByTestId('led-red-toggle').isEnabled()).toBe(true);
      expect(await page.getByTestId('led-yellow').getAttribute('data-state')).toBe(stop.yellow);
      expect(await page.getByTestId('led-red').getAttribute('data-state')).toBe('off');

      // The links are the focused board's: its own WebSocket port, no other board's.
      const ws = (await page.getByTestId('dash-wire-ws').textContent()) ?? '';
      for (const [other, port] of Object.entries(wsPort))
        if (port !== undefined)
          expect(ws.includes(`:${port}`), `${name}'s WebSocket line names ${other}'s port`).toBe(
            other === name,
          );

      // Telemetry cards and figures: the virtual board's uptime restarted at the reboot, the others' did not;
      // Bench B sends five a second, Bench C fewer than two.
      await page
        .locator('[data-testid="dash-telemetry-state"][data-state="live"]')
        .waitFor({ timeout: 30_000 });
      if (name === 'Virtual board') expect(await uptime(page)).toBeLessThanOrEqual(sinceReboot() + 2);
      else expect(await uptime(page)).toBeGreaterThanOrEqual(sinceReboot() + 15);
      if (name === 'Bench B')
        await expect.poll(() => telemetryRate(page), { timeout: 15_000 }).toBeGreaterThan(3);
      if (name === 'Bench C')
        await expect.poll(() => telemetryRate(page), { timeout: 15_000 }).toBeLessThan(2.5);
      expect(await page.getByTestId('dash-received').textContent()).toMatch(
        /^[\d,]+ messages received: [\d,]+ telemetry, [\d,]+ of other types$/,
      );

      const slug = name.toLowerCase().replace(/ /g, '-');
      // Away from the rail, whose tooltip would cover the title in the picture.
      await page.mouse.move(700, 700);
      await screenshot(page, `one-board-dashboard-${i}-${slug}-1280`);
      if (name === 'Bench B' && stop.yellow === 'off') {
        await page.getByTestId('led-yellow-toggle').click();
        await page.locator('[data-testid="led-yellow"][data-state="on"]').waitFor({ timeout: 10_000 });
      }
      if (i === 2) {
        await page.setViewportSize({ width: 800, height: 600 });
        await screenshot(page, `one-board-dashboard-${i}-${slug}-800`);
        await page.setViewportSize({ width: 1280, height: 800 });
      }
    }
  });
});
