/// <reference lib="dom" />
// A real-board profile pointing at an `npm run board -- --pool-status` process: the Memory page shows that board's
// pools, live, from the pool-status messages on its WebSocket link (the pipeline's parse → PoolStatusFeed, bench.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bridgeUrl } from '../support/bridge';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';
import { startCli, tempDir, type CliProcess } from '../support/processes';

/** Invokes one command over the browser-mode bridge, as a second client would. */
async function invoke<T>(url: string, name: string, request: unknown): Promise<{ ok: boolean; value?: T }> {
  const ws = new WebSocket(bridgeUrl(url), {
    origin: new URL(url).origin,
  });
  try {
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    const reply = new Promise<{ ok: boolean; value?: T }>((resolve) =>
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as { t: string; id?: number; result?: { ok: boolean; value?: T } };
        if (m.t === 'result' && m.id === 1) resolve(m.result!);
      }),
    );
    ws.send(JSON.stringify({ t: 'invoke', id: 1, name, request }));
    return await reply;
  } finally {
    ws.close();
  }
}

describe('Memory page, pools reported over the wire by a real-board profile', () => {
  let app: AppFixture;
  let board: CliProcess<{ ws: string; http: string; ftp: string }>;

  beforeAll(async () => {
    board = await startCli<{ ws: string; http: string; ftp: string }>([
      'board',
      '--pool-status',
      '--telemetry-ms',
      '100',
      '--ws-port',
      '0',
      '--http-port',
      '0',
      '--ftp-port',
      '0',
      '--emmc',
      tempDir('pool-status-emmc-'),
    ]);
    app = await startApp();
  });

  afterAll(async () => {
    await app?.close();
    await board?.stop();
  });

  it('shows the external board pools as live, not the in-app board', async () => {
    const page = await app.open();
    await page.getByRole('navigation', { name: 'Pages' }).getByText('Memory', { exact: true }).click();
    await page.locator('[data-testid="pools-state"][data-state="live"]').waitFor({ timeout: 15_000 });
    const port = Number(new URL(board.ready.ws).port);
    const saved = await invoke<{ profile: { id: string } }>(app.url, 'links:save-profile', {
      name: 'Pool-status board',
      host: '127.0.0.1',
      wsPort: port,
      httpPort: Number(new URL(board.ready.http).port),
      ftpPort: Number(new URL(board.ready.ftp).port),
    });
    expect(saved.ok).toBe(true);
    expect((await invoke(app.url, 'sessions:focus', { id: saved.value!.profile.id })).ok).toBe(true);

    // With a real board selected the monitor reads only the pool-status feed of that board's link (never the
    // in-app board's memory): "live" means the messages arrived over the wire and parsed.
    await page
      .locator('[data-testid="pools-state"][data-state="live"]')
      .filter({ hasText: 'Live pools from board “Pool-status board”' })
      .waitFor({ timeout: 15_000 });
    await page
      .getByTestId('pool-ws-figures')
      .filter({ hasText: /in use \d+\/18(?!\d)/ })
      .waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('pool-ftp-figures').textContent()).toMatch(/in use \d+\/122(?!\d)/);
    expect(await page.getByTestId('pool-main-figures').textContent()).toMatch(/in use \d+\/\d+/);
    // Live: a telemetry message every 100 ms goes through that board's WebSocket pool; its high-water is reported.
    await page
      .getByTestId('pool-ws-figures')
      .filter({ hasText: /high-water [1-9]/ })
      .waitFor({ timeout: 15_000 });
    await page.mouse.move(640, 20);
    await screenshot(page, 'memory-pool-status-real-profile');

    // The board goes away: after 5 s without a report the pools are no longer shown as live.
    await board.stop();
    await page.locator('[data-testid="pools-state"]:not([data-state="live"])').waitFor({ timeout: 20_000 });
  });
});
