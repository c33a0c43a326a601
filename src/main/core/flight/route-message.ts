// Which channel of a session file a board's WebSocket message goes to (docs/sessions.md): telemetry, pool-status,
// and the events a message means (LED status and commands, a reboot seen as the uptime going back). Shared by the
// flight recorder and the import of NDJSON recordings, so both files say the same of the same message.
import type { ParsedBoardMessage } from '../../../shared/protocol/messages';
import type { MessageRecord } from '../../../shared/recording/format';
import type { SessionChannelKey } from '../../../shared/session-file/channels';
import { uptimeNs, type BenchEventMessage } from '../../../shared/session-file/messages';

/** Where a run's messages go, and what routing remembers between messages. */
export interface RouteSink {
  add(key: SessionChannelKey, t: number, data: string | object, publishNs?: bigint): void;
  event(t: number, e: BenchEventMessage): void;
  /** The board's last uptime seen (s), -1 before the first. */
  lastUptime: number;
}

/** Routes one message; `parsed` is the telemetry pipeline's parse of a received text message. */
export function routeMessage(
  run: RouteSink,
  record: MessageRecord,
  parsed: ParsedBoardMessage | undefined,
): void {
  if (record.op !== 1 || record.data === undefined) return;
  if (record.dir === 'tx') return sent(run, record.t, record.data);
  if (parsed?.kind === 'telemetry') {
    const uptime = parsed.message.data.uptime;
    run.add('telemetry', record.t, record.data, uptimeNs(parsed.message));
    if (typeof uptime === 'number') {
      if (uptime < run.lastUptime) {
        run.event(record.t, {
          kind: 'reboot',
          detail: `uptime went from ${run.lastUptime} s to ${uptime} s`,
        });
      }
      run.lastUptime = uptime;
    }
  } else if (parsed?.kind === 'telemetry-batch') {
    run.add('telemetry', record.t, record.data);
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
