// Which channel of a session file a board's WebSocket message goes to (docs/sessions.md): telemetry, pool-status,
// and the events a message means (LED status and commands, a reboot). Shared by the flight recorder and the import
// of NDJSON recordings, so both files say the same of the same message. Whether a message shows a reboot is not
// decided here: the caller passes the reboot rule's word (reboot-watch.ts), the one the chart's marks take.
import type { ParsedBoardMessage } from '../../../shared/protocol/messages';
import type { MessageRecord } from '../../../shared/recording/format';
import type { SessionChannelKey } from '../../../shared/session-file/channels';
import { uptimeNs, type BenchEventMessage } from '../../../shared/session-file/messages';

/** Where a run's messages go, and what routing remembers between messages. */
export interface RouteSink {
  add(key: SessionChannelKey, t: number, data: string | object, publishNs?: bigint): void;
  event(t: number, e: BenchEventMessage): void;
}

/**
 * Routes one message; `parsed` is the telemetry pipeline's parse of a received text message, `reboot` the reboot
 * rule's account of the reboot it shows, if it shows one.
 */
export function routeMessage(
  run: RouteSink,
  record: MessageRecord,
  parsed: ParsedBoardMessage | undefined,
  reboot?: string,
): void {
  if (record.op !== 1 || record.data === undefined) return;
  if (record.dir === 'tx') return sent(run, record.t, record.data);
  if (parsed?.kind === 'telemetry' || parsed?.kind === 'telemetry-batch') {
    const ns = parsed.kind === 'telemetry' ? uptimeNs(parsed.message) : undefined;
    run.add('telemetry', record.t, record.data, ns);
    if (reboot !== undefined) run.event(record.t, { kind: 'reboot', detail: reboot });
  } else if (parsed?.kind === 'led-status') {
    const leds = { yellowLed: parsed.message.data.yellowLed, redLed: parsed.message.data.redLed };
    run.event(record.t, { kind: 'led-status', leds, detail: `LEDs: ${ledWords(leds)}` });
  } else if (parsed?.kind === 'other' && parsed.type === 'pool-status') {
    run.add('pools', record.t, record.data);
  }
}

/** A message the bench sent: an LED command is an event. */
function sent(run: RouteSink, t: number, text: string): void {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return;
  }
  if (typeof v !== 'object' || v === null || !('type' in v) || v.type !== 'led-command') return;
  if (!('led' in v) || typeof v.led !== 'string' || !('state' in v) || typeof v.state !== 'boolean') return;
  const leds = { [v.led]: v.state };
  run.event(t, { kind: 'led-command', leds, detail: `Bench set ${ledWords(leds)}` });
}

function ledWords(leds: Readonly<Record<string, boolean>>): string {
  return Object.entries(leds)
    .map(([name, on]) => `${name.replace(/Led$/, '')} ${on ? 'on' : 'off'}`)
    .join(', ');
}
