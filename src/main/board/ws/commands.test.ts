import { describe, expect, it } from 'vitest';
import { judgeCommand, ledUartLine } from './commands';

describe('led-command judging (ws_commands.c)', () => {
  it.each([
    ['{"type":"led-command","led":"yellow","state":true}', { kind: 'led', led: 'yellow', state: true }],
    [
      '{ "state" : false , "led":"red", "type":"led-command", "extra": 1 }',
      { kind: 'led', led: 'red', state: false },
    ],
  ])('accepts %s', (text, out) => expect(judgeCommand(text)).toEqual(out));

  it.each([
    ['{', 'WS: Failed to parse JSON command'],
    ['[]', undefined],
    ['5', undefined],
    ['{"led":"red"}', undefined],
    ['{"type":7}', undefined],
    ['{"type":"Led-Command","led":"red","state":true}', 'WS: Unknown command type: Led-Command'],
    ['{"type":"led-command","led":"red","state":1}', 'WS: Invalid led-command format'],
    ['{"type":"led-command","led":"red","state":"true"}', 'WS: Invalid led-command format'],
    ['{"type":"led-command","led":5,"state":true}', 'WS: Invalid led-command format'],
    ['{"type":"led-command","led":"Red","state":true}', 'WS: Unknown LED: Red'],
    ['{"type":"led-command","led":"green","state":true}', 'WS: Unknown LED: green'],
  ])('rejects %s', (text, uart) => {
    const out = judgeCommand(text);
    expect(out.kind).toBe('rejected');
    if (out.kind === 'rejected') {
      expect(out.uart).toBe(uart);
      expect(out.reason.length).toBeGreaterThan(0);
    }
  });

  it('prints the firmware texts', () => {
    expect(ledUartLine('yellow', true)).toBe('WS: Yellow LED ON');
    expect(ledUartLine('red', false)).toBe('WS: Red LED OFF');
  });
});
