import { describe, expect, it } from 'vitest';
import { listLine } from '../../src/main/board/ftp/listing';
import { parseNetxLine } from '../../src/main/core/files/netx-list';

// The core's NetX LIST parser against the virtual board's lister: the two sides of the wire, checked together here
// because the core may not import the board (docs/architecture.md §2).
const now = new Date(2026, 10, 25, 12, 0);

describe('NetX LIST parser against the virtual board', () => {
  it('round-trips what the virtual board prints, unicode and 255-character names included', () => {
    const names = ['a b c.txt', 'Grüße ✓ 日本.txt', 'x'.repeat(255), '12 MAR 05 tricky'];
    for (const name of names) {
      const line = listLine({ name, kind: 'file', size: 77, mtime: new Date(2026, 2, 4, 5, 6) }).replace(
        /\r\n$/,
        '',
      );
      const e = parseNetxLine(line, now);
      expect(e?.name).toBe(name);
      expect(e?.size).toBe(77);
    }
  });
});
