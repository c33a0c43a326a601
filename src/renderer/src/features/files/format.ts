export { formatBytes } from '../../../../shared/format/bytes';

/** "3 s", "2 min 5 s", "1 h 4 min". */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** "2026-11-25 13:07" in local time. */
export function formatDate(ms: number | undefined): string {
  if (ms === undefined) return '—';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Joins a folder and a name into an absolute remote path. */
export function joinPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** The parent of an absolute remote path. */
export function parentPath(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** What a name can be previewed as, by its extension. */
export function previewKind(name: string): 'text' | 'json' | 'csv' | 'html' | 'image' | undefined {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (
    ['txt', 'log', 'md', 'css', 'js', 'ts', 'c', 'h', 'ini', 'cfg', 'xml', 'svg', 'ndjson', 'map'].includes(
      ext,
    )
  )
    return ext === 'svg' ? 'image' : 'text';
  if (ext === 'json') return 'json';
  if (ext === 'csv') return 'csv';
  if (ext === 'html' || ext === 'htm') return 'html';
  if (['png', 'jpg', 'jpeg', 'gif', 'ico', 'webp', 'bmp'].includes(ext)) return 'image';
  return undefined;
}

/** Why a name cannot be used (the core checks again). */
export function nameProblem(name: string): string | undefined {
  if (!name.trim()) return 'Type a name.';
  if (/[\r\n\0]/.test(name)) return 'Line breaks cannot be sent over FTP.';
  if (name.includes('/')) return 'A name cannot contain "/".';
  if (name === '.' || name === '..') return 'Not a file name.';
  if (name.length > 255) return `${name.length} characters; the card allows 255.`;
  return undefined;
}
