/** "48 MB", "1.5 KB", "200 B": decimal units as file browsers show them; "—" when unknown. */
export function formatBytes(n: number | undefined): string {
  if (n === undefined) return '—';
  if (n < 1000) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = -1;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1).replace(/\.0$/, '')} ${units[i]}`;
}
