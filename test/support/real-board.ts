// A `npm run board` process playing a real board, and adding it in the app as a user does (the add-a-board dialog).
import type { Page } from 'playwright-core';
import { startCli, tempDir, type CliProcess } from './processes';

/** What `npm run board` prints when it listens. */
export interface BoardReady {
  readonly ws: string;
  readonly http: string;
  readonly ftp: string;
  readonly emmc: string;
}

/** The three ports of a board. */
export interface BoardPorts {
  readonly ws: number;
  readonly http: number;
  readonly ftp: number;
}

/** The ports a board process listens on. */
export function portsOf(ready: BoardReady): BoardPorts {
  const port = (url: string) => Number(new URL(url).port);
  return { ws: port(ready.ws), http: port(ready.http), ftp: port(ready.ftp) };
}

/**
 * `npm run board` on the given ports (0: the OS picks) and eMMC folder (default: a new temp one), with no boot delay
 * and telemetry every 200 ms, so a test sees samples soon.
 */
export function startBoardProcess(
  emmc: string = tempDir('board-emmc-'),
  p: BoardPorts = { ws: 0, http: 0, ftp: 0 },
): Promise<CliProcess<BoardReady>> {
  return startCli<BoardReady>([
    'board',
    ...['--ws-port', String(p.ws), '--http-port', String(p.http), '--ftp-port', String(p.ftp)],
    ...['--emmc', emmc, '--boot-ms', '0', '--telemetry-ms', '200'],
  ]);
}

/** Adds a board at 127.0.0.1 through the add-a-board dialog and waits until the selector names it (selected). */
export async function addRealBoard(page: Page, name: string, ports: BoardPorts): Promise<void> {
  await page.getByTestId('board-selector').click();
  await page.getByTestId('board-add').click();
  await page.getByTestId('profile-name').fill(name);
  await page.getByTestId('profile-host').fill('127.0.0.1');
  await page.getByTestId('profile-wsPort').fill(String(ports.ws));
  await page.getByTestId('profile-httpPort').fill(String(ports.http));
  await page.getByTestId('profile-ftpPort').fill(String(ports.ftp));
  await page.getByTestId('profile-save').click();
  await page.getByTestId('board-selector').filter({ hasText: name }).waitFor();
}
