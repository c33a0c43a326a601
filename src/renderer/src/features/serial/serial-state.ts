import type { SerialConsoleState } from '../../../../shared/bridge/contracts/serial';
import type { LinkTone } from '../../components/LinkChip';

/** The console's input as a chip: a word, a tone and a sentence for the tooltip. */
export function describeSerialState(
  state: SerialConsoleState | undefined,
  now: number,
): { word: string; tone: LinkTone; detail: string } {
  const input = state?.input;
  if (!input || input.kind === 'none')
    return { word: 'closed', tone: 'off', detail: 'No serial port is open.' };
  if (input.kind === 'source')
    return { word: input.name, tone: 'ok', detail: `Showing the serial log of ${input.name}.` };
  const link = input.link;
  switch (link.kind) {
    case 'closed':
      return { word: 'closed', tone: 'off', detail: 'The port is closed.' };
    case 'opening':
      return {
        word: link.attempt > 1 ? `reopening (try ${link.attempt})` : 'opening',
        tone: 'busy',
        detail: `Opening ${link.path}…`,
      };
    case 'open':
      return { word: 'open', tone: 'ok', detail: `${link.path} is open at ${input.settings.baudRate} baud.` };
    case 'lost':
      return {
        word: `lost · retrying in ${Math.max(0, Math.ceil((link.retryAt - now) / 1000))} s`,
        tone: 'warn',
        detail: `${link.reason} Attempt ${link.attempt}; the app reopens only the same device.`,
      };
    case 'failed':
      return { word: 'failed', tone: 'error', detail: link.reason };
  }
}
