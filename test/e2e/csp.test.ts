/// <reference lib="dom" />
// The renderer runs whole under its Content-Security-Policy (meta tag and header), and the meta tag alone
// enforces it on a file:// page, as the packaged app loads it.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { root } from '../support/processes';

/** Records every CSP violation the page reports, from before its first script runs. */
async function watchViolations(page: Page): Promise<string[]> {
  const consoleLines: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) consoleLines.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} ${e.blockedURI}`),
    );
  });
  return consoleLines;
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

/** Adds an inline script, which the policy must block. */
const injectInlineScript = (page: Page) =>
  page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = true';
    document.head.append(s);
    return (window as unknown as { inlineRan?: boolean }).inlineRan === true;
  });

describe('Content-Security-Policy of the renderer', () => {
  let app: AppFixture;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lets every page render with no violation, and blocks an inline script', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const consoleLines = await watchViolations(page);
    const response = await page.goto(app.url);
    expect(response!.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toMatch(
      /script-src 'self'/,
    );
    await page.locator('[data-app-state="ready"]').waitFor({ timeout: 30_000 });
    for (const [key, name] of [
      ['1', 'dashboard'],
      ['2', 'telemetry'],
      ['3', 'frames'],
      ['4', 'files'],
      ['5', 'memory'],
      ['6', 'serial'],
      ['7', 'board'],
    ] as const) {
      await page.keyboard.press(`Control+${key}`);
      await page.getByTestId(`page-${name}`).waitFor();
    }
    await page.getByTestId('chip-core').filter({ hasText: 'connected' }).waitFor();
    // zod probes once whether it may compile validators with `new Function` and, refused, validates without:
    // that `eval` report is the policy working. Nothing else may be refused.
    expect((await violations(page)).filter((v) => v !== 'script-src eval')).toEqual([]);
    expect(consoleLines.filter((l) => !/'unsafe-eval'/.test(l))).toEqual([]);
    // The watch is live: an inline script is refused and reported.
    expect(await injectInlineScript(page)).toBe(false);
    await vi.waitFor(async () => expect((await violations(page)).join()).toMatch(/^script-src/));
    await page.close();
  });

  it('is enforced by the meta tag alone on the built page opened from file://', async () => {
    const page = await app.browser.newPage();
    await watchViolations(page);
    await page.goto(pathToFileURL(join(root, 'out/renderer/index.html')).href);
    expect(await injectInlineScript(page)).toBe(false);
    await vi.waitFor(async () => expect((await violations(page)).join()).toMatch(/script-src/));
    await page.close();
  });
});
