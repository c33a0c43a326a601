// A fault injected into a virtual board, as an event of its session file (docs/sessions.md, `/bench/events`).
import type { ParsedRequestOf } from '../../../shared/bridge/contract';
import type { BenchEventMessage } from '../../../shared/session-file/messages';
import type { CallContext, Handler } from '../dispatch';
import type { FlightRecorder } from './flight-recorder';

type FaultRequest = ParsedRequestOf<'vboard:fault'>;

/** The event that says which fault was injected, in plain words. */
export function faultEvent(req: FaultRequest): BenchEventMessage {
  const detail = ((): string => {
    switch (req.kind) {
      case 'drop-link':
        return 'Fault injected: the board drops its link';
      case 'stall-telemetry':
        return req.on ? 'Fault injected: telemetry stalls' : 'Fault ended: telemetry flows again';
      case 'reboot':
        return 'Fault injected: the board reboots';
      case 'temperature-spike':
        return `Fault injected: the temperature jumps by ${req.deltaC} °C`;
      case 'pool-packets':
        return `Fault injected: the packet pool is left with ${req.packets} packets`;
      case 'pool-restore':
        return 'Fault ended: the packet pool is restored';
    }
  })();
  return { kind: 'fault', fault: req.kind, detail };
}

/** The board handlers, with every fault injected also written into that board's session file. */
export function withFaultEvents<H extends { 'vboard:fault': Handler<'vboard:fault'> }>(
  handlers: H,
  recorder: Pick<FlightRecorder, 'event'>,
): H {
  const inject = handlers['vboard:fault'];
  return {
    ...handlers,
    'vboard:fault': (req: FaultRequest, ctx: CallContext) => {
      recorder.event(req.boardId, faultEvent(req));
      return inject(req, ctx);
    },
  };
}
