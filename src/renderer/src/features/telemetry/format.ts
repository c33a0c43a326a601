// Number and time formats of the Telemetry page.
import { sampleText } from '../../../../shared/telemetry/fields';

/** Colours of series by index (distinct on the dark theme; names are always shown too). */
export const SERIES_COLORS = [
  '#4FC3F7',
  '#FFB74D',
  '#81C784',
  '#F06292',
  '#BA68C8',
  '#FFF176',
  '#4DB6AC',
  '#E57373',
];

/** Colour of series i. */
export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length]!;
}

/** Local clock time for an axis tick; seconds only when the span is short. */
export function formatTick(t: number, spanMs: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  const hm = `${p(d.getHours())}:${p(d.getMinutes())}`;
  return spanMs > 2 * 3600_000 ? hm : `${hm}:${p(d.getSeconds())}`;
}

/** Full local time with milliseconds, for the hover read-out. */
export function formatTime(t: number): string {
  const d = new Date(t);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** A sample of field `name` as the board meant it (float32 fields shortest, others exact); "—" when absent. */
export function formatSample(name: string, v: number | null | undefined): string {
  return (v === null || v === undefined ? undefined : sampleText(name, v)) ?? '—';
}

/** A local time range as a person reads it: "22:17:12.000 – 22:18:10.000 (58.0 s)". */
export function formatRange(fromT: number, toT: number): string {
  const s = (toT - fromT) / 1000;
  const span =
    s >= 3600 ? `${(s / 3600).toFixed(1)} h` : s >= 120 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(1)} s`;
  const day = (t: number) => new Date(t).toDateString();
  const from = day(fromT) === day(toT) ? formatTime(fromT) : `${formatDate(fromT)} ${formatTime(fromT)}`;
  return `${from} – ${formatTime(toT)} (${span})`;
}

/** The local time zone at `t` as an offset: "UTC+01:00". */
export function utcOffset(t: number): string {
  const m = -new Date(t).getTimezoneOffset();
  const p = (n: number) => String(n).padStart(2, '0');
  return `UTC${m < 0 ? '-' : '+'}${p(Math.floor(Math.abs(m) / 60))}:${p(Math.abs(m) % 60)}`;
}

/** Local date, `YYYY-MM-DD`. */
export function formatDate(t: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** A computed figure (axis tick, mean) with sensible digits: integers as such, others with up to 3 decimals. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return v.toFixed(a >= 1000 ? 0 : a >= 100 ? 1 : a >= 1 ? 2 : 3);
}

/** `mm:ss` (or `h:mm:ss`) of a duration. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const p = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  return h ? `${h}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}` : `${p(Math.floor(s / 60))}:${p(s % 60)}`;
}

/** The windows a user can pick. */
export const WINDOWS = [
  { label: '1 min', ms: 60_000 },
  { label: '5 min', ms: 300_000 },
  { label: '15 min', ms: 900_000 },
  { label: '1 h', ms: 3_600_000 },
  { label: '6 h', ms: 21_600_000 },
  { label: '24 h', ms: 86_400_000 },
] as const;

const TICK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200].map(
  (s) => s * 1000,
);

/** Round time ticks across [fromT, toT], about one per `pxPerTick` pixels of `width`. */
export function timeTicks(fromT: number, toT: number, width: number, pxPerTick = 110): number[] {
  const span = toT - fromT;
  if (!(span > 0)) return [];
  const want = Math.max(2, Math.floor(width / pxPerTick));
  const step = TICK_STEPS.find((s) => span / s <= want) ?? TICK_STEPS.at(-1)!;
  // Align to local time so "12:30:00" lands on the half hour.
  const offset = new Date(fromT).getTimezoneOffset() * 60_000;
  const ticks: number[] = [];
  for (let t = Math.ceil((fromT - offset) / step) * step + offset; t <= toT; t += step) ticks.push(t);
  return ticks;
}
