/// <reference lib="dom" />
// Alarms seen where people look (docs/alarms.md): in Chromium a threshold rule on the virtual board's temperature is
// added with the Rules tab's editor, the Board page's temperature-spike fault raises it, and then the Telemetry chart
// shades its span beside the rule's dashed limit line, the Lab row takes the alarm colour, the app bar counts it, and
// the Alarms list shows it raised, acknowledged, then cleared once the spike has decayed; "Show in session" opens the
// board's recorded run with the cursor at the raise; the page's notification (allowed on the Alarms page) tells the
// raise. Screenshots of the Alarms page, the rule editor and the chart.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';
import { spikeLimit } from '../support/spike-limit';
import { until } from '../support/wait';

describe('Alarms in the page: a temperature spike on the virtual board', () => {
  let app: AppFixture;
  let page: Page;
  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Pages' }).getByText(name, { exact: true }).click();

  beforeAll(async () => {
    app = await startApp();
    // Headless Chromium shows no notifications: the page's Notification is a recorder that the user "allows".
    page = await app.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(() => {
      const shown: Array<{ title: string; body: string | undefined }> = [];
      class RecordedNotification {
        static permission: NotificationPermission = 'default';
        static requestPermission(): Promise<NotificationPermission> {
          RecordedNotification.permission = 'granted';
          return Promise.resolve('granted');
        }
        constructor(title: string, options?: NotificationOptions) {
          shown.push({ title, body: options?.body });
        }
      }
      Object.defineProperty(window, 'Notification', { value: RecordedNotification });
      Object.defineProperty(window, 'shownNotifications', { value: shown });
    });
    await page.goto(app.url);
    await page.locator('[data-app-state="ready"]').waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a rule added in the editor is raised by the spike, shown on the chart, the Lab row and the app bar, acknowledged and cleared', async () => {
    // A limit the spikes pass and the board's own warming does not, from the Lab row's temperature.
    await nav('Lab');
    const limit = await spikeLimit(page);

    await nav('Alarms');
    expect(await page.getByTestId('alarms-bar').getAttribute('data-count')).toBe('0');
    await page.getByTestId('alarms-notify').click();
    await page.locator('[data-testid="alarms-notify"][data-permission="granted"]').waitFor();
    await page.getByTestId('alarms-tab-rules').click();
    await page.getByTestId('rule-add').click();
    const editor = page.getByTestId('rule-editor');
    await editor.waitFor();
    // Saved empty: the schema's words under the fields.
    await page.getByTestId('rule-save').click();
    await editor.getByText('Give the rule a name.').waitFor();
    await editor.getByText('Name the telemetry field to watch.').waitFor();
    await page.getByTestId('rule-name').fill('Board too hot');
    await page.getByTestId('rule-series').fill('junctionTemp');
    await page.getByTestId('rule-above').fill(String(limit));
    await page.getByTestId('rule-hysteresis').fill('1');
    await page.getByRole('combobox', { name: 'Severity' }).click();
    await page.getByRole('option', { name: 'critical' }).click();
    await screenshot(page, 'alarms-rule-editor-1280');
    await page.getByTestId('rule-save').click();
    await editor.waitFor({ state: 'detached' });
    const row = page.locator('[data-testid="rule-row"][data-rule-id="board-too-hot"]');
    await row.waitFor();
    expect(await row.textContent()).toContain(`junctionTemp above ${limit} (clears 1 back inside)`);

    await nav('Board');
    await page.getByTestId('fault-temperature-spike').click();
    await page.getByTestId('fault-temperature-spike').click();
    await page.locator('[data-testid="alarms-bar"][data-count="1"][data-severity="critical"]').waitFor({
      timeout: 30_000,
    });

    // The list, opened from the app bar: the alarm raised.
    await page.getByTestId('alarms-bar').click();
    await page.getByTestId('alarms-tab-alarms').click();
    const alarm = page.getByTestId('alarm-row').first();
    await page.locator('[data-testid="alarm-row"][data-state="raised"]').waitFor();
    expect(await alarm.textContent()).toContain('Board too hot');

    // The Lab row in the alarm colour, the rule named on it.
    await nav('Lab');
    const lab = page.locator('[data-testid="session-virtual"][data-alarm="critical"]');
    await lab.waitFor();
    expect(await lab.getByTestId('board-alarm-chip').textContent()).toBe('Alarm: Board too hot');
    await screenshot(page, 'alarms-lab-row-1280');
    // The dashboard's card of the shown board likewise.
    await nav('Dashboard');
    await page.locator('[data-testid="links-card"][data-alarm="critical"]').waitFor();
    expect(await page.getByTestId('links-card').getByTestId('board-alarm-chip').textContent()).toBe(
      'Alarm: Board too hot',
    );
    await screenshot(page, 'alarms-dashboard-1280');

    // The page's notification of the raise.
    const notes = await until(
      () =>
        page
          .evaluate(() =>
            (
              window as unknown as { shownNotifications: Array<{ title: string; body?: string }> }
            ).shownNotifications.slice(),
          )
          .then((n) => n.length > 0 && n),
      'the notification of the raise',
    );
    expect(notes).toEqual([
      { title: 'Board too hot', body: expect.stringMatching(/^Virtual board: junctionTemp \d+ above \d+/) },
    ]);

    // The chart: the span on the temperature chart (open while raised, closed once cleared), and the dashed limit.
    await nav('Telemetry');
    const span = page.locator('[data-testid="alarm-span"]');
    await span.first().waitFor({ timeout: 20_000 });
    await page
      .locator(`[data-testid="alarm-limit"][data-series="junctionTemp"][data-value="${limit}"]`)
      .waitFor();
    // An open span grows with the live window: wide enough after a few seconds for its label.
    await until(
      async () => ((await span.first().locator('rect').first().boundingBox())?.width ?? 0) > 60,
      'the span to be wide enough for its label',
      20_000,
      100,
    );
    await screenshot(page, 'alarms-telemetry-span-1280');

    // The list: acknowledged (the count goes back to 0), then cleared once the spike has decayed.
    await nav('Alarms');
    await alarm.getByTestId('alarm-ack').click();
    await alarm.getByTestId('alarm-acked').waitFor();
    await page.locator('[data-testid="alarms-bar"][data-count="0"]').waitFor();
    await page.locator('[data-testid="alarm-row"][data-state="cleared"]').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('alarm-cleared').first().textContent()).toMatch(
      /after \d+(\.\d)? s|after \d+ min/,
    );
    await screenshot(page, 'alarms-page-1280');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'alarms-page-1920');
    // An 800×600 window: nothing is cut off sideways (the tables scroll inside the page).
    await page.setViewportSize({ width: 800, height: 600 });
    const fits = (el: Element) => el.scrollWidth <= el.clientWidth + 1;
    expect(await page.getByTestId('page-alarms').evaluate(fits)).toBe(true);
    expect(await page.locator('header .MuiToolbar-root').evaluate(fits)).toBe(true);
    await screenshot(page, 'alarms-page-800');
    await page.getByTestId('alarms-tab-rules').click();
    expect(await page.getByTestId('page-alarms').evaluate(fits)).toBe(true);
    await screenshot(page, 'alarms-rules-800');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'alarms-rules-1280');

    // The span is closed now: the chart shades raise → clear.
    await nav('Telemetry');
    await page.locator('[data-testid="alarm-span"][data-open="false"]').first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'alarms-telemetry-cleared-1280');
  });

  it('"Show in session" opens the board\'s recorded run with the cursor at the raise', async () => {
    await nav('Alarms');
    await page.getByTestId('alarms-tab-alarms').click();
    const alarm = page.getByTestId('alarm-row').first();
    const id = (await alarm.getAttribute('data-alarm-id')) ?? '';
    const raisedAt = Number(id.split('/').at(-1));
    expect(raisedAt).toBeGreaterThan(0);
    await alarm.getByTestId('alarm-show').click();
    await page.getByTestId('review-banner').waitFor({ timeout: 20_000 });
    const cursor = page.getByTestId('review-cursor-time');
    await until(
      async () => Number(await cursor.getAttribute('data-t')) === raisedAt,
      'the review cursor at the raise',
      10_000,
    );
    await screenshot(page, 'alarms-show-in-session-1280');
    await page.getByRole('button', { name: 'Close' }).click();
  });

  it('exports the rules as a file, imports a file back, and refuses a broken one in words', async () => {
    // The rail's tenth page: Ctrl+0.
    await page.keyboard.press('Control+0');
    await page.getByTestId('page-alarms').waitFor();
    await page.getByTestId('alarms-tab-rules').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('rules-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.alarms\.json$/);
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      format: string;
      rules: Array<{ id: string; name: string }>;
    };
    expect(file.format).toBe('nucleo-mem-alarm-rules');
    expect(file.rules.map((r) => r.id)).toEqual(['board-too-hot']);

    // A broken file: nothing imported, the core's words shown.
    const input = page.getByTestId('rules-import-file');
    await input.setInputFiles({
      name: 'broken.alarms.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":'),
    });
    await page.getByTestId('rules-import-add').click();
    const error = page.getByTestId('rules-import-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/broken\.alarms\.json was not imported: .*line 1, column/);

    // The exported file with a second rule added: the rules are added to the kept one.
    const more = {
      ...file,
      rules: [...file.rules, { id: 'quiet', name: 'No telemetry', kind: 'stale', afterS: 5 }],
    };
    await input.setInputFiles({
      name: 'more.alarms.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(more)),
    });
    await page.getByTestId('rules-import-add').click();
    await page.locator('[data-testid="rule-row"][data-rule-id="quiet"]').waitFor();
    expect(await page.getByTestId('rule-row').count()).toBe(2);
    expect(await error.count()).toBe(0);
  });
});
