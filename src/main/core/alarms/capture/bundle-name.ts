// Capture bundle folder names: `<UTC yyyymmdd-hhmmss>_<board>_<rule>`, safe on every OS (Windows' reserved
// characters and names, no trailing dot or space, no control characters, short enough for deep paths).

/** Windows refuses these names whatever the extension (CON.txt too). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Most characters a board or rule part keeps. */
const PART_MAX = 40;

/** A board id or rule name as a safe part of a file name: letters, digits, `-`; empty → `x`. */
export function safePart(text: string, max = PART_MAX): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  if (!ascii) return 'x';
  return RESERVED.test(ascii) ? `${ascii}-` : ascii;
}

/** The UTC time as `yyyymmdd-hhmmss`. */
export function stamp(t: number): string {
  return new Date(t).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * The folder name of a bundle raised at `t` on board `boardId` by rule `ruleName`; `taken` says whether a name is
 * in use (a second bundle in the same second gets `-2`, `-3`…).
 */
export function bundleName(
  t: number,
  boardId: string,
  ruleName: string,
  taken: (name: string) => boolean,
): string {
  const base = `${stamp(t)}_${safePart(boardId)}_${safePart(ruleName)}`;
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

/** True for a name this bench gives a bundle (the only folders the list reads and the handlers accept). */
export function isBundleName(name: string): boolean {
  return /^\d{8}-\d{6}_[a-z0-9-]{1,41}_[a-z0-9-]{1,41}(-\d+)?$/.test(name);
}
