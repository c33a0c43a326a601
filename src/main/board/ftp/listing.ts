import type { EmmcEntry } from '../emmc';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** One LIST line as NetX Duo's FTP server formats it: upper-case month, size right-aligned in 10, no year. */
export function listLine(e: EmmcEntry): string {
  const d = e.mtime;
  const perms = e.kind === 'dir' ? 'drw-rw-rw-' : '-rw-rw-rw-';
  const size = String(e.size).padStart(10);
  return `${perms}  1 owner group ${size} ${MONTHS[d.getMonth()]} ${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())} ${e.name}\r\n`;
}

/** RFC 3659 time value: YYYYMMDDHHMMSS in UTC. */
export function mdtm(d: Date): string {
  return `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}${pad2(d.getUTCSeconds())}`;
}

/** One MLSD fact line (extended mode only). */
export function mlsdLine(e: EmmcEntry): string {
  const facts = e.kind === 'dir' ? 'type=dir;' : `type=file;size=${e.size};`;
  return `${facts}modify=${mdtm(e.mtime)};perm=${e.kind === 'dir' ? 'elcmfp' : 'radfw'}; ${e.name}\r\n`;
}
