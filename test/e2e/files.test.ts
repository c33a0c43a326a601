/// <reference lib="dom" />
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmmc } from '../../src/main/board/emmc';
import { startFtpServer, type FtpServerHandle } from '../../src/main/board/ftp';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';
import { tempDir } from '../support/processes';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('Files page in browser mode against the virtual FTP server (firmware command set)', () => {
  let app: AppFixture;
  let ftp: FtpServerHandle;
  const emmcDir = tempDir('files-e2e-emmc-');
  const work = tempDir('files-e2e-local-');

  beforeAll(async () => {
    const emmc = await openEmmc({ root: emmcDir });
    writeFileSync(join(emmcDir, 'settings.json'), JSON.stringify({ rate: 10, leds: ['yellow', 'red'] }));
    await emmc.scan();
    ftp = await startFtpServer({ port: 0, emmc });
    // The documented developer option of `web`: point the Files page at this FTP server.
    process.env.NUCLEO_BENCH_FTP_TARGET = `ftp://127.0.0.1:${ftp.port}`;
    try {
      app = await startApp();
    } finally {
      delete process.env.NUCLEO_BENCH_FTP_TARGET;
    }
  });
  afterAll(async () => {
    await app?.close();
    await ftp?.close();
    await rm(emmcDir, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  });

  it('uploads a folder of 50 files, downloads it back identical, renames and deletes it', async () => {
    const page = await app.open();
    await page.keyboard.press('Control+4');
    await page.getByTestId('files-session').filter({ hasText: 'Connected to 127.0.0.1' }).waitFor();
    await page.locator('[data-testid="file-row"][data-name="index.html"]').waitFor();
    expect(await page.getByTestId('files-session').textContent()).toContain('firmware command set');
    expect(await page.getByTestId('capacity').textContent()).toContain('capacity unknown');

    // Preview: JSON pretty-printed.
    await page.locator('[data-testid="file-row"][data-name="settings.json"]').click();
    await page.getByTestId('preview-text').filter({ hasText: '"rate": 10' }).waitFor();
    await screenshot(page, 'files-1280-preview');

    const src = join(work, 'site');
    mkdirSync(join(src, 'sub dir'), { recursive: true });
    const rels: string[] = [];
    for (let i = 0; i < 50; i++) {
      const rel = i % 10 === 0 ? `sub dir/f ${i}.bin` : `f ${i}.bin`;
      writeFileSync(
        join(src, rel),
        createHash('sha512')
          .update(String(i))
          .digest()
          .toString('base64')
          .repeat(i === 49 ? 50_000 : 100 + i * 40),
      );
      rels.push(rel);
    }
    await page.getByTestId('upload-folder-input').setInputFiles(src);
    await page.getByTestId('transfer-row').first().waitFor();
    await screenshot(page, 'files-1280-uploading');
    await page
      .locator('[data-testid="transfer-row"][data-state="done"]')
      .nth(49)
      .waitFor({ timeout: 60_000 })
      .catch(async (err: unknown) => {
        const alerts = await page.getByRole('alert').allTextContents();
        throw new Error(
          `upload did not finish: ${String(err)}\nalerts: ${alerts.join(' | ')}\ncore log: ${app.web.stderr().slice(-3000)}`,
          { cause: err },
        );
      });
    expect(await page.locator('[data-testid="transfer-row"]:not([data-state="done"])').count()).toBe(0);
    for (const rel of rels) expect(sha(join(emmcDir, 'site', rel))).toBe(sha(join(src, rel)));

    // Download it back: browser mode saves into the bench's own downloads folder, shown and never typed.
    const back = join(app.configDir, 'downloads');
    expect(await page.getByTestId('tool-upload-host').isDisabled()).toBe(true);
    await page.getByTestId('tool-refresh').click();
    await page.locator('[data-testid="file-row"][data-name="site"]').click();
    await page.getByTestId('tool-download').click();
    await page.getByTestId('host-folder').filter({ hasText: back }).waitFor();
    await screenshot(page, 'files-1280-download-folder');
    await page.getByTestId('host-path-submit').click();
    await page
      .locator('[data-testid="transfer-row"][data-state="done"]')
      .nth(99)
      .waitFor({ timeout: 60_000 });
    for (const rel of rels) expect(sha(join(back, 'site', rel))).toBe(sha(join(src, rel)));
    expect(readdirSync(join(back, 'site')).filter((n) => n.endsWith('.part'))).toEqual([]);
    // Each row names whose eMMC it used (here the server of the developer option, by its address).
    expect(await page.getByTestId('transfer-board').first().textContent()).toBe(`127.0.0.1:${ftp.port}`);
    await screenshot(page, 'files-1280-transfers');

    // Drag and drop from the desktop: the overlay shows, the file lands in the folder shown.
    const dt = await page.evaluateHandle(() => {
      const d = new DataTransfer();
      d.items.add(new File(['dropped bytes ✓'], 'dropped note.txt', { type: 'text/plain' }));
      return d;
    });
    await page.getByTestId('drop-zone').dispatchEvent('dragover', { dataTransfer: dt });
    await page.getByTestId('drop-overlay').waitFor();
    await screenshot(page, 'files-1280-drop');
    await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: dt });
    await page.locator('[data-testid="file-row"][data-name="dropped note.txt"]').waitFor();
    expect(readFileSync(join(emmcDir, 'dropped note.txt'), 'utf8')).toBe('dropped bytes ✓');

    // The same drop again: the conflict dialog asks; "Keep both" saves it under a new name.
    await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: dt });
    await page.getByRole('dialog').filter({ hasText: 'already has this file' }).waitFor();
    await screenshot(page, 'files-1280-conflict');
    await page.getByRole('button', { name: 'Keep both (rename)' }).click();
    await page.locator('[data-testid="file-row"][data-name="dropped note (1).txt"]').waitFor();

    // Rename, open, go up with Backspace, delete with the Delete key and a confirmation.
    await page.locator('[data-testid="file-row"][data-name="site"]').click();
    await page.getByTestId('tool-rename').click();
    await page.getByTestId('name-input').fill('site ✓ renamed');
    await page.getByTestId('name-input').press('Enter');
    const renamed = page.locator('[data-testid="file-row"][data-name="site ✓ renamed"]');
    await renamed.waitFor();
    await renamed.dblclick();
    await page.locator('[data-testid="file-row"][data-name="sub dir"]').waitFor();
    await page.getByTestId('breadcrumbs').filter({ hasText: 'site ✓ renamed' }).waitFor();
    await page.getByTestId('file-list').press('Backspace');
    await renamed.click();
    await page.getByTestId('file-list').press('Delete');
    await page.getByTestId('confirm-delete').click();
    await renamed.waitFor({ state: 'detached' });
    expect(readdirSync(emmcDir)).not.toContain('site ✓ renamed');
    await screenshot(page, 'files-1280');

    // A wide window, HTML source in the preview, keyboard selection.
    const wide = await app.open({ width: 1920, height: 1080 });
    await wide.keyboard.press('Control+4');
    await wide.locator('[data-testid="file-row"][data-name="index.html"]').click();
    await wide.getByTestId('preview-text').filter({ hasText: '<html' }).waitFor();
    await wide.getByTestId('file-list').press('ArrowDown');
    await wide.getByTestId('preview-text').filter({ hasText: '"rate": 10' }).waitFor();
    await screenshot(wide, 'files-1920');
  });

  it("browses the selected virtual board's eMMC over FTP: the seeded dashboard and a known capacity", async () => {
    const bare = await startApp();
    try {
      const page = await bare.open();
      await page.keyboard.press('Control+4');
      await page.getByTestId('file-row').filter({ hasText: 'index.html' }).waitFor({ timeout: 30_000 });
      await page.getByTestId('capacity').filter({ hasText: /GB/ }).waitFor();
      await screenshot(page, 'files-virtual-board');
    } finally {
      await bare.close();
    }
  });
});
