import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ChartAlarms } from '../alarms/alarm-views';
import { AlarmLayer } from './chart-alarms';
import { valueAxis } from './value-axis';

// A plot 1000 px wide from x=100, 200 px high from y=10, showing t = 0…10 s: 1 px per 10 ms.
const frame = { fromT: 0, toT: 10_000, left: 100, top: 10, width: 1000, height: 200 };
const series = [{ name: 'junctionTemp', axis: valueAxis(20, 60) }];

/** The SVG markup the layer renders (no DOM here: the tests read it as text). */
function draw(alarms: ChartAlarms): string {
  return renderToStaticMarkup(
    <svg>
      <AlarmLayer alarms={alarms} series={series} frame={frame} />
    </svg>,
  );
}

/** The group of the element marked `mark` (up to its closing tag), or undefined. */
function group(svg: string, mark: string): string | undefined {
  const at = svg.indexOf(mark);
  return at < 0 ? undefined : svg.slice(at, svg.indexOf('</g>', at));
}
const attr = (text: string | undefined, tag: string, name: string) =>
  text && new RegExp(`<${tag}[^>]*\\s${name}="([^"]*)"`).exec(text)?.[1];
const textOf = (text: string | undefined) => text && /<text[^>]*>([^<]*)<\/text>/.exec(text)?.[1];

const span = (id: string, fromT: number, toT: number | undefined) =>
  ({ id, fromT, toT, severity: 'critical', series: 'junctionTemp', label: 'Board too hot' }) as const;
/** The x and width of a span's shade. */
const shade = (svg: string, id: string) => {
  const g = group(svg, `data-alarm="${id}"`);
  return g && [attr(g, 'rect', 'x'), attr(g, 'rect', 'width')];
};

describe('AlarmLayer', () => {
  it('shades each span from its raise to its clear, an open one to the right edge, and none outside the window', () => {
    const d = draw({
      spans: [
        span('closed', 2000, 4500),
        span('open', 8000, undefined),
        span('before', -5000, -1000),
        span('cut', -1000, 1000),
      ],
      lines: [],
    });
    expect(shade(d, 'closed')).toEqual(['300', '250']);
    expect(shade(d, 'open')).toEqual(['900', '200']);
    expect(shade(d, 'before')).toBeUndefined();
    expect(shade(d, 'cut')).toEqual(['100', '100']);
    expect(textOf(group(d, 'data-alarm="closed"'))).toBe('Board too hot');
  });

  it("draws a limit on its series' axis, and none that lies off the axis or belongs to another series", () => {
    const line = (ruleId: string, s: string, value: number) =>
      ({ ruleId, series: s, value, side: 'above', severity: 'warning', label: 'Hot' }) as const;
    const d = draw({
      spans: [],
      lines: [
        line('in', 'junctionTemp', 50),
        line('off', 'junctionTemp', 85),
        line('other', 'randomFloat', 50),
      ],
    });
    expect([...d.matchAll(/data-testid="alarm-limit"[^>]*data-value="([^"]*)"/g)].map((m) => m[1])).toEqual([
      '50',
    ]);
    // 50 on a 20…60 axis is a quarter of the way down from the top: y = 10 + 200 × 10/40.
    const limit = group(d, 'data-testid="alarm-limit"');
    expect(attr(limit, 'line', 'y1')).toBe('60');
    expect(textOf(limit)).toBe('above 50');
  });
});
