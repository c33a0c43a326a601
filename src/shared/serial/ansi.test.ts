import { describe, expect, it } from 'vitest';
import { parseAnsi, visibleControls } from './ansi';

describe('parseAnsi', () => {
  it('passes plain text through', () => {
    expect(parseAnsi('plain')).toEqual([{ text: 'plain' }]);
  });
  it('applies colours, bright colours, bold and reset', () => {
    expect(parseAnsi('\x1b[31mred\x1b[0m \x1b[1;92mok\x1b[39m!\x1b[m.')).toEqual([
      { text: 'red', fg: 1 },
      { text: ' ' },
      { text: 'ok', fg: 10, bold: true },
      { text: '!', bold: true },
      { text: '.' },
    ]);
  });
  it('drops other escape sequences', () => {
    expect(parseAnsi('\x1b[2Ka\x1b[?25lb')).toEqual([{ text: 'a' }, { text: 'b' }]);
  });
});

describe('visibleControls', () => {
  it('shows control characters as pictures, keeps tabs', () => {
    expect(visibleControls('a\x00b\x07\tc\x7f')).toBe('a\u2400b\u2407\tc\u2421');
  });
});
