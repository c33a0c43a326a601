import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { root } from './processes';

export { chromiumPath, launchChromium } from '../../src/main/cli/chromium';

/** Where screenshots for a person to look at are kept. */
export const screenshotDir = join(root, 'test-results', 'screenshots');

/** Saves a full-page screenshot under test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
