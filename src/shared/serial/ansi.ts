/** A run of text with one style. */
export interface AnsiSegment {
  readonly text: string;
  /** Colour index 0–15 (0–7 normal, 8–15 bright), or undefined for the default colour. */
  readonly fg?: number;
  readonly bold?: boolean;
}

// CSI sequences (ESC [ … final byte) and other two-byte escapes; only SGR (final 'm') changes the style.
// eslint-disable-next-line no-control-regex -- matching ESC is the point
const ESCAPE = /\x1b\[([0-9;?]*)([@-~])|\x1b[@-Z\\-_]/g;

/** Splits a line into styled runs, honouring basic SGR (0 reset, 1 bold, 22, 30–37, 39, 90–97); drops other escapes. */
export function parseAnsi(line: string): AnsiSegment[] {
  if (!line.includes('\x1b')) return [{ text: line }];
  const out: AnsiSegment[] = [];
  let fg: number | undefined;
  let bold = false;
  let last = 0;
  const push = (text: string) => {
    if (!text) return;
    out.push({ text, ...(fg !== undefined ? { fg } : {}), ...(bold ? { bold } : {}) });
  };
  for (const m of line.matchAll(ESCAPE)) {
    push(line.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[2] !== 'm') continue;
    const codes = (m[1] ?? '').split(';').map((c) => (c === '' ? 0 : Number(c)));
    for (const c of codes) {
      if (c === 0) {
        fg = undefined;
        bold = false;
      } else if (c === 1) bold = true;
      else if (c === 22) bold = false;
      else if (c >= 30 && c <= 37) fg = c - 30;
      else if (c === 39) fg = undefined;
      else if (c >= 90 && c <= 97) fg = c - 90 + 8;
    }
  }
  push(line.slice(last));
  return out;
}

/** Replaces control characters (other than tab) with visible Unicode control pictures, so garbage is seen, not hidden. */
export function visibleControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) =>
    c === '\x7f' ? '\u2421' : String.fromCharCode(0x2400 + c.charCodeAt(0)),
  );
}
