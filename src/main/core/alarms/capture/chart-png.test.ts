import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { alarmRuleSchema } from '../../../../shared/alarms/rules';
import { axisNumber, drawCharts, offsetText, PLOT_W, PNG_W } from './chart-png';

/** Decodes the encoder's own PNGs (RGB, filter 0): size and pixels. */
function decode(png: Buffer) {
  let at = 8;
  let w = 0;
  let h = 0;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    const data = png.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') [w, h] = [data.readUInt32BE(0), data.readUInt32BE(4)];
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe(h * (w * 3 + 1));
  const px = (x: number, y: number) => {
    const i = y * (w * 3 + 1) + 1 + x * 3;
    return `#${[raw[i], raw[i + 1], raw[i + 2]].map((v) => v!.toString(16).padStart(2, '0')).join('')}`;
  };
  return { w, h, px };
}

const rule = alarmRuleSchema.parse({
  id: 'hot',
  name: 'Temp high',
  kind: 'threshold',
  series: 'junctionTemp',
  above: 85,
  capture: { preS: 2, postS: 2 },
});

function chart(series: string[]) {
  const min = series.map(() => new Float64Array(PLOT_W).fill(NaN));
  const max = series.map(() => new Float64Array(PLOT_W).fill(NaN));
  for (let x = 0; x < PLOT_W; x += 3)
    series.forEach((_, i) => {
      min[i]![x] = 40 + (x > PLOT_W / 2 ? 50 : 0);
      max[i]![x] = min[i]![x]! + 1;
    });
  return { fromT: 0, toT: 4000, series, min, max };
}

describe('charts.png', () => {
  it('draws one panel per series, the alarm moment in red and the threshold in yellow', () => {
    const png = drawCharts({
      chart: chart(['junctionTemp', 'randomInt']),
      t: 2000,
      rule,
      boardName: 'Bench',
      units: {},
    });
    const { w, h, px } = decode(png);
    expect(w).toBe(PNG_W);
    expect(h).toBeGreaterThan(2 * 130);
    const colours = new Set<string>();
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) colours.add(px(x, y));
    expect(colours).toContain('#ff1744'); // the alarm's moment
    expect(colours).toContain('#ffd600'); // above 85, on junctionTemp's panel
    expect(colours).toContain('#4fc3f7'); // the series
    // The moment's line: a red column in the middle of the plots (t is half way through the window).
    const redColumns = new Set<number>();
    for (let x = 0; x < w; x++) if (px(x, 120) === '#ff1744') redColumns.add(x);
    expect([...redColumns].every((x) => Math.abs(x - (78 + (PLOT_W - 1) / 2)) <= 2)).toBe(true);
    expect(redColumns.size).toBeGreaterThan(0);
  });

  it('says so when there is no telemetry', () => {
    const png = drawCharts({ chart: chart([]), t: 2000, rule, boardName: 'Bench', units: {} });
    expect(decode(png).h).toBeGreaterThan(50);
  });

  it('writes axis numbers and offsets short', () => {
    expect(axisNumber(85.123456)).toBe('85.12');
    expect(axisNumber(0)).toBe('0');
    expect(axisNumber(1234567)).toBe('1.23e+6');
    expect(offsetText(-2)).toBe('-2 s');
    expect(offsetText(0)).toBe('0');
    expect(offsetText(300)).toBe('+5 min');
    expect(offsetText(0.5)).toBe('+0.5 s');
  });
});
