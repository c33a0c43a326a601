/// <reference lib="dom" />
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bridgeUrl } from '../support/bridge';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';
import { root } from '../support/processes';

const fixtures = join(root, 'test/fixtures/memory');

/** Invokes one command over the browser-mode bridge, as a second client would. */
async function invoke(url: string, name: string, request: unknown): Promise<unknown> {
  const ws = new WebSocket(bridgeUrl(url), {
    origin: new URL(url).origin,
  });
  try {
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    const reply = new Promise<unknown>((resolve) =>
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as { t: string; id?: number; result?: unknown };
        if (m.t === 'result' && m.id === 1) resolve(m.result);
      }),
    );
    ws.send(JSON.stringify({ t: 'invoke', id: 1, name, request }));
    return await reply;
  } finally {
    ws.close();
  }
}

describe('Memory page in browser mode', () => {
  let app: AppFixture;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it("draws the region map with the article's AXI SRAM figure and the FTP cache warning", async () => {
    const page = await app.open();
    await page.keyboard.press('Control+5');
    await page.getByTestId('region-map').waitFor();
    for (const id of ['flash', 'dtcm', 'axi', 'sram1', 'sram2', 'sram4', 'psram-cached', 'psram-uncached']) {
      expect(await page.getByTestId(`region-${id}`).count()).toBe(1);
    }
    expect(await page.getByTestId('region-axi').getAttribute('data-percent')).toBe('46.62');
    expect(await page.getByTestId('region-axi-figure').textContent()).toBe('46.62 % of RAM');
    expect(await page.getByTestId('memory-warnings').textContent()).toContain(
      'FTP packet pool is in cached PSRAM: Ethernet DMA may read stale data',
    );
    expect(await page.getByTestId('segment-packet-pool:ftp').getAttribute('data-flagged')).toBe('warning');
    await page.locator('[data-testid="pools-state"][data-state="live"]').waitFor();
    // The board makes its pool-status right after a telemetry message, whose packet may still be on its way.
    expect(await page.getByTestId('pool-ws-figures').textContent()).toMatch(/in use [01]\/18/);
    expect(await page.getByRole('table', { name: 'MPU regions' }).textContent()).toContain(
      'cached, write-back',
    );
    await screenshot(page, 'memory-1280');
  });

  it('recomputes AXI SRAM when HTTP sessions go 2 → 1, and applies a what-if to the virtual board', async () => {
    const page = await app.open();
    await page.keyboard.press('Control+5');
    await page.getByTestId('what-if').waitFor();
    await page.getByTestId('sessions-2').click();
    await page.locator('[data-testid="whatif-axi"][data-percent="93.86"]').waitFor();
    expect(await page.getByTestId('region-axi').getAttribute('data-percent')).toBe('93.86');
    expect(await page.getByTestId('memory-warnings').textContent()).toMatch(
      /RAM \(AXI SRAM\) is 93\.9 % full/,
    );
    await screenshot(page, 'memory-what-if-2-sessions-1280');
    await page.getByTestId('sessions-1').click();
    await page.locator('[data-testid="whatif-axi"][data-percent="46.62"]').waitFor();

    await page.getByTestId('sessions-2').click();
    await page.getByTestId('apply-what-if').click();
    await page
      .getByTestId('apply-outcome')
      .filter({ hasText: 'HTTP Server Packet Pool: 19 → 115 packets.' })
      .waitFor();
    await page.getByTestId('pool-http-figures').filter({ hasText: 'in use 0/115' }).waitFor();
    await page.getByTestId('sessions-1').click();
    await page.getByTestId('apply-what-if').click();
    await page.getByTestId('pool-http-figures').filter({ hasText: 'in use 0/19' }).waitFor();
  });

  it('imports the arm-none-eabi-gcc map into the region map above, and names the line of a bad file', async () => {
    const page = await app.open({ width: 1920, height: 1080 });
    await page.keyboard.press('Control+5');
    await page.getByTestId('import').waitFor();
    const map = page.getByTestId('region-map');
    expect(await map.getByTestId('region-flash-figure').textContent()).toBe('code size unknown');
    await page.getByTestId('import-map').setInputFiles(join(fixtures, 'nucleo-mem.map'));
    // One picture of the layout: the map above now shows the build's regions, not the firmware model beside them.
    await page
      .getByTestId('region-map-card')
      .filter({ hasText: 'Region map · your build (nucleo-mem.map)' })
      .waitFor();
    expect(await map.getByTestId('region-RAM').getAttribute('data-percent')).toBe('46.62');
    expect(await map.getByTestId('region-FLASH').count()).toBe(1);
    expect(await map.getByTestId('region-flash').count()).toBe(0);
    expect(await page.getByTestId('memory-page').textContent()).not.toContain('code size unknown');
    expect(await page.getByTestId('region-map').count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Input sections' }).textContent()).toContain(
      'eth_packet_pool_buffer',
    );
    await screenshot(page, 'memory-1920');
    await page.getByTestId('import').scrollIntoViewIfNeeded();
    await screenshot(page, 'memory-import-1920');
    await page.getByTestId('import-ld').setInputFiles({
      name: 'broken.ld',
      mimeType: 'text/plain',
      buffer: Buffer.from('MEMORY\n{\n  RAM : ORIGIN = 0x24000000,\n  LENGTH = 320Q\n}\n'),
    });
    expect(await page.getByTestId('import-error').textContent()).toMatch(
      /broken\.ld: Linker script, line 4: "320Q" is not a number/,
    );
    // A failed import shows no half build: the map is the firmware's again.
    await map.getByTestId('region-flash').waitFor();
    await page.getByTestId('import-map').setInputFiles(join(fixtures, 'nucleo-mem.map'));
    await page.getByTestId('import-ld').setInputFiles(join(fixtures, 'nucleo-mem.ld'));
    await map.getByTestId('region-FLASH').waitFor();
    await page.getByTestId('clear-import').click();
    await map.getByTestId('region-flash').waitFor();
    expect(await page.getByTestId('region-map-card').textContent()).not.toContain('your build');
    expect(await map.getByTestId('region-flash-figure').textContent()).toBe('code size unknown');
  });

  it('fits the threads and MPU tables in the page at 1280×800 and 800×600, nothing cut off on the right', async () => {
    for (const size of [
      { width: 1280, height: 800 },
      { width: 800, height: 600 },
    ]) {
      const page = await app.open(size);
      await page.keyboard.press('Control+5');
      await page.getByTestId('mpu').waitFor();
      // The page's container (the title's parent) and the cards around the two tables, found from the tables.
      const widths = await page.evaluate(() => {
        const threads = document.querySelector('[data-testid="threads"]');
        const mpu = document.querySelector('[data-testid="mpu"]');
        const boxes = {
          page: document.querySelector('[data-testid="shown-board"]')?.parentElement,
          threadsCard: threads?.closest('section'),
          mpuCard: mpu?.closest('section'),
          threads,
          mpu,
        };
        return Object.entries(boxes).map(([id, e]) => ({
          id,
          scroll: e?.scrollWidth ?? NaN,
          client: e?.clientWidth ?? NaN,
        }));
      });
      expect(widths.every((w) => w.client > 0)).toBe(true);
      for (const w of widths)
        expect(w.scroll, `${w.id} at ${size.width}: ${w.scroll} > ${w.client}`).toBeLessThanOrEqual(w.client);
      await page.getByTestId('threads-card').scrollIntoViewIfNeeded();
      await screenshot(page, `memory-tables-${size.width}`);
      await page.getByTestId('mpu-card').scrollIntoViewIfNeeded();
      await screenshot(page, `memory-mpu-${size.width}`);
      await page.getByTestId('pools-card').scrollIntoViewIfNeeded();
      await screenshot(page, `memory-pools-${size.width}`);
      await page.close();
    }
  });

  it('says plainly when the selected board does not report its pools', async () => {
    const page = await app.open();
    await page.keyboard.press('Control+5');
    await page.locator('[data-testid="pools-state"][data-state="live"]').waitFor();
    // A real board that sends no pool-status (nothing listens on its ports: its links retry).
    const saved = await invoke(app.url, 'links:save-profile', {
      name: 'Lab bench 1',
      host: '127.0.0.1',
      wsPort: 9,
      httpPort: 9,
      ftpPort: 9,
    });
    expect(saved).toMatchObject({ ok: true });
    const banner = page.locator('[data-testid="pools-state"][data-state="none"]');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(
      "Lab bench 1 does not report its pools (it sends no pool-status message, docs/pool-status.md): no live figures. The map and pool sizes below are the firmware's build",
    );
    await page.getByTestId('shown-board').filter({ hasText: 'Memory · Lab bench 1' }).waitFor();
    expect(await page.getByTestId('pool-main-figures').textContent()).toBe('not reported by this board');
    expect(await page.getByTestId('region-axi').getAttribute('data-percent')).toBe('46.62');
    // A real board's memory is its firmware's: no "Apply" there, and no other board's result.
    expect(await page.getByTestId('apply-what-if').count()).toBe(0);
    expect(await page.getByTestId('apply-outcome').count()).toBe(0);
    expect(await page.getByTestId('what-if-real-board').textContent()).toContain(
      "Lab bench 1 is a real board: a what-if here only works out the figures. It cannot change the board's memory",
    );
    await screenshot(page, 'memory-no-pool-status-1280');
    await invoke(app.url, 'sessions:focus', { id: 'virtual' });
    await page.locator('[data-testid="pools-state"][data-state="live"]').waitFor();
  });
});
