// The words of a board's Serial chip (its serial wire in the app bar and on the Lab page), from its console.
import type { WireState } from '../../../shared/bridge/contracts/links';
import type { SerialLinkState } from '../../../shared/bridge/contracts/serial';

/** A serial link's state as the Serial chip shows it. */
export function serialWire(link: SerialLinkState): WireState {
  switch (link.kind) {
    case 'closed':
      return { kind: 'idle', detail: 'The serial console is closed.' };
    case 'opening':
      return { kind: 'connecting', detail: `Opening ${link.path} (115200 8N1)…` };
    case 'open':
      return { kind: 'open', since: link.since, detail: `Serial console ${link.path} is open (115200 8N1).` };
    case 'lost':
      return {
        kind: 'waiting',
        retryAt: link.retryAt,
        reason: link.reason,
        detail: `${link.reason}. The app looks for ${link.path} again on its own.`,
      };
    case 'failed':
      return { kind: 'failed', reason: link.reason, brief: 'not opened', detail: link.reason };
  }
}

/** The serial wire of a virtual board while its console shows its UART. */
export function virtualUartWire(since: number): WireState {
  return { kind: 'open', since, detail: "Showing the virtual board's UART (no device needed)." };
}
