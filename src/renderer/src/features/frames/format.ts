import type { FrameRow } from '../../../../shared/frames/types';

/** Wall-clock time with milliseconds, 14:03:07.412; with `fraction`, the microseconds after a space:
 *  14:03:07.412 345 (a clock time, so no unit after it). */
export function clockTime(t: number, fraction = false): string {
  const d = new Date(t);
  const hms = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
  if (!fraction) return hms;
  const micros = Math.min(999, Math.round((t - Math.floor(t)) * 1000));
  return `${hms} ${String(micros).padStart(3, '0')}`;
}

/** The connection a row belongs to, as a user knows it: the board's name and the link's number in its log. */
export function connectionName(boardName: string, link: number): string {
  return link > 0 ? `${boardName} · link ${link}` : boardName;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** RSV bits as three digits (100 = RSV1). */
export function rsvBits(r: FrameRow): string {
  return r.kind === 'frame' ? r.rsv.toString(2).padStart(3, '0') : '';
}

/** Numbers with thousands separators. */
export const count = (n: number): string => n.toLocaleString('en-US');
