// The Serial page's search: which lines match, and what the counter beside the search field says.
import type { SerialLine } from '../../../../shared/bridge/contracts/serial';
import { lineHex } from './serial-scrollback';

/** Sequence numbers of the received lines containing `query` (case-insensitive); separators are not searched. */
export function searchMatches(lines: readonly SerialLine[], query: string, hex: boolean): number[] {
  if (!query) return [];
  const q = query.toLowerCase();
  const out: number[] = [];
  for (const l of lines)
    if (!l.mark && (hex ? lineHex(l) : l.text).toLowerCase().includes(q)) out.push(l.seq);
  return out;
}

/** "5 matches" until one is chosen, then "2 of 5"; "1 match"; "no matches". */
export function matchLabel(count: number, chosen: number): string {
  if (count === 0) return 'no matches';
  if (chosen < 0) return count === 1 ? '1 match' : `${count.toLocaleString()} matches`;
  return `${(Math.min(chosen, count - 1) + 1).toLocaleString()} of ${count.toLocaleString()}`;
}
