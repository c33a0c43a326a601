import type { FrameRow } from '../../../../shared/frames/types';

/** Wall-clock time with milliseconds (and tenths of ms when known): 14:03:07.412. */
export function clockTime(t: number, fraction = false): string {
  const d = new Date(t);
  const hms = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
  return fraction ? `${hms}${String(Math.floor((t % 1) * 1000)).padStart(3, '0')}` : hms;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** RSV bits as three digits (100 = RSV1). */
export function rsvBits(r: FrameRow): string {
  return r.kind === 'frame' ? r.rsv.toString(2).padStart(3, '0') : '';
}

/** Numbers with thousands separators. */
export const count = (n: number): string => n.toLocaleString('en-US');
