// The bundle's charts.png, drawn in the core (no browser: the headless agent has none): one panel per numeric
// series over the capture window, value axis with its unit, time axis in seconds from the alarm's moment, the
// moment as a red line and the rule's threshold(s) as dashed lines.
import type { AlarmRule } from '../../../../shared/alarms/rules';
import { fieldUnit, nameWithUnit, type FieldUnits } from '../../../../shared/telemetry/fields';
import { encodePng } from './png';
import { Raster, rgb } from './raster';
import type { ChartColumns } from './telemetry-part';

/** Most panels drawn; the picture says how many series were left out. */
export const MAX_PANELS = 12;
/** Width of the picture and of each plot (the telemetry part buckets rows into `PLOT_W` columns). */
export const PNG_W = 1000;
const LEFT = 78;
const RIGHT = 22;
export const PLOT_W = PNG_W - LEFT - RIGHT;
const HEADER = 52;
const PANEL_H = 130;
const PANEL_GAP = 40;

const C = {
  bg: rgb('#121212'),
  plot: rgb('#1e1e1e'),
  grid: rgb('#333333'),
  axis: rgb('#9e9e9e'),
  text: rgb('#e0e0e0'),
  series: rgb('#4fc3f7'),
  alarm: rgb('#ff1744'),
  limit: rgb('#ffd600'),
};

export interface ChartInput {
  readonly chart: ChartColumns;
  /** The alarm's moment, ms since the epoch. */
  readonly t: number;
  readonly rule: AlarmRule;
  readonly boardName: string;
  readonly units: FieldUnits | undefined;
}

/** A value as axis text: at most 4 significant digits, no trailing zeros. */
export function axisNumber(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-3) return v.toExponential(2).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(4)));
}

/** Seconds from the moment as axis text (`-2 s`, `0`, `+1.5 s`, `+5 min`). */
export function offsetText(s: number): string {
  if (Math.abs(s) < 1e-9) return '0';
  const sign = s > 0 ? '+' : '-';
  const a = Math.abs(s);
  return a >= 60 && a % 60 === 0 ? `${sign}${a / 60} min` : `${sign}${Number(a.toPrecision(4))} s`;
}

const STEPS_S = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

/** The limits a threshold rule draws on its series. */
function limitsOf(rule: AlarmRule, series: string): { v: number; label: string }[] {
  if (rule.kind !== 'threshold' || rule.series !== series) return [];
  const out: { v: number; label: string }[] = [];
  if (rule.above !== undefined) out.push({ v: rule.above, label: `above ${axisNumber(rule.above)}` });
  if (rule.below !== undefined) out.push({ v: rule.below, label: `below ${axisNumber(rule.below)}` });
  return out;
}

/** The PNG's bytes. */
export function drawCharts(input: ChartInput): Buffer {
  const { chart } = input;
  const drawn = chart.series.slice(0, MAX_PANELS);
  const height = HEADER + Math.max(1, drawn.length) * (PANEL_H + PANEL_GAP) + 10;
  const r = new Raster(PNG_W, height, C.bg);
  const title = `${input.rule.name} - ${input.boardName}`;
  r.text(LEFT, 8, title.length > 70 ? `${title.slice(0, 69)}~` : title, C.text, 2);
  const left = chart.series.length - drawn.length;
  r.text(
    LEFT,
    30,
    `alarm at ${new Date(input.t).toISOString()} (red line); window ${new Date(chart.fromT).toISOString()} to ` +
      `${new Date(chart.toT).toISOString()}${left > 0 ? `; ${left} more series not drawn` : ''}`,
    C.axis,
  );
  if (!drawn.length) r.text(LEFT, HEADER + 20, 'No telemetry in this window.', C.text, 2);
  const span = Math.max(1, chart.toT - chart.fromT);
  const xOf = (t: number) => LEFT + ((t - chart.fromT) / span) * (PLOT_W - 1);
  const step = (STEPS_S.find((s) => span / 1000 / s <= 8) ?? 3600) * 1000;

  drawn.forEach((name, i) => {
    const top = HEADER + i * (PANEL_H + PANEL_GAP) + 14;
    const min = chart.min[i]!;
    const max = chart.max[i]!;
    const limits = limitsOf(input.rule, name);
    let lo = Infinity;
    let hi = -Infinity;
    for (let x = 0; x < min.length; x++) {
      if (min[x]! < lo) lo = min[x]!;
      if (max[x]! > hi) hi = max[x]!;
    }
    for (const l of limits) {
      lo = Math.min(lo, l.v);
      hi = Math.max(hi, l.v);
    }
    if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
    if (hi - lo < 1e-9) [lo, hi] = [lo - 1, hi + 1];
    const pad = (hi - lo) * 0.06;
    lo -= pad;
    hi += pad;
    const yOf = (v: number) => top + (PANEL_H - 1) - ((v - lo) / (hi - lo)) * (PANEL_H - 1);

    r.text(LEFT, top - 11, nameWithUnit(name, fieldUnit(name, input.units)), C.text);
    r.fill(LEFT, top, PLOT_W, PANEL_H, C.plot);
    // Value axis: three ticks (bottom, middle, top of the data's range).
    for (const v of [lo + pad, (lo + hi) / 2, hi - pad]) {
      const y = yOf(v);
      r.line(LEFT, y, LEFT + PLOT_W - 1, y, C.grid, [2, 3]);
      const label = axisNumber(v);
      r.text(LEFT - 6 - Raster.textWidth(label), y - 3, label, C.axis);
    }
    // Time axis: seconds from the alarm's moment.
    for (let k = Math.ceil((chart.fromT - input.t) / step); input.t + k * step <= chart.toT; k++) {
      const x = xOf(input.t + k * step);
      r.line(x, top, x, top + PANEL_H - 1, C.grid, [2, 3]);
      const label = offsetText((k * step) / 1000);
      r.text(x - Raster.textWidth(label) / 2, top + PANEL_H + 4, label, C.axis);
    }
    r.frame(LEFT, top, PLOT_W, PANEL_H, C.axis);
    for (const l of limits) {
      const y = yOf(l.v);
      r.line(LEFT, y, LEFT + PLOT_W - 1, y, C.limit, [6, 4]);
      r.text(LEFT + PLOT_W - 4 - Raster.textWidth(l.label), y - 9, l.label, C.limit);
    }
    // The series: each pixel column's min-max, joined to the column before.
    let prev: { x: number; y: number } | undefined;
    for (let x = 0; x < min.length; x++) {
      if (Number.isNaN(min[x]!)) continue;
      const px = LEFT + (x * (PLOT_W - 1)) / Math.max(1, min.length - 1);
      const y0 = yOf(min[x]!);
      const y1 = yOf(max[x]!);
      r.line(px, y0, px, y1, C.series);
      const mid = (y0 + y1) / 2;
      if (prev) r.line(prev.x, prev.y, px, mid, C.series);
      prev = { x: px, y: mid };
    }
    const ax = xOf(input.t);
    r.line(ax, top, ax, top + PANEL_H - 1, C.alarm);
    r.line(ax + 1, top, ax + 1, top + PANEL_H - 1, C.alarm);
  });
  r.text(LEFT, height - 10, 'time axis: seconds from the alarm (UTC times above)', C.axis);
  return encodePng(PNG_W, height, r.pixels, {
    Title: `Alarm capture: ${input.rule.name}`.replace(/[^\x20-\x7e]/g, '?'),
    Software: 'NUCLEO-MEM Bench',
  });
}
