// Three boards with different data, watched at once, for the "one board per page" suites: the in-app virtual
// board and two `npm run board` processes added as real boards ("Bench B": telemetry every 200 ms, "Bench C": every
// 700 ms), each with its own eMMC file, so anything a page shows can be told apart by board.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startApp, type AppFixture } from './app';
import { startCli, tempDir, type CliProcess } from './processes';
import { addRealBoard, portsOf, type BoardReady } from './real-board';

/** The three boards' names as the selector shows them. */
export const BOARDS = ['Virtual board', 'Bench B', 'Bench C'] as const;
export type BoardName = (typeof BOARDS)[number];

/** The one file on each real board's eMMC that no other board has. */
export const ONLY_FILE: Record<'Bench B' | 'Bench C', string> = {
  'Bench B': 'only-on-bench-b.txt',
  'Bench C': 'only-on-bench-c.txt',
};

export interface ThreeBoards {
  readonly app: AppFixture;
  readonly b: CliProcess<BoardReady>;
  readonly c: CliProcess<BoardReady>;
  close(): Promise<void>;
}

function boardProcess(name: 'Bench B' | 'Bench C', telemetryMs: number): Promise<CliProcess<BoardReady>> {
  const emmc = tempDir('board-emmc-');
  writeFileSync(join(emmc, ONLY_FILE[name]), `${name}'s own file\n`);
  return startCli<BoardReady>([
    'board',
    ...['--ws-port', '0', '--http-port', '0', '--ftp-port', '0'],
    ...['--emmc', emmc, '--boot-ms', '0', '--telemetry-ms', String(telemetryMs)],
  ]);
}

/** Starts the app and the two board processes. */
export async function startThreeBoards(): Promise<ThreeBoards> {
  const [app, b, c] = await Promise.all([
    startApp(),
    boardProcess('Bench B', 200),
    boardProcess('Bench C', 700),
  ]);
  return {
    app,
    b,
    c,
    async close() {
      await b.stop();
      await c.stop();
      await app.close();
    },
  };
}

/**
 * Starts the three boards before a suite's tests and stops them after; call it in the `describe`. The object it
 * returns is filled in when they have started (a suite's own `beforeAll` after this call sees it filled).
 */
export function useThreeBoards(timeoutMs = 180_000): ThreeBoards {
  const t = {} as ThreeBoards;
  beforeAll(async () => {
    Object.assign(t, await startThreeBoards());
  }, timeoutMs);
  afterAll(async () => {
    await t.close?.();
  });
  return t;
}

const exactly = (name: string) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** The Lab page's line of a board. */
export const labLine = (page: Page, name: string): Locator =>
  page
    .getByTestId('watched-boards')
    .locator('[data-focused]')
    .filter({ has: page.getByTestId('session-name').filter({ hasText: exactly(name) }) });

/**
 * Opens a page on the app with all three boards added and watched (kept on the Lab page), Bench C focused last.
 * Waits until each is connected.
 */
export async function openWithThreeBoards(
  t: ThreeBoards,
  size?: { width: number; height: number },
): Promise<Page> {
  const page = await t.app.open(size);
  await page
    .getByTestId('board-selector')
    .filter({ hasText: /virtual/i })
    .waitFor();
  await page.getByTestId('nav-lab').click();
  await labLine(page, 'Virtual board').getByTestId('session-keep').click();
  await labLine(page, 'Virtual board').getByTestId('session-unwatch').waitFor();
  await addRealBoard(page, 'Bench B', portsOf(t.b.ready));
  await labLine(page, 'Bench B').getByTestId('session-keep').click();
  await labLine(page, 'Bench B').getByTestId('session-unwatch').waitFor();
  await addRealBoard(page, 'Bench C', portsOf(t.c.ready));
  await labLine(page, 'Bench C').getByTestId('session-keep').click();
  await labLine(page, 'Bench C').getByTestId('session-unwatch').waitFor();
  for (const name of BOARDS)
    await labLine(page, name)
      .locator('[data-testid="session-ws"][data-tone="ok"]')
      .waitFor({ timeout: 20_000 });
  return page;
}

/**
 * Focuses board `name` from the board selector or from the Lab page's "Show" button, and waits until the selector
 * names it. Leaves the page it was on only for the Lab page; call `openPage` after to come back.
 */
export async function focusBoard(page: Page, name: BoardName, via: 'selector' | 'lab'): Promise<void> {
  if (via === 'selector') {
    await page.getByTestId('board-selector').click();
    await page
      .getByRole('menuitem')
      .filter({ has: page.getByText(exactly(name)) })
      .click();
  } else {
    await page.getByTestId('nav-lab').click();
    await labLine(page, name).getByTestId('session-show').click();
  }
  await page.getByTestId('board-selector').filter({ hasText: name }).waitFor();
}

/** Opens a page by its rail entry (`nav-<id>`). */
export async function openPage(page: Page, id: string): Promise<void> {
  await page.getByTestId(`nav-${id}`).click();
}

/** Waits until the page's title (`shown-board`) names board `name`, and returns its text. */
export async function titleNames(page: Page, name: BoardName): Promise<string> {
  const title = page.getByTestId('shown-board').filter({ hasText: name }).first();
  await title.waitFor();
  return (await title.textContent()) ?? '';
}

/** The focus moves of the suites: A→B→C→A. */
export const TOUR: readonly BoardName[] = ['Virtual board', 'Bench B', 'Bench C', 'Virtual board'];
