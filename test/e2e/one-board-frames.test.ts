/// <reference lib="dom" />
// One board per page, the Frames page: three boards watched at once (the in-app virtual board, "Bench B" sending
// telemetry every 200 ms, "Bench C" every 700 ms). On each stop of the tour A→B→C→A the title names the focused
// board, every row's connection names that board, the log's connections went to that board's port, its telemetry
// comes at its own period, and going back to a board shows the rows it had.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { portsOf } from '../support/real-board';
import {
  BOARDS,
  focusBoard,
  openPage,
  openWithThreeBoards,
  useThreeBoards,
  titleNames,
  TOUR,
  type BoardName,
} from '../support/three-boards';
import { until } from '../support/wait';

/** One drawn row of the table. */
interface Drawn {
  seq: number;
  time: string;
  connection: string;
  meaning: string;
}

function drawnRows(page: Page): Promise<Drawn[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid="frames-table"] [role=row][data-seq]')).map((row) => {
      const c = Array.from(row.querySelectorAll(':scope > span')).map((s) => s.textContent ?? '');
      return { seq: Number(c[0]), time: c[1]!, connection: c[3]!, meaning: c[10]! };
    }),
  );
}

/** ms since midnight of a "14:29:27.973" cell. */
function msOfDay(clock: string): number {
  const m = /^(\d\d):(\d\d):(\d\d)\.(\d{3})$/.exec(clock);
  if (!m) throw new Error(`not a clock time: ${clock}`);
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

describe('one board per page: Frames', () => {
  const t = useThreeBoards();
  let page: Page;
  const search = () => page.getByRole('textbox', { name: 'Search frames' });

  beforeAll(async () => {
    page = await openWithThreeBoards(t);
  }, 120_000);

  /** Filters the table by `text` and waits until at least `n` rows matching it are drawn; returns the rows. */
  async function rowsMatching(text: string, n: number): Promise<Drawn[]> {
    await search().fill(text);
    return until(
      async () => {
        const rows = await drawnRows(page);
        return rows.length >= n && rows.every((r) => r.meaning.includes(text)) && rows;
      },
      `${n} rows of "${text}"`,
      20_000,
    );
  }

  /** Every check of one stop: title, connections, ports, period. Returns the first connection row's seq. */
  async function checkStop(name: BoardName): Promise<{ firstSeq: number; total: number }> {
    const title = await titleNames(page, name);
    expect(title).toContain(`Frames · ${name}`);
    for (const other of BOARDS.filter((b) => b !== name)) expect(title).not.toContain(other);

    // Where this board's connections went: its own WebSocket port only.
    const opened = await rowsMatching('opening ', 1);
    const ports = opened.map((r) => Number(/^opening 127\.0\.0\.1:(\d+)/.exec(r.meaning)?.[1]));
    const own = name === 'Bench B' ? t.b.ready : name === 'Bench C' ? t.c.ready : undefined;
    const others = [t.b.ready, t.c.ready].filter((r) => r !== own).map((r) => portsOf(r).ws);
    for (const p of ports) {
      if (own) expect(p).toBe(portsOf(own).ws);
      expect(others).not.toContain(p);
    }

    // Telemetry at this board's own period, and every row's connection is this board's.
    const tele = await rowsMatching('telemetry', 6);
    const gaps = tele.slice(1).map((r, i) => msOfDay(r.time) - msOfDay(tele[i]!.time));
    const period = { 'Virtual board': 1000, 'Bench B': 200, 'Bench C': 700 }[name];
    expect(median(gaps)).toBeGreaterThan(period * 0.7);
    expect(median(gaps)).toBeLessThan(period * 1.3);
    await search().fill('');
    const all = await until(async () => {
      const rows = await drawnRows(page);
      return rows.length > 0 && rows;
    }, 'the unfiltered rows');
    for (const r of [...tele, ...opened, ...all])
      expect(r.connection).toMatch(new RegExp(`^${name} · link \\d+$`));
    const total = Number(
      /^([\d,]+) rows$/
        .exec((await page.getByTestId('frames-count').textContent()) ?? '')?.[1]
        ?.replace(/,/g, ''),
    );
    return { firstSeq: opened[0]!.seq, total };
  }

  it('shows only the focused board on each stop of the tour, and a board shown again with what it had', async () => {
    const seen = new Map<BoardName, { firstSeq: number; total: number }>();
    for (const [i, name] of TOUR.entries()) {
      await focusBoard(page, name, i % 2 === 0 ? 'selector' : 'lab');
      await openPage(page, 'frames');
      const stop = await checkStop(name);
      const before = seen.get(name);
      if (before) {
        // Back on a board: its first connection's rows are still there, and it kept capturing meanwhile.
        expect(stop.firstSeq).toBe(before.firstSeq);
        expect(stop.total).toBeGreaterThan(before.total);
      }
      seen.set(name, stop);
      if (name === 'Bench C') {
        await screenshot(page, 'one-board-frames-bench-c-1280');
        await page.setViewportSize({ width: 800, height: 600 });
        await titleNames(page, 'Bench C');
        await screenshot(page, 'one-board-frames-bench-c-800');
        await page.setViewportSize({ width: 1280, height: 800 });
      }
    }
  }, 180_000);
});
