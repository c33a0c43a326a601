/// <reference lib="dom" />
// The Scenarios page keeps the view of a run through a reload (docs/scenarios.md §In the app): the core runs it and
// keeps the board's last run (`scenarios:state`), so the reloaded page shows the steps that passed and follows the
// rest to the end. The run uses a value typed over one of the file's `vars`, and its step shows that value.
// Screenshots at 1280×800 kept for a person.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';

const SLOW = [
  'name: Slow marks',
  'vars:',
  '  note: from the file',
  '  pause: 6s',
  'steps:',
  '  - mark: ${note}',
  '  - wait: ${pause}',
  '  - led: { led: yellow, state: on }',
  '  - expect: { type: led-status, fields: { yellowLed: true }, within: 2s }',
  '  - led: { led: yellow, state: off }',
  '',
].join('\n');

describe('Scenarios page across a reload', () => {
  let app: AppFixture;
  let page: Page;
  const statuses = () =>
    page
      .getByTestId('scenario-step')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status') ?? ''));

  beforeAll(async () => {
    app = await startApp();
    page = await app.open();
    await page.getByTestId('chip-ws').filter({ hasText: 'open' }).waitFor({ timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Pages' }).getByText('Scenarios', { exact: true }).click();
    await page.getByTestId('page-scenarios').waitFor();
  });
  afterAll(async () => app?.close());

  it('runs with a typed variable, and a reloaded page shows the steps so far and follows the rest', async () => {
    await page.getByTestId('scenario-editor').fill(SLOW);
    // The file's vars are listed with their values as written.
    const note = page.getByTestId('scenario-var-note');
    await note.waitFor();
    expect(await note.getAttribute('placeholder')).toBe('from the file');
    expect(await page.getByTestId('scenario-var-pause').getAttribute('placeholder')).toBe('6s');
    await note.fill('typed on the page');
    await page.locator('[data-testid="scenario-run"]:not([disabled])').waitFor();
    await screenshot(page, 'scenarios-vars-1280x800');
    await page.getByTestId('scenario-run').click();
    await page.locator('[data-testid="scenario-step"][data-status="running"]').waitFor({ timeout: 20_000 });
    const first = page.locator('[data-testid="scenario-step"]').first();
    await first.locator('xpath=self::*[@data-status="passed"]').waitFor({ timeout: 20_000 });
    expect(await first.getByTestId('scenario-step-message').textContent()).toContain(
      'marked "typed on the page"',
    );

    await page.reload();
    await page.locator('[data-app-state="ready"]').waitFor();
    await page.getByTestId('page-scenarios').waitFor();
    // The editor is empty after a reload, yet the run is there: the mark passed, with the typed value.
    const again = page.locator('[data-testid="scenario-step"]').first();
    await again.locator('xpath=self::*[@data-status="passed"]').waitFor({ timeout: 20_000 });
    expect(await again.getByTestId('scenario-step-message').textContent()).toContain(
      'marked "typed on the page"',
    );
    await screenshot(page, 'scenarios-after-reload-1280x800');
    await page.locator('[data-testid="scenario-summary"][data-state="passed"]').waitFor({ timeout: 60_000 });
    expect(await statuses()).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
    expect(await page.getByTestId('scenario-summary').textContent()).toContain(
      '5 passed, 0 failed, 0 skipped',
    );
    await page.getByTestId('scenario-junit').waitFor();
    await screenshot(page, 'scenarios-after-reload-ended-1280x800');
  });
});
