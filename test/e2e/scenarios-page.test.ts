/// <reference lib="dom" />
// Issue 25's "Done means" for the app: the Scenarios page runs an example (the LED round trip) against the in-app
// virtual board through the app's own link of it and shows every step's result; a broken scenario shows its failed
// step with what was expected and what was seen, "Show on charts" opens the Telemetry page at that moment and
// "Show frames" the frame log there.
// Schema problems are listed by line and column. Screenshots at 1280×800 kept for a person.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';

const BROKEN = [
  'name: Broken LED',
  'steps:',
  '  - led: { led: yellow, state: on }',
  '  - name: a field value that never comes',
  '    expect: { type: led-status, fields: { yellowLed: "blinking" }, within: 400ms }',
  '  - led: { led: yellow, state: off }',
  '',
].join('\n');

describe('Scenarios page', () => {
  let app: AppFixture;
  let page: Page;
  const steps = () => page.getByTestId('scenario-step');
  const statuses = () => steps().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status') ?? ''));

  beforeAll(async () => {
    app = await startApp();
    page = await app.open();
    await page.getByTestId('chip-ws').filter({ hasText: 'open' }).waitFor({ timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Pages' }).getByText('Scenarios', { exact: true }).click();
    await page.getByTestId('page-scenarios').waitFor();
  });
  afterAll(async () => app?.close());

  it('runs the LED round trip example on the virtual board: every step passes', async () => {
    expect(await page.getByTestId('shown-board').textContent()).toContain('Scenarios · Virtual board');
    await page.getByTestId('scenario-example').click();
    await page.getByTestId('example-led-round-trip.yaml').click();
    expect(await page.getByTestId('scenario-editor').inputValue()).toContain('name: LED round trip');
    // Before a run the file's steps are listed, not run.
    await page.locator('[data-testid="scenario-step"][data-status="pending"]').first().waitFor();
    await page.getByTestId('scenario-run').click();
    await page.locator('[data-testid="scenario-summary"][data-state="passed"]').waitFor({ timeout: 60_000 });
    const all = await statuses();
    expect(all).toHaveLength(17);
    expect(new Set(all)).toEqual(new Set(['passed']));
    expect(await page.getByTestId('scenario-summary').textContent()).toContain(
      '17 passed, 0 failed, 0 skipped',
    );
    // Each step says what it saw.
    expect(await steps().nth(1).getByTestId('scenario-step-message').textContent()).toMatch(/led-command/);
    await page.getByTestId('scenario-junit').waitFor();
    await screenshot(page, 'scenarios-led-round-trip-passed-1280x800');
  });

  it('lists a file’s problems by line and column, and does not run it', async () => {
    await page.getByTestId('scenario-editor').fill('name: Bad\nsteps:\n  - led: { led: green, state: on }\n');
    const problems = page.getByTestId('scenario-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toMatch(/Line 3:\d+/);
    expect(await page.getByTestId('scenario-run').isDisabled()).toBe(true);
    await screenshot(page, 'scenarios-problems-1280x800');
  });

  it('shows a broken scenario’s failed step with its message, and goes to that moment on the charts', async () => {
    await page.getByTestId('scenario-editor').fill(BROKEN);
    await page.locator('[data-testid="scenario-run"]:not([disabled])').waitFor();
    await page.getByTestId('scenario-run').click();
    await page.locator('[data-testid="scenario-summary"][data-state="failed"]').waitFor({ timeout: 30_000 });
    expect(await statuses()).toEqual(['passed', 'failed', 'skipped']);
    const failed = page.locator('[data-testid="scenario-step"][data-status="failed"]');
    const message = (await failed.getByTestId('scenario-step-message').textContent()) ?? '';
    expect(message).toContain('blinking');
    expect(message).toContain('yellowLed');
    expect(await failed.textContent()).toContain('a field value that never comes');
    await screenshot(page, 'scenarios-broken-failed-1280x800');
    // A short window: every page still fits the rail (the last one whole above the status bar), and the page too.
    await page.setViewportSize({ width: 800, height: 600 });
    const rail = (await page.getByRole('navigation', { name: 'Pages' }).boundingBox())!;
    const last = (await page.getByTestId('nav-scenarios').boundingBox())!;
    expect(last.y + last.height).toBeLessThanOrEqual(rail.y + rail.height);
    await screenshot(page, 'scenarios-broken-failed-800x600');
    await page.setViewportSize({ width: 1280, height: 800 });
    await failed.getByRole('button', { name: 'Show on charts' }).click();
    await page.getByTestId('page-telemetry').waitFor();
    expect(await page.getByTestId('shown-board').first().textContent()).toContain('Telemetry');
    // The charts show a window around the failed step, not the live edge.
    await page
      .getByText(/zoomed in/)
      .first()
      .waitFor();
    await screenshot(page, 'scenarios-show-on-charts-1280x800');
    // The run is still on the Scenarios page; "Show frames" opens the frame log at that moment, a frame picked.
    await page.getByRole('navigation', { name: 'Pages' }).getByText('Scenarios', { exact: true }).click();
    await page
      .locator('[data-testid="scenario-step"][data-status="failed"]')
      .getByRole('button', { name: 'Show frames' })
      .click();
    await page.getByTestId('page-frames').waitFor();
    await page.locator('[data-testid="frames-table"] [aria-selected="true"]').waitFor();
    await screenshot(page, 'scenarios-show-frames-1280x800');
  });
});
