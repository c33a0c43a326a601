/// <reference lib="dom" />
// The Sessions page over a real flight-recorder run: the virtual board recorded with a reboot, a fault and two
// markers (the Board page's buttons and the app bar's flag), opened from the list; the cursor's values are the
// recorded ones (checked against a CSV the core exports of the same board's telemetry, and against the MCAP file
// read with @mcap/core alone); a click on a chart point opens the frames of that second; a second board's run is
// laid over it, aligned on the reboots. Screenshots at 1280×800 and 800×600.
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { McapStreamReader } from '@mcap/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ReviewedRun, RunsState } from '../../src/shared/bridge/contracts/runs';
import { startApp, type AppFixture } from '../support/app';
import { bridgeUrl } from '../support/bridge';
import { screenshot, screenshotDir } from '../support/browser';
import { until } from '../support/wait';

type Answer<T> = { ok: true; value: T } | { ok: false; error: { message: string } };

/** Invokes one command over the browser-mode bridge, as a second client would. */
async function invoke<T>(url: string, name: string, request: unknown): Promise<Answer<T>> {
  const ws = new WebSocket(bridgeUrl(url), { origin: new URL(url).origin });
  try {
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    const reply = new Promise<Answer<T>>((resolve) =>
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as { t: string; id?: number; result?: Answer<T> };
        if (m.t === 'result' && m.id === 1) resolve(m.result!);
      }),
    );
    ws.send(JSON.stringify({ t: 'invoke', id: 1, name, request }));
    return await reply;
  } finally {
    ws.close();
  }
}

function value<T>(a: Answer<T>): T {
  if (!a.ok) throw new Error(a.error.message);
  return a.value;
}

interface Recorded {
  /** Receipt times, ms since the epoch, and the board's data. */
  readonly telemetry: Array<{ t: number; data: Record<string, unknown> }>;
  readonly reboots: number[];
}

/** Reads a session file (finished or still being written) record by record with @mcap/core, as docs/sessions.md says. */
function readSession(path: string): Recorded {
  const reader = new McapStreamReader({ decompressHandlers: { zstd: (d) => zlib.zstdDecompressSync(d) } });
  const topics = new Map<number, string>();
  const out: Recorded = { telemetry: [], reboots: [] };
  const text = new TextDecoder();
  reader.append(readFileSync(path));
  try {
    for (let r = reader.nextRecord(); r; r = reader.nextRecord()) {
      if (r.type === 'Channel') topics.set(r.id, r.topic);
      if (r.type !== 'Message') continue;
      const t = Number(r.logTime) / 1e6;
      const msg = JSON.parse(text.decode(r.data)) as Record<string, unknown>;
      if (topics.get(r.channelId) === '/board/telemetry' && msg.type === 'telemetry')
        out.telemetry.push({ t, data: msg.data as Record<string, unknown> });
      if (topics.get(r.channelId) === '/bench/events' && msg.kind === 'reboot') out.reboots.push(t);
    }
  } catch {
    // The chunk being written when the file was read: everything before it has been read.
  }
  return out;
}

function sessionFile(configDir: string, run: { id: string }): string {
  const [board, name] = run.id.split('/');
  const dir = join(configDir, 'sessions', board!);
  expect(readdirSync(dir)).toContain(name);
  return join(dir, name!);
}

/** Local "hh:mm:ss", the start of the time the frame table prints (to the ms). */
function clock(t: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

describe('Sessions: a recorded run reviewed on one timeline', () => {
  let app: AppFixture;
  let page: Page;
  let first: RunsState['runs'][number];
  let second: RunsState['runs'][number];
  /** What the values-at-cursor panel showed, and the sample's time (the second test). */
  let cursorSample: { t: number; values: Record<string, number> } | undefined;
  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Pages' }).getByText(name, { exact: true }).click();

  /** Opens run `id` over the bridge until it has a reboot with a few seconds recorded after it. */
  async function rebootRecorded(id: string): Promise<ReviewedRun> {
    return until(
      async () => {
        const r = value(await invoke<ReviewedRun>(app.url, 'runs:open', { id }));
        await invoke(app.url, 'runs:close', { reviewId: r.reviewId });
        return r.reboots.length > 0 && r.to > r.reboots[0]! + 2500 ? r : undefined;
      },
      `a reboot recorded in ${id}`,
      30_000,
      250,
    );
  }

  /**
   * Waits until board `boardId`'s run holds `ms` of recording: a board up less than about 3 s before a reboot that
   * brings it back past its old uptime cannot be told from late messages, so no reboot would show
   * (docs/sessions.md, the reboot rule).
   */
  async function runningFor(boardId: string, ms: number): Promise<RunsState['runs'][number]> {
    return until(
      async () => {
        const s = value(await invoke<RunsState>(app.url, 'runs:list', {}));
        const run = s.runs.find((r) => r.boardId === boardId);
        return run && run.ended - run.started > ms ? run : undefined;
      },
      `${boardId} recorded for ${ms} ms`,
      30_000,
      250,
    );
  }

  beforeAll(async () => {
    app = await startApp();
    page = await app.open();
    // The virtual board, a sample every 100 ms; rebooted, a fault injected, two markers from the app bar.
    await nav('Board');
    await page.getByTestId('period-100').click();
    await page.locator('[data-testid="board-page"][data-telemetry-ms="100"]').waitFor({ timeout: 20_000 });
    await page.getByTestId('live-mark').click();
    await page.getByText(/Marker added to .*'s session at/).waitFor();
    await runningFor('virtual', 8000);
    await page.getByTestId('fault-reboot').click();
    await page.locator('[data-testid="vboard-phase"][data-phase="running"]').waitFor({ timeout: 20_000 });
    await page.getByTestId('fault-temperature-spike').click();
    await page.keyboard.press('m');
    await until(
      async () => {
        const s = value(await invoke<RunsState>(app.url, 'runs:list', {}));
        return s.runs.find((r) => r.boardId === 'virtual' && r.markers >= 2);
      },
      'two markers in the virtual board run',
      20_000,
      100,
    );
    // A second board, rebooted too: the run compared with the first.
    await nav('Lab');
    await page.getByRole('button', { name: 'Add virtual board' }).click();
    const runs = await until(
      async () => {
        const s = value(await invoke<RunsState>(app.url, 'runs:list', {}));
        return s.runs.length >= 2 ? s.runs : undefined;
      },
      'a second run',
      30_000,
      100,
    );
    first = runs.find((r) => r.boardId === 'virtual')!;
    second = runs.find((r) => r.boardId !== 'virtual')!;
    await rebootRecorded(first.id);
    await runningFor(second.boardId, 8000);
    await until(
      async () => (await invoke(app.url, 'vboard:fault', { boardId: second.boardId, kind: 'reboot' })).ok,
      'the second board rebooted',
      30_000,
      250,
    );
    await rebootRecorded(second.id);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('lists both runs (board, start, length, size, markers, live badge) and says the space used', async () => {
    await nav('Sessions');
    const row = page.locator(`[data-testid="run-row"][data-run-id="${first.id}"]`);
    await row.waitFor();
    await expect.poll(async () => (await row.textContent()) ?? '').toMatch(/Virtual board.*recording now/);
    expect(await row.getAttribute('data-live')).toBe('true');
    expect(Number(await row.locator('td').nth(4).textContent())).toBeGreaterThanOrEqual(2);
    await page
      .getByTestId('runs-space')
      .filter({ hasText: /of 5 GB used/ })
      .waitFor();
    // Browser mode cannot reach the bench's disk: "Open file…" says it is for the desktop app.
    expect(await page.getByRole('button', { name: 'Open file…' }).isDisabled()).toBe(true);
    await page.getByTestId('open-file-note').filter({ hasText: 'desktop app only' }).waitFor();
    // A run being written cannot be deleted.
    expect(await row.getByRole('button', { name: /^Delete/ }).isDisabled()).toBe(true);
    await screenshot(page, 'sessions-list-1280');
    await page.setViewportSize({ width: 800, height: 600 });
    // Nine pages still fit the rail of a short window: the last one is whole above the status bar.
    const rail = (await page.getByRole('navigation', { name: 'Pages' }).boundingBox())!;
    const last = (await page.getByTestId('nav-sessions').boundingBox())!;
    expect(last.y + last.height).toBeLessThanOrEqual(rail.y + rail.height);
    await screenshot(page, 'sessions-list-800');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('opens the run under a review banner; the cursor shows the recorded values (CSV and MCAP agree)', async () => {
    await page
      .locator(`[data-testid="run-row"][data-run-id="${first.id}"]`)
      .getByRole('button', { name: 'Open', exact: true })
      .click();
    await page
      .getByTestId('review-banner')
      .filter({ hasText: /^Reviewing a recorded run — Virtual board · \d{4}-\d\d-\d\d \d\d:\d\d:\d\d · / })
      .waitFor();
    await page.getByTestId('review-chart').first().waitFor();
    // The markers: on the charts with their notes, and in the Events list; a click there moves the cursor.
    await expect.poll(() => page.getByTestId('chart-marker').count()).toBeGreaterThanOrEqual(2);
    await page.getByRole('tab', { name: 'Events' }).click();
    const items = page.getByTestId('review-event');
    await items.filter({ hasText: 'reboot' }).first().waitFor();
    await items.filter({ hasText: 'fault' }).first().waitFor();
    expect(await page.getByTestId('review-marker').count()).toBeGreaterThanOrEqual(2);
    // The user's second marker (pressed M after the fault: samples lie before it); the bench's own are listed too.
    const mine = page.getByTestId('review-marker').filter({ hasText: '(no note)' });
    expect(await mine.count()).toBe(2);
    await mine.last().click();
    await page.getByRole('tab', { name: 'Telemetry' }).click();
    const cursor = Number(await page.getByTestId('review-cursor-time').getAttribute('data-t'));
    const at = page.getByTestId('values-at-cursor');
    await page.locator(`[data-testid="values-at-cursor"][data-t="${cursor}"]`).waitFor();
    const sampleT = Number(await at.getAttribute('data-sample-t'));
    expect(sampleT).toBeLessThanOrEqual(cursor);
    const shown: Record<string, number> = {};
    for (const name of ['junctionTemp', 'randomFloat', 'randomInt', 'uptime'])
      shown[name] = Number(await page.getByTestId(`value-${name}`).getAttribute('data-value'));

    // The session file, read with @mcap/core alone: the last sample at or before the cursor is the one shown.
    const rec = readSession(sessionFile(app.configDir, first));
    const last = rec.telemetry.filter((s) => s.t <= cursor).at(-1)!;
    expect(Math.abs(last.t - sampleT)).toBeLessThan(0.01);
    // The core gives float32 fields shortest (58.54 for the 58.540000915527344 the firmware's float32 widens to),
    // as every page and export of the bench does: the same float32 either way.
    for (const [name, v] of Object.entries(shown))
      expect(Math.fround(v)).toBe(Math.fround(Number(last.data[name])));
    cursorSample = { t: sampleT, values: shown };

    // The CSV the core exports of that board's telemetry around that sample holds the same row.
    const csv = value(
      await invoke<{ file: string }>(app.url, 'telemetry:export-csv', {
        source: 'window',
        fromT: sampleT - 1,
        toT: sampleT + 1,
        view: 'zoomed',
      }),
    );
    const lines = readFileSync(csv.file, 'utf8').split('\r\n');
    const header = lines.find((l) => l.startsWith('time (UTC),'))!.split(',');
    const row = lines.find((l) => l.startsWith(new Date(sampleT).toISOString()))!.split(',');
    for (const [name, v] of Object.entries(shown)) {
      const k = header.findIndex((h) => h === name || h.startsWith(`${name} (`));
      expect(Math.fround(Number(row[k]))).toBe(Math.fround(v));
    }
    await page.getByTestId('review-telemetry').hover({ position: { x: 400, y: 120 } });
    await screenshot(page, 'sessions-review-1280');
    await page.setViewportSize({ width: 800, height: 600 });
    await screenshot(page, 'sessions-review-800');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("exports the reviewed window's CSV: the cursor's row holds the values shown, the markers are in their column", async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await page.getByText(/^Exported \d+ rows, .* to .*session-virtual-.*\.csv\.$/).waitFor();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^session-virtual-.*\.csv$/);
    const lines = readFileSync((await file.path())!, 'utf8')
      .split('\r\n')
      .slice(0, -1);
    const header = lines.find((l) => l.startsWith('time (UTC),'))!.split(',');
    expect(header.at(-1)).toBe('marker');
    const rows = lines
      .filter((l) => !l.startsWith('#') && !l.startsWith('time (UTC),'))
      .map((l) => {
        // The marker column is last; only it holds text that may be quoted.
        const m = /^(.*?),((?:"(?:[^"]|"")*"|[^,"]*))$/.exec(l)!;
        const cells = m[1]!.split(',');
        return { t: Date.parse(cells[0]!), cells, marker: m[2]!.replace(/^"|"$/g, '').replace(/""/g, '"') };
      });
    // The values at the cursor are the CSV's row at that sample's time.
    const { t, values } = cursorSample!;
    const row = rows.find((r) => r.t === t)!;
    expect(row).toBeDefined();
    for (const [name, v] of Object.entries(values)) {
      const k = header.findIndex((h) => h === name || h.startsWith(`${name} (`));
      expect(Math.fround(Number(row.cells[k]))).toBe(Math.fround(v));
    }
    // Every sample of the window, in time order (the exact rows, not the charts' level of detail).
    const opened = value(await invoke<ReviewedRun>(app.url, 'runs:open', { id: first.id }));
    await invoke(app.url, 'runs:close', { reviewId: opened.reviewId });
    const recorded = readSession(sessionFile(app.configDir, first)).telemetry.filter(
      (s) => s.t >= opened.from && s.t <= rows.at(-1)!.t,
    );
    const sampleRows = rows.filter((r) => r.cells.slice(1).some((c) => c !== ''));
    expect(sampleRows.length).toBeGreaterThanOrEqual(recorded.length);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.t).toBeGreaterThanOrEqual(rows[i - 1]!.t);
    // The two user markers (no note: "Marker") on the row at or right after their time, the bench's own too.
    const mine = opened.markers.filter((m) => m.source === 'user' && m.kind === 'marker').slice(0, 2);
    expect(mine).toHaveLength(2);
    for (const m of mine) {
      const at = rows.find((r) => r.t >= m.t)!;
      expect(at.marker.split(' | ')).toContain('Marker');
      expect(at.t - m.t).toBeLessThanOrEqual(1000);
    }
    const reboot = opened.markers.find((m) => m.kind === 'reboot')!;
    expect(rows.find((r) => r.t >= reboot.t)!.marker).toContain(reboot.note);
  });

  it('exports the charts as a PNG with the markers drawn as lines with their notes', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export PNG' }).click();
    const said = page.getByText(/^Downloaded session-virtual-.*\.png \(\d+ markers drawn\)\.$/);
    await said.waitFor();
    const drawn = Number(/\((\d+) markers drawn\)/.exec((await said.textContent())!)![1]);
    expect(drawn).toBeGreaterThanOrEqual(4); // two notes, the reboot, the fault
    const file = await download;
    const png = readFileSync((await file.path())!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    mkdirSync(screenshotDir, { recursive: true });
    copyFileSync((await file.path())!, join(screenshotDir, 'sessions-export.png'));
    await page.getByRole('button', { name: 'Export CSV' }).waitFor();
    await screenshot(page, 'sessions-exports-1280');
    await page.setViewportSize({ width: 800, height: 600 });
    expect(await page.getByRole('button', { name: 'Export PNG' }).isVisible()).toBe(true);
    await screenshot(page, 'sessions-exports-800');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('a click on a chart point opens the frames of that second, and Back returns to the charts', async () => {
    const chart = page.getByTestId('review-charts');
    const box = (await chart.boundingBox())!;
    await chart.click({ position: { x: box.width / 2, y: 60 } });
    const moment = page.getByTestId('review-moment');
    await moment.waitFor();
    const from = Number(await moment.getAttribute('data-from'));
    const rows = page.locator('[data-testid="frames-table"] [role=row][data-seq]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const times = await rows.evaluateAll((r) =>
      r.map((x) => x.querySelectorAll(':scope > span')[1]?.textContent),
    );
    for (const t of times) expect(t?.startsWith(`${clock(from)}.`)).toBe(true);
    await screenshot(page, 'sessions-moment-1280');
    await page.getByRole('button', { name: /Back to the charts/ }).click();
    await page.getByTestId('review-chart').first().waitFor();
  });

  it('a frame picked in the Frames tab shows its payload decoded and its bytes in the detail pane', async () => {
    await page.getByRole('tab', { name: 'Frames' }).click();
    const frames = page.getByTestId('review-frames');
    const telemetryRows = frames.locator('[role=row][data-dir="rx"][data-kind="frame"]', {
      hasText: 'telemetry',
    });
    await telemetryRows.first().waitFor({ timeout: 15_000 });
    // The run is still being recorded: its rows are read again and the table re-aims at its end, which may take a
    // row away under the pointer. The click is tried again until a telemetry row is the one picked.
    const seq = await until(
      async () => {
        const row = telemetryRows.last();
        const s = await row.getAttribute('data-seq', { timeout: 1000 }).catch(() => null);
        if (!s) return undefined;
        await row.click({ timeout: 2000 }).catch(() => undefined);
        const picked = frames.locator('[role=row][aria-selected="true"]');
        return (await picked.getAttribute('data-seq', { timeout: 500 }).catch(() => null)) === s && s;
      },
      'a telemetry row picked',
      30_000,
      100,
    );
    const detail = frames.getByTestId('frame-detail');
    await detail.waitFor();
    const body = detail.getByTestId('frame-detail-body');
    await expect.poll(() => body.textContent(), { timeout: 15_000 }).toMatch(/"type": "telemetry"/);
    expect(await body.textContent()).toMatch(/"uptime": \d+/);
    expect(await detail.textContent()).toContain(`#${seq}`);
    await screenshot(page, 'sessions-frame-detail-1280');
    await page.setViewportSize({ width: 800, height: 600 });
    await screenshot(page, 'sessions-frame-detail-800');
    await page.setViewportSize({ width: 1280, height: 800 });
    await detail.getByRole('tab', { name: 'Hex' }).click();
    await expect.poll(() => body.textContent()).toMatch(/^00000000 {2}7b 22 74 79 70 65 22/);
    await page.getByRole('tab', { name: 'Telemetry' }).click();
  });

  it('zooms with the wheel, plays at 10× from the cursor, and M marks the run at the cursor', async () => {
    const chart = page.getByTestId('review-charts');
    const span = async () =>
      Number(await chart.getAttribute('data-to')) - Number(await chart.getAttribute('data-from'));
    const before = await span();
    await chart.hover({ position: { x: 300, y: 60 } });
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -100);
    await expect.poll(span).toBeLessThan(before * 0.5);
    await page.getByRole('button', { name: 'Whole run' }).click();
    await expect.poll(span).toBe(before);

    const time = page.getByTestId('review-cursor-time');
    await page.getByRole('slider', { name: 'Time cursor' }).focus();
    await page.keyboard.press('Home');
    const start = Number(await time.getAttribute('data-t'));
    await page.getByRole('combobox', { name: 'Speed' }).click();
    await page.getByRole('option', { name: '10×' }).click();
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => Number(await time.getAttribute('data-t')) - start).toBeGreaterThan(2000);
    await page.getByRole('button', { name: 'Pause' }).click();
    const paused = Number(await time.getAttribute('data-t'));

    await page.getByRole('tab', { name: 'Events' }).click();
    const markers = page.getByTestId('review-marker');
    const n = await markers.count();
    await page.getByRole('tab', { name: 'Events' }).press('m');
    await expect.poll(() => markers.count()).toBe(n + 1);
    await page.getByText(/^Marker added at /).waitFor();
    expect(await page.locator('[data-testid="review-marker"].Mui-selected').count()).toBe(1);
    expect(Number(await time.getAttribute('data-t'))).toBe(paused);
    await page.getByRole('tab', { name: 'Telemetry' }).click();
  });

  it('a zoom draws each chart once, with its answer: never the old rows stretched over the new window first', async () => {
    const chart = page.getByTestId('review-charts');
    const span = async () =>
      Number(await chart.getAttribute('data-to')) - Number(await chart.getAttribute('data-from'));
    const before = await span();
    await chart.hover({ position: { x: 400, y: 60 } });
    // Every change of the first chart's first line from the wheel on, until the new window is drawn.
    await page.evaluate(() => {
      const line = document.querySelector('[data-testid="review-chart"] .telemetry-series path')!;
      const w = window as unknown as { lineDrawn: number };
      w.lineDrawn = 0;
      new MutationObserver((records) => (w.lineDrawn += records.length)).observe(line, {
        attributes: true,
        attributeFilter: ['d'],
      });
    });
    await page.mouse.wheel(0, -100); // one step in: one window asked
    await expect.poll(span).toBeLessThan(before);
    // Two frames on, whatever that step drew is in.
    const drawn = await page.evaluate(
      () =>
        new Promise<number>((resolve) =>
          requestAnimationFrame(() =>
            requestAnimationFrame(() => resolve((window as unknown as { lineDrawn: number }).lineDrawn)),
          ),
        ),
    );
    expect(drawn).toBe(1);
    await page.getByRole('button', { name: 'Whole run' }).click();
    await expect.poll(span).toBe(before);
  });

  it("lays the second board's run over it, aligned on the reboots, with both values and the difference on hover", async () => {
    await page.getByRole('combobox', { name: 'Compare with' }).click();
    await page.getByRole('option', { name: new RegExp(`^${second.boardName} · `) }).click();
    await page.getByRole('combobox', { name: 'Aligned on' }).click();
    await page.getByRole('option', { name: /^Reboot 1 .* on reboot 1 / }).click();
    const a = readSession(sessionFile(app.configDir, first)).reboots[0]!;
    const b = readSession(sessionFile(app.configDir, second)).reboots[0]!;
    const telemetry = page.getByTestId('review-telemetry');
    await expect
      .poll(async () => Math.abs(Number(await telemetry.getAttribute('data-offset')) - (a - b)))
      .toBeLessThan(0.01);
    await page.getByTestId('legend-junctionTemp · compared').waitFor();
    // Hover at the reboot of the first run: both runs have samples there once aligned.
    const whole = page.getByRole('button', { name: 'Whole run' });
    if (await whole.isEnabled()) await whole.click();
    const chart = page.getByTestId('review-charts');
    const box = (await chart.boundingBox())!;
    const from = Number(await chart.getAttribute('data-from'));
    const to = Number(await chart.getAttribute('data-to'));
    const plotW = box.width - 64 * 2 - 12;
    await chart.hover({ position: { x: 64 + ((a + 1500 - from) / (to - from)) * plotW, y: 60 } });
    await page
      .getByTestId('review-hover')
      .filter({ hasText: /junctionTemp: [\d.]+ °C · compared [\d.]+ · Δ [+-][\d.]+/ })
      .waitFor();
    await screenshot(page, 'sessions-compare-1280');
    await page.setViewportSize({ width: 800, height: 600 });
    await screenshot(page, 'sessions-compare-800');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
