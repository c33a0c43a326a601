// `npm run bench -- review` measures the review page too (docs/sessions.md §Review): a short run through the same
// command, with its renderer part in Chromium, prints one JSON line holding the page's figures beside the core's.
// Sane values only: speed is the benchmark's business, not this test's.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReviewBenchResult } from '../../src/main/cli/bench-review';
import { root, startCli } from '../support/processes';

const ZOOMS = ['whole', '6h', '1h', '10min', '1min', '10s', '1s'];

describe('npm run bench -- review', () => {
  it('prints the review page’s open time, zoom timings and heap beside the core’s figures', async () => {
    if (!existsSync(join(root, 'out', 'renderer', 'index.html')))
      throw new Error('run "npm run build" first');
    const cli = await startCli<ReviewBenchResult>(
      ['bench', 'review', '--hours', '0.05', '--rate', '50', '--places', '3'],
      { timeoutMs: 240_000 },
    );
    // The line is its last word: the process then ends by itself.
    const code = await new Promise<number | null>((resolve) =>
      cli.child.exitCode !== null ? resolve(cli.child.exitCode) : cli.child.once('exit', resolve),
    );
    expect(code, cli.stderr()).toBe(0);
    const r = cli.ready;
    // The core's part: 0.05 h at 50 Hz, written and opened.
    expect(r.samples).toBe(9000);
    expect(r.fileBytes).toBeGreaterThan(0);
    expect(r.openMs).toBeGreaterThan(0);
    // The page's part: the run opened from the Sessions list and drawn, each zoom timed at 3 places.
    expect(r.pagePlaces).toBe(3);
    expect(r.pageOpenMs).toBeGreaterThan(0);
    for (const spread of [r.zoomMs!, r.renderMs!, r.paintMs!]) {
      expect(Object.keys(spread.p95)).toEqual(ZOOMS);
      for (const z of ZOOMS) {
        expect(spread.p95[z]).toBeGreaterThan(0);
        expect(spread.p50[z]).toBeGreaterThan(0);
        expect(spread.p50[z]).toBeLessThanOrEqual(spread.p95[z]!);
      }
      expect(spread.p95All).toBeGreaterThan(0);
    }
    // Asking includes the answer's drawing, which includes React's part.
    for (const z of ZOOMS) {
      expect(r.zoomMs!.p50[z]).toBeGreaterThanOrEqual(r.paintMs!.p50[z]!);
      expect(r.paintMs!.p50[z]).toBeGreaterThanOrEqual(r.renderMs!.p50[z]!);
    }
    // The 1 s window holds 50 samples of the run (every one drawn), the whole run at most the ~1,600 rows asked.
    expect(r.rowsDrawn!['1s']).toBeGreaterThanOrEqual(49);
    expect(r.rowsDrawn!['1s']).toBeLessThanOrEqual(51);
    expect(r.rowsDrawn!.whole).toBeGreaterThan(100);
    expect(r.rowsDrawn!.whole).toBeLessThanOrEqual(1600);
    expect(r.rendererHeapMB).toBeGreaterThan(1);
    expect(r.rendererHeapMBAfterGc).toBeGreaterThan(1);
    expect(r.coreHeapMBPageOpen).toBeGreaterThan(1);
  }, 300_000);
});
