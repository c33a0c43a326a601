// WS_HandleJSONCommand (ws_commands.c): strict led-command handling; errors silent on the wire, printed on UART.

/** What a text message did. `reply` is true when a led-status must be sent. */
export type CommandOutcome =
  | { readonly kind: 'led'; readonly led: 'yellow' | 'red'; readonly state: boolean }
  | { readonly kind: 'rejected'; readonly reason: string; readonly uart?: string };

/** Judges one text payload like cJSON + the firmware would. */
export function judgeCommand(text: string): CommandOutcome {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return { kind: 'rejected', reason: 'not valid JSON', uart: 'WS: Failed to parse JSON command' };
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root))
    return { kind: 'rejected', reason: 'JSON root is not an object' };
  const obj = root as Record<string, unknown>;
  if (typeof obj.type !== 'string') return { kind: 'rejected', reason: 'no "type" string' };
  if (obj.type !== 'led-command')
    return {
      kind: 'rejected',
      reason: `unknown type ${obj.type}`,
      uart: `WS: Unknown command type: ${obj.type}`,
    };
  const { led, state } = obj;
  if (typeof led !== 'string' || typeof state !== 'boolean') {
    return {
      kind: 'rejected',
      reason: 'led not a string or state not a boolean',
      uart: 'WS: Invalid led-command format',
    };
  }
  if (led !== 'yellow' && led !== 'red')
    return { kind: 'rejected', reason: `unknown LED ${led}`, uart: `WS: Unknown LED: ${led}` };
  return { kind: 'led', led, state };
}

/** The UART line of a successful command. */
export function ledUartLine(led: 'yellow' | 'red', state: boolean): string {
  return `WS: ${led === 'yellow' ? 'Yellow' : 'Red'} LED ${state ? 'ON' : 'OFF'}`;
}
