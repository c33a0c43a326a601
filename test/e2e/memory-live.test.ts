/// <reference lib="dom" />
// The Memory page's live pool gauges against the in-app virtual board: an FTP download (basic-ftp from this
// process, not read for a while) and 100 Hz telemetry move the FTP and WebSocket pools, which come back afterwards;
// exhausting the WebSocket pool from the Dashboard stops telemetry and the board's pool reports (the page goes
// stale), and restoring it resumes both, with the failures counted. The pools come over the wire (pool-status).
import { readFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { Client } from 'basic-ftp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bridgeUrl } from '../support/bridge';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';

/** Invokes one command over the browser-mode bridge, as a second client would. */
async function invoke(url: string, name: string, request: unknown): Promise<{ ok: boolean }> {
  const ws = new WebSocket(bridgeUrl(url), {
    origin: new URL(url).origin,
  });
  try {
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    const reply = new Promise<{ ok: boolean }>((resolve) =>
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as { t: string; id?: number; result?: { ok: boolean } };
        if (m.t === 'result' && m.id === 1) resolve(m.result!);
      }),
    );
    ws.send(JSON.stringify({ t: 'invoke', id: 1, name, request }));
    return await reply;
  } finally {
    ws.close();
  }
}

/** "in use N/total · high-water H · failures F" of one pool gauge, as numbers. */
async function pool(page: Page, id: 'main' | 'http' | 'ftp' | 'ws') {
  const text = (await page.getByTestId(`pool-${id}-figures`).textContent()) ?? '';
  const m = /in use (\d+)\/(\d+)\s*high-water (\d+|—)\s*failures (\d+|—)/.exec(text);
  if (!m) throw new Error(`pool-${id}: unexpected figures "${text}"`);
  const meter = page.getByTestId(`pool-${id}`).getByRole('meter');
  return {
    inUse: Number(m[1]),
    total: Number(m[2]),
    highWater: Number(m[3]),
    failures: Number(m[4]),
    meterNow: Number(await meter.getAttribute('aria-valuenow')),
  };
}

/**
 * A sink that reads nothing until `open()` is called, then reads at once. While it is shut, the board's FTP sends
 * wait on the socket holding their packets, as NetX holds them until the peer takes the data.
 */
function gatedSink(): { sink: Writable; received: () => number; open: () => void } {
  let n = 0;
  let opened = false;
  const waiting: Array<() => void> = [];
  const sink = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _enc, done) {
      n += chunk.length;
      if (opened) done();
      else waiting.push(done);
    },
  });
  const open = () => {
    opened = true;
    for (const done of waiting.splice(0)) done();
  };
  return { sink, received: () => n, open };
}

/**
 * Before the board's sends wait, this host's TCP send buffer takes what they write, up to the kernel's limit
 * (net.ipv4.tcp_wmem, 4 MB by default and larger on some machines); a file a few MB past that limit keeps the board
 * waiting on a reader that does not read, whatever the machine.
 */
function fileBytes(): number {
  const MB = 1024 * 1024;
  const max = Number(readFileSync('/proc/sys/net/ipv4/tcp_wmem', 'utf8').trim().split(/\s+/)[2]);
  return (Number.isFinite(max) ? Math.max(4 * MB, max) : 4 * MB) + 8 * MB;
}

const FILE_BYTES = fileBytes();

describe('Memory page, live pools on the virtual board', () => {
  let app: AppFixture;
  let page: Page;
  let ftp: { host: string; port: number };
  const go = (label: string) =>
    page.getByRole('navigation', { name: 'Pages' }).getByText(label, { exact: true }).click();

  beforeAll(async () => {
    app = await startApp();
    page = await app.open();
    // The FTP endpoint as the Board page shows it.
    await go('Board');
    const url = page.getByTestId('endpoint-ftp');
    await url.filter({ hasText: /^ftp:\/\// }).waitFor({ timeout: 30_000 });
    const u = new URL((await url.textContent())!);
    ftp = { host: u.hostname, port: Number(u.port) };
    // A few MB on the virtual eMMC, so the download lasts long enough to be seen.
    const client = new Client(10_000);
    await client.access({ ...ftp, user: 'anonymous', password: 'bench@' });
    await client.uploadFrom(Readable.from([Buffer.alloc(FILE_BYTES, 0x5a)]), 'memory-live.bin');
    client.close();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('moves the FTP and WebSocket pools during a download at 100 Hz telemetry, then they come back', async () => {
    expect((await invoke(app.url, 'vboard:configure', { boardId: 'virtual', telemetryMs: 10 })).ok).toBe(
      true,
    );
    await go('Memory');
    await page.locator('[data-testid="pools-state"][data-state="live"]').waitFor({ timeout: 15_000 });
    const ftp0 = await pool(page, 'ftp');
    expect(ftp0.inUse).toBe(0);

    const client = new Client(30_000);
    await client.access({ ...ftp, user: 'anonymous', password: 'bench@' });
    const { sink, received, open } = gatedSink();
    const download = client.downloadTo(sink, 'memory-live.bin');
    let seen = ftp0;
    await expect
      .poll(
        async () => {
          seen = await pool(page, 'ftp');
          return seen.inUse > 0;
        },
        { timeout: 20_000, interval: 50 },
      )
      .toBe(true);
    expect(received()).toBeLessThan(FILE_BYTES); // seen while the download runs
    await expect.poll(async () => (await pool(page, 'ftp')).meterNow, { timeout: 5_000 }).toBeGreaterThan(0);
    await page.mouse.move(640, 20); // no nav tooltip over the page in the screenshot
    await screenshot(page, 'memory-live-download');
    open();
    // 100 Hz telemetry to the link goes through the WebSocket pool: its high-water rises above 0.
    await expect.poll(async () => (await pool(page, 'ws')).highWater, { timeout: 10_000 }).toBeGreaterThan(0);
    await download;
    client.close();
    expect(received()).toBe(FILE_BYTES);
    await expect.poll(async () => (await pool(page, 'ftp')).inUse, { timeout: 10_000 }).toBe(0);
    expect((await pool(page, 'ftp')).highWater).toBeGreaterThanOrEqual(seen.inUse);
    await expect.poll(async () => (await pool(page, 'ws')).inUse, { timeout: 10_000 }).toBeLessThan(18);
  });

  it('exhausting the WebSocket pool stops telemetry and the pool reports (stale); restoring it resumes both, failures counted', async () => {
    await go('Dashboard');
    const received = async () =>
      Number(
        /([\d,]+) messages? received/
          .exec((await page.getByTestId('dash-received').textContent()) ?? '')?.[1]
          ?.replace(/,/g, ''),
      );
    await expect.poll(received, { timeout: 10_000 }).toBeGreaterThan(0);
    await go('Memory');
    const failures0 = (await pool(page, 'ws')).failures;
    await go('Dashboard');
    await page.getByTestId('fault-shrink-ws-pool').click();
    await page
      .getByTestId('inject-group')
      .getByRole('status')
      .filter({ hasText: 'Exhaust WS pool: done.' })
      .waitFor();
    // Telemetry stops: the count settles (two readings 300 ms apart agree, messages in flight drained).
    let last = -1;
    await expect
      .poll(
        async () => {
          const now = await received();
          const same = now === last;
          last = now;
          return same;
        },
        { timeout: 15_000, interval: 300 },
      )
      .toBe(true);
    // The board's pool-status needs a WebSocket packet too, so, as a real board's, its report stops: the page
    // says the figures are old instead of showing them as live.
    await go('Memory');
    await page.locator('[data-testid="pools-state"][data-state="stale"]').waitFor({ timeout: 15_000 });
    await page.getByTestId('pools-card').getByText('Pools · last reported by Virtual board').waitFor();
    await page.mouse.move(640, 20);
    await screenshot(page, 'memory-live-ws-exhausted');
    await go('Dashboard');
    await page.getByTestId('fault-pool-restore').click();
    await page
      .getByTestId('inject-group')
      .getByRole('status')
      .filter({ hasText: 'Restore WS pool: done.' })
      .waitFor();
    await expect.poll(received, { timeout: 15_000 }).toBeGreaterThan(last + 2);
    // The first report after the restore carries the failures counted while the pool was empty.
    await go('Memory');
    await page.locator('[data-testid="pools-state"][data-state="live"]').waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => (await pool(page, 'ws')).failures, { timeout: 10_000 })
      .toBeGreaterThan(failures0);
  });
});
