/// <reference lib="dom" />
// The alarm's evidence leaves the bench (issue 24's Done means): in Chromium, with the app publishing to a real
// Mosquitto from the Lab page and a rules file imported on the Alarms page, the Board page's temperature-spike fault
// raises the rule; a subscriber receives the raise and the clear on `…/alarm` and the retained list on `…/alarms`;
// the capture bundle, downloaded as one zip from the Captures tab, holds a telemetry CSV spanning exactly
// [t − pre, t + post] around the raise, and a pcapng of that span that tshark reads.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';
import { Mosquitto } from '../support/mosquitto';
import { Collector } from '../support/mqtt-collector';
import { tempDir } from '../support/processes';
import { spikeLimit } from '../support/spike-limit';
import { until } from '../support/wait';

const PRE_S = 3;
const POST_S = 3;
const TOPIC = 'nucleo-mem/e2e-bench/Virtual-board';

describe('An alarm on the virtual board: published, and its evidence captured', () => {
  let app: AppFixture;
  let broker: Mosquitto;
  let sub: Collector;
  let page: Page;
  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Pages' }).getByText(name, { exact: true }).click();

  beforeAll(async () => {
    broker = await Mosquitto.start();
    app = await startApp();
    sub = await Collector.start(broker.url, `${TOPIC}/#`);
    page = await app.open();
  });
  afterAll(async () => {
    await sub?.close();
    await app?.close();
    await broker?.close();
  });

  it('the raise and clear reach Mosquitto, and the bundle holds the window exactly, its pcapng read by tshark', async () => {
    // Publishing on, from the Lab page.
    await nav('Lab');
    await page.getByTestId('mqtt-settings').waitFor();
    await page.getByTestId('mqtt-url').fill(broker.url);
    await page.getByTestId('mqtt-bench').fill('e2e-bench');
    await page.getByTestId('mqtt-save').click();
    await page.locator('[data-testid="app-mqtt"][data-tone="ok"]').waitFor({ timeout: 15_000 });

    // A limit the spikes pass and the board's own warming does not, from the Lab row's temperature.
    const limit = await spikeLimit(page);
    const rules = {
      format: 'nucleo-mem-alarm-rules',
      version: 1,
      rules: [
        {
          id: 'hot',
          name: 'Board too hot',
          kind: 'threshold',
          series: 'junctionTemp',
          above: limit,
          hysteresis: 1,
          severity: 'critical',
          capture: { preS: PRE_S, postS: POST_S },
        },
      ],
    };
    await nav('Alarms');
    await page.getByTestId('alarms-tab-rules').click();
    await page.getByTestId('rules-import-file').setInputFiles({
      name: 'lab.alarms.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(rules)),
    });
    await page.getByTestId('rules-import-add').click();
    await page.locator('[data-testid="rule-row"][data-rule-id="hot"]').waitFor();

    await nav('Board');
    // One +25 °C spike: over the limit for a few seconds, cleared once it has decayed (sooner than two would).
    await page.getByTestId('fault-temperature-spike').click();

    // The broker: the raise, the retained list holding it, then the clear once the spike has decayed.
    const raise = await until(
      () => sub.json(`${TOPIC}/alarm`).find((m) => m.kind === 'raised'),
      'the raise at the broker',
      30_000,
    );
    expect(raise).toMatchObject({ ruleId: 'hot', ruleName: 'Board too hot', severity: 'critical' });
    await until(
      () => sub.json(`${TOPIC}/alarms`).some((l) => Array.isArray(l) && l.length === 1),
      'the retained list with the alarm',
      10_000,
    );
    const clear = await until(
      () => sub.json(`${TOPIC}/alarm`).find((m) => m.kind === 'cleared'),
      'the clear at the broker',
      90_000,
    );
    expect(clear).toMatchObject({ ruleId: 'hot', raisedAt: raise.raisedAt });
    await until(
      () => {
        const lists = sub.json(`${TOPIC}/alarms`);
        return lists.length > 0 && JSON.stringify(lists.at(-1)) === '[]';
      },
      'the retained list emptied',
      10_000,
    );

    // The bundle, written once t + post has passed, downloaded as one zip.
    await nav('Alarms');
    await page.getByTestId('alarms-tab-captures').click();
    const done = page.locator('[data-testid="capture-row"][data-state="done"]');
    await done.first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'alarms-captures-1280');
    const download = page.waitForEvent('download');
    await done.first().getByTestId('capture-open').click();
    const zip = await download;
    const dir = tempDir('alarm-bundle-');
    mkdirSync(dir, { recursive: true });
    execFileSync('/usr/bin/python3', [
      '-c',
      'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; z.extractall(sys.argv[2])',
      (await zip.path())!,
      dir,
    ]);
    const found = execFileSync('find', [dir, '-type', 'f'], { encoding: 'utf8' }).trim().split('\n');
    const file = (name: string) => found.find((f) => f.endsWith(`/${name}`))!;
    expect(found.map((f) => f.slice(f.lastIndexOf('/') + 1)).sort()).toEqual(
      expect.arrayContaining(['telemetry.csv', 'frames.pcapng', 'summary.json', 'charts.png']),
    );

    // The CSV spans exactly [t − pre, t + post] around the raise, with rows near both ends and none outside.
    const t = Date.parse(String(raise.raisedAt));
    const [from, to] = [t - PRE_S * 1000, t + POST_S * 1000];
    const csv = readFileSync(file('telemetry.csv'), 'utf8');
    expect(csv).toContain(`# range: ${new Date(from).toISOString()} to ${new Date(to).toISOString()}`);
    const times = csv
      .split('\r\n')
      .filter((l) => /^\d{4}-/.test(l))
      .map((l) => Date.parse(l.slice(0, l.indexOf(','))));
    expect(times.length).toBeGreaterThan(3);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(from);
    expect(Math.max(...times)).toBeLessThanOrEqual(to);
    // The board sends a message a second: the first and last rows lie within a period of the window's ends.
    expect(Math.min(...times) - from).toBeLessThan(1500);
    expect(to - Math.max(...times)).toBeLessThan(1500);

    // The pcapng opens in tshark and holds the span's packets.
    const shark = execFileSync('tshark', ['-r', file('frames.pcapng')], { encoding: 'utf8' });
    expect(shark.trim().split('\n').length).toBeGreaterThan(2);
    const summary = JSON.parse(readFileSync(file('summary.json'), 'utf8')) as Record<string, unknown>;
    expect(JSON.stringify(summary)).toContain('Board too hot');
  }, 240_000);
});
