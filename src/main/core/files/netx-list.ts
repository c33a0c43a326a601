import { FileInfo, FileType, parseList as parseAnyList } from 'basic-ftp';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/**
 * NetX Duo's LIST line (docs/firmware-protocol.md §7): `-rw-rw-rw-  1 owner group <size in 10> MON DD HH:MM <name>`,
 * upper-case month, no year. The name is everything after one space, so names with spaces (even leading ones) survive.
 */
const NETX_LINE =
  /^([d-])([r-][w-][x-]){3}\s+\d+\s+owner\s+group\s+(\d+)\s([A-Z]{3})\s(\d{2})\s(\d{2}):(\d{2})\s(.+)$/;

/** A date with no year is in the last twelve months: this year, unless that puts it more than a day ahead. */
export function inferYear(month: number, day: number, hour: number, minute: number, now: Date): Date {
  const d = new Date(now.getFullYear(), month, day, hour, minute);
  if (d.getTime() - now.getTime() > 24 * 3600_000) d.setFullYear(now.getFullYear() - 1);
  return d;
}

/** Parses one NetX LIST line, or returns undefined when the line is not in that format. */
export function parseNetxLine(line: string, now = new Date()): FileInfo | undefined {
  const m = NETX_LINE.exec(line);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[4]!);
  if (month < 0) return undefined;
  const info = new FileInfo(m[8]!);
  info.type = m[1] === 'd' ? FileType.Directory : FileType.File;
  info.size = Number(m[3]);
  info.rawModifiedAt = `${m[4]} ${m[5]} ${m[6]}:${m[7]}`;
  info.modifiedAt = inferYear(month, Number(m[5]), Number(m[6]), Number(m[7]), now);
  return info;
}

/**
 * The parser given to basic-ftp: NetX lines first (with dates), anything else through basic-ftp's own parsers
 * (Unix, DOS, MLSD), so the same browser works against other FTP servers.
 */
export function parseFtpList(raw: string, now = new Date()): FileInfo[] {
  const lines = raw.split(/\r?\n/).filter((l) => l.trim() !== '');
  const netx = lines.map((l) => parseNetxLine(l, now));
  if (lines.length > 0 && netx.every((e) => e !== undefined)) return netx as FileInfo[];
  return parseAnyList(raw);
}
