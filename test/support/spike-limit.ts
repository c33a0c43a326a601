import type { Page } from 'playwright-core';
import { until } from './wait';

/**
 * A temperature limit for a rule that a +25 °C spike of the virtual board passes and its own warming does not, read
 * from the Lab row of the board (the page must show the Lab page). The emulator warms from about 24 °C towards 43 °C,
 * plus about 2 °C for its one client, with a 90 s time constant: it passes 45 °C only after about 6 minutes; the
 * spikes decay with a 20 s time constant, so the alarm is raised for some seconds (one spike) to about 20 s (two), then
 * cleared.
 */
export async function spikeLimit(page: Page): Promise<number> {
  const value = page.getByTestId('session-virtual').getByTestId('session-value-junctionTemp');
  await value.waitFor({ timeout: 30_000 });
  const now = await until(
    async () => {
      const m = /-?\d+(?:\.\d+)?/.exec((await value.textContent()) ?? '');
      return m ? Number(m[0]) : undefined;
    },
    'the virtual board temperature',
    30_000,
  );
  return Math.max(46, Math.round(now) + 12);
}
