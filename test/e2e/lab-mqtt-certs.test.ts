/// <reference lib="dom" />
// The Lab page's TLS files: uploaded through the page in browser mode (never typed as a host path), shown by name,
// refused in words when too big or not PEM, and removed.
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';
import { selfSignedCert } from '../support/mosquitto';
import { tempDir } from '../support/processes';

describe('Lab page: MQTT TLS files', () => {
  let app: AppFixture;
  const dir = tempDir('e2e-mqtt-certs-');
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads a CA file, shows its name, refuses one over 64 kB in words, and removes it', async () => {
    const pem = readFileSync(selfSignedCert(dir).certFile);
    const page = await app.open();
    await page.getByTestId('nav-lab').click();
    await page.getByTestId('mqtt-settings').waitFor();
    const ca = page.getByTestId('mqtt-cert-ca');
    expect(await page.getByTestId('mqtt-cert-ca-name').textContent()).toBe('none');
    // No text field takes a path any more: the file comes from the page.
    expect(await page.getByLabel('CA file (PEM)').count()).toBe(0);
    await ca.getByRole('button', { name: 'Upload the ca certificate' }).waitFor();

    await ca
      .locator('input[type=file]')
      .setInputFiles({ name: 'lab-ca.pem', mimeType: 'text/plain', buffer: pem });
    await page.locator('[data-testid="mqtt-cert-ca-name"]', { hasText: 'lab-ca.pem' }).waitFor();
    expect(readFileSync(`${app.configDir}/mqtt-certs/ca.pem`)).toEqual(pem);
    await ca.scrollIntoViewIfNeeded();
    await screenshot(page, 'lab-mqtt-cert-uploaded');

    const big = Buffer.concat([pem, Buffer.alloc(70 * 1024, 0x41)]);
    await page
      .getByTestId('mqtt-cert-key')
      .locator('input[type=file]')
      .setInputFiles({ name: 'huge.key', mimeType: 'text/plain', buffer: big });
    await page.getByText(/^huge\.key is 7\d kB; a certificate or key file is at most 64 kB\.$/).waitFor();
    await screenshot(page, 'lab-mqtt-cert-too-big');
    expect(await page.getByTestId('mqtt-cert-key-name').textContent()).toBe('none');

    await ca.getByRole('button', { name: 'Remove the ca certificate' }).click();
    await page.locator('[data-testid="mqtt-cert-ca-name"]', { hasText: 'none' }).waitFor();
  });
});
