// Ready-made messages for the composer: the board's own commands and a few probes of its parser.
import { ledCommandText } from '../protocol/messages';

/** A composer template: text to send as one text frame, or a raw frame to probe the parser. */
export type FrameTemplate =
  | { readonly kind: 'text'; readonly name: string; readonly text: string; readonly note?: string }
  | {
      readonly kind: 'raw';
      readonly name: string;
      readonly note: string;
      readonly fin: boolean;
      readonly opcode: number;
      readonly mask: boolean;
      readonly payloadText: string;
    };

export const FRAME_TEMPLATES: readonly FrameTemplate[] = [
  { kind: 'text', name: 'Yellow LED on', text: ledCommandText('yellow', true) },
  { kind: 'text', name: 'Yellow LED off', text: ledCommandText('yellow', false) },
  { kind: 'text', name: 'Red LED on', text: ledCommandText('red', true) },
  { kind: 'text', name: 'Red LED off', text: ledCommandText('red', false) },
  {
    kind: 'text',
    name: 'Unknown LED (no status back)',
    text: JSON.stringify({ type: 'led-command', led: 'green', state: true }),
  },
  {
    kind: 'text',
    name: 'Malformed JSON',
    text: '{"type":"led-command","led":"yellow",',
    note: 'the firmware logs "Failed to parse JSON command" and answers nothing',
  },
  {
    kind: 'text',
    name: '1024-byte text (ignored)',
    text: JSON.stringify({ type: 'led-command', led: 'yellow', state: true, pad: '' }).replace(
      '""',
      `"${'x'.repeat(1024 - 59)}"`,
    ),
    note: 'text payloads of 1024 bytes or more are ignored by the firmware',
  },
  {
    kind: 'raw',
    name: 'Unmasked client frame',
    note: 'RFC 6455 requires client frames to be masked; the firmware accepts this one',
    fin: true,
    opcode: 1,
    mask: false,
    payloadText: ledCommandText('yellow', true),
  },
  {
    kind: 'raw',
    name: 'First fragment only (FIN=0)',
    note: 'the firmware ignores FIN and processes this fragment as a whole message',
    fin: false,
    opcode: 1,
    mask: true,
    payloadText: ledCommandText('red', true),
  },
];
