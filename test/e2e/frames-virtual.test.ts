/// <reference lib="dom" />
// The Frames page against the in-app virtual board (firmware profile, the default) over its real WebSocket link:
// the handshake, led-status/telemetry/led-command frames, an unmasked raw frame the firmware accepts, the unanswered
// ping, the unechoed Close, and the reconnect that follows.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';

/** One table row's cells, by column heading. */
interface Cells {
  seq: number;
  dir: string;
  connection: string;
  fin: string;
  rsv: string;
  op: string;
  mask: string;
  len: string;
  header: string;
  meaning: string;
  title: string;
}

/** The rows the virtualised table has drawn, as cells. */
function rowsOf(page: Page): Promise<Cells[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid="frames-table"] [role=row][data-seq]')).map((row) => {
      const c = Array.from(row.querySelectorAll(':scope > span')).map((s) => s.textContent ?? '');
      return {
        seq: Number(c[0]),
        dir: c[2]!,
        connection: c[3]!,
        fin: c[4]!,
        rsv: c[5]!,
        op: c[6]!,
        mask: c[7]!,
        len: c[8]!,
        header: c[9]!,
        meaning: c[10]!,
        title: row.querySelector(':scope > span:last-child')?.getAttribute('title') ?? '',
      };
    }),
  );
}

describe('Frames page on the virtual board', () => {
  let app: AppFixture;
  let page: Page;
  const search = () => page.getByRole('textbox', { name: 'Search frames' });

  /** Filters the table by plain text and waits until some row matching `want` is drawn; returns the matches. */
  async function find(text: string, want: (c: Cells) => boolean, timeout = 15_000): Promise<Cells[]> {
    await search().fill(text);
    let found: Cells[] = [];
    await expect
      .poll(
        async () => {
          // The filter applies after a typing pause: rows not matching the text are from before it.
          found = (await rowsOf(page)).filter(
            (c) => c.meaning.toLowerCase().includes(text.toLowerCase()) && want(c),
          );
          return found.length;
        },
        { timeout },
      )
      .toBeGreaterThan(0);
    return found;
  }

  beforeAll(async () => {
    app = await startApp();
    page = await app.open();
    await page.getByRole('navigation', { name: 'Pages' }).getByText('Frames', { exact: true }).click();
    await page.getByTestId('frames-table').waitFor();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows the HTTP upgrade, the 101 and the led-status the firmware sends first, exactly', async () => {
    const up = await find('GET / HTTP/1.1', (c) => c.op === 'http' && c.dir === '↑ tx');
    expect(up[0]!.meaning).toMatch(/^GET \/ HTTP\/1\.1 · key [A-Za-z0-9+/]{22}==$/);
    const ok = await find('101 Switching', (c) => c.op === 'http' && c.dir === '↓ rx');
    expect(ok[0]!.meaning).toMatch(/^HTTP\/1\.1 101 Switching Protocols · accept [A-Za-z0-9+/]{27}=$/);
    // The firmware's led-status: one unmasked text frame, FIN, a 2-byte header 81 3f, 63 bytes.
    const status = await find('led-status', (c) => c.dir === '↓ rx' && c.op === 'text');
    expect(status[0]).toMatchObject({ fin: '1', rsv: '000', mask: 'none', len: '63', header: '81 3f' });
    expect(status[0]!.meaning).toBe('led-status yellow=false red=false');
    // The connection is named by its board and number, never by the link's internal id.
    expect(status[0]!.connection).toMatch(/^Virtual board · link \d+$/);
    await page.locator(`[data-seq="${status[0]!.seq}"]`).click();
    await page.getByRole('tab', { name: 'Text' }).click();
    expect(await page.getByTestId('frame-detail-body').textContent()).toBe(
      '{"type":"led-status","data":{"yellowLed":false,"redLed":false}}',
    );
  });

  it('shows telemetry as received, unmasked text frames', async () => {
    const tele = await find('telemetry', (c) => c.dir === '↓ rx' && c.op === 'text', 20_000);
    expect(tele[0]).toMatchObject({ fin: '1', mask: 'none' });
    expect(Number(tele[0]!.len)).toBeGreaterThan(60);
    expect(tele[0]!.len).toBe(String(parseInt(tele[0]!.header.split(' ')[1]!, 16)));
  });

  it('sends a led-command masked with a key shown, and the board answers with led-status', async () => {
    await search().fill('');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const cmd = await find('led-command yellow=true', (c) => c.dir === '↑ tx');
    expect(cmd[0]).toMatchObject({ fin: '1', op: 'text' });
    expect(cmd[0]!.mask).toMatch(/^[0-9a-f]{8}$/);
    expect(cmd[0]!.header).toMatch(/^81 b2 /); // MASK bit set, 50-byte payload
    await find('led-status yellow=true', (c) => c.dir === '↓ rx' && c.seq > cmd[0]!.seq);
  });

  it('shows a raw unmasked frame as unmasked, and the firmware accepts it', async () => {
    await search().fill('');
    await page.getByRole('tab', { name: /Raw frame/ }).click();
    const raw = page.getByTestId('raw-composer');
    await raw.getByLabel('Mask', { exact: true }).uncheck();
    await raw
      .getByRole('textbox', { name: 'Raw payload' })
      .fill('{"type":"led-command","led":"red","state":true}');
    await raw.getByRole('button', { name: 'Send raw' }).click();
    const cmd = await find('led-command red=true', (c) => c.dir === '↑ tx');
    expect(cmd[0]).toMatchObject({ mask: 'none', op: 'text', fin: '1', len: '47', header: '81 2f' });
    // The yellow LED is whatever an earlier test left it at; the reply is the one after this command.
    const reply = await find(
      'red=true',
      (c) => c.dir === '↓ rx' && c.meaning.startsWith('led-status') && c.seq > cmd[0]!.seq,
    );
    expect(reply[0]!.meaning).toMatch(/^led-status yellow=(true|false) red=true$/);
    await page.getByRole('tab', { name: 'Message' }).click();
  });

  it('marks the unanswered ping and the unechoed Close, then the link reconnects', async () => {
    await search().fill('');
    await page.getByRole('button', { name: 'Ping', exact: true }).click();
    const ping = await find(
      'ping',
      (c) => c.dir === '↑ tx' && c.op === 'ping' && /no PONG/.test(c.title),
      10_000,
    );
    expect(ping[0]!.meaning).toContain('⚠');
    await search().fill('');
    await page
      .getByTestId('frames-composer')
      .locator('button', { hasText: /^Close$/ })
      .click();
    const close = await find(
      'close',
      (c) => c.dir === '↑ tx' && c.op === 'close' && /Close not echoed/.test(c.title),
    );
    expect(close[0]!.mask).toMatch(/^[0-9a-f]{8}$/);
    // The link gives up waiting for the echo, drops the socket and reconnects: a new handshake after the Close.
    await find('101 Switching', (c) => c.op === 'http' && c.seq > close[0]!.seq, 30_000);
    await find('led-status', (c) => c.dir === '↓ rx' && c.seq > close[0]!.seq);
    await search().fill('');
    await page.getByTestId('frames-table').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await screenshot(page, 'frames-virtual-board');
  });
});
