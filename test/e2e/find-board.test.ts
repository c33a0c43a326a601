// Adding a real board found by its name: `npm run board` answers LLMNR and mDNS on loopback ports, the app
// (told to ask those ports instead of the multicast groups) lists it, and a click fills the host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';
import { startCli, tempDir, type CliProcess } from '../support/processes';

interface Ready {
  ws: string;
  http: string;
  ftp: string;
  llmnr: number;
  mdns: number;
}

describe('finding a board on the network', () => {
  let board: CliProcess<Ready>;
  let app: AppFixture;
  beforeAll(async () => {
    board = await startCli<Ready>(
      ['board', '--ws-port', '0', '--http-port', '0', '--ftp-port', '0', '--boot-ms', '0'].concat([
        '--emmc',
        tempDir('find-emmc-'),
        '--llmnr-port',
        '0',
        '--mdns-port',
        '0',
      ]),
    );
    app = await startApp([], {
      NUCLEO_BENCH_DISCOVERY_TARGETS: `mdns=127.0.0.1:${board.ready.mdns},llmnr=127.0.0.1:${board.ready.llmnr}`,
    });
  });
  afterAll(async () => {
    await app?.close();
    await board?.stop();
  });

  it('lists the board that answered lab-web and lab-web.local, and a click fills the host', async () => {
    const page = await app.open();
    await page.getByTestId('board-selector').click();
    await page.getByTestId('board-add').click();
    await page.getByTestId('profile-host').fill('');
    await page.getByTestId('find-board-button').click();
    const result = page.getByTestId('find-board-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(
      /^127\.0\.0\.1 · (mDNS lab-web\.local, LLMNR lab-web|LLMNR lab-web, mDNS lab-web\.local)$/,
    );
    await screenshot(page, 'find-board-dialog');
    await result.click();
    expect(await page.getByTestId('profile-host').inputValue()).toBe('127.0.0.1');
    expect(await page.getByTestId('profile-name').inputValue()).toBe('lab-web (127.0.0.1)');

    await page.getByTestId('profile-name').fill('Found board');
    await page.getByTestId('profile-wsPort').fill(new URL(board.ready.ws).port);
    await page.getByTestId('profile-httpPort').fill(new URL(board.ready.http).port);
    await page.getByTestId('profile-ftpPort').fill(new URL(board.ready.ftp).port);
    await page.getByTestId('profile-save').click();
    await page.getByTestId('board-selector').filter({ hasText: 'Found board' }).waitFor();
    await page.getByTestId('link-chips').getByTestId('chip-ws').filter({ hasText: 'open' }).waitFor();
  });
});
