import type { WebSocket } from 'ws';
import { isEventName, type WebClientMessage, type WebServerMessage } from '../../shared/bridge/contract';
import { encodeWire } from '../../shared/bridge/wire';
import type { Bench } from '../core/bench';
import { fail } from '../../shared/result';
import { IgnoredLog, MAX_PENDING_CALLS, TOO_MANY_CALLS } from './bridge-limits';

/** Events are dropped for a client whose socket has more than this queued (a stalled tab must not grow memory). */
const MAX_BUFFERED = 8 * 1024 * 1024;

/**
 * Serves the bridge contract over one browser WebSocket: invokes go to the dispatcher, events to subscribers.
 * `binary`: the page asked for typed arrays as binary frames (src/shared/bridge/wire.ts).
 */
export function serveBridgeSocket(
  socket: WebSocket,
  bench: Bench,
  log: (m: string) => void,
  binary = false,
): void {
  const subscriptions = new Map<string, () => void>();
  const ignored = new IgnoredLog(log);
  let dropped = 0;
  /** Calls not yet answered on the wire: bounded, so one page cannot pile up work or answers without limit. */
  let pending = 0;

  const send = (msg: WebServerMessage, written?: () => void): void => {
    if (socket.readyState !== socket.OPEN) return written?.();
    socket.send(encodeWire(msg, binary), written);
  };

  socket.on('message', (data, isBinary) => {
    if (isBinary) return ignored.ignored('binary message ignored');
    let msg: WebClientMessage;
    try {
      msg = JSON.parse(data.toString()) as WebClientMessage;
    } catch {
      return ignored.ignored('message that is not JSON ignored');
    }
    if (!msg || typeof msg !== 'object') return ignored.ignored('message that is not an object ignored');
    switch (msg.t) {
      case 'invoke': {
        // An id the answer cannot carry back as sent (1e999 is written as null, 2^60 loses digits) is no id.
        if (!Number.isSafeInteger(msg.id)) return ignored.ignored('invoke without a whole-number id ignored');
        const id = msg.id;
        if (pending >= MAX_PENDING_CALLS) {
          send({ t: 'result', id, result: fail('UNAVAILABLE', TOO_MANY_CALLS) });
          return;
        }
        pending++;
        void bench
          .dispatch(msg.name, msg.request, { transport: 'browser' })
          // The dispatcher answers every failure as a value; should it ever reject, the call is still answered
          // (an unhandled rejection would end browser mode).
          .catch((err: unknown) => {
            log(
              `bridge: a call failed outside its handler: ${err instanceof Error ? err.message : String(err)}`,
            );
            return fail('INTERNAL', 'The bench could not handle this request.');
          })
          .then((result) => send({ t: 'result', id, result }, () => pending--));
        return;
      }
      case 'sub': {
        if (!isEventName(msg.name))
          return ignored.ignored(
            typeof msg.name === 'string'
              ? `subscription to unknown event ${JSON.stringify(msg.name.slice(0, 60))}`
              : 'subscription to an event name that is not text',
          );
        if (subscriptions.has(msg.name)) return;
        const name = msg.name;
        subscriptions.set(
          name,
          bench.hub.on(name, (payload) => {
            if (socket.bufferedAmount > MAX_BUFFERED) {
              if (dropped++ % 100 === 0) log(`bridge: client is not reading, ${dropped} events dropped`);
              return;
            }
            send({ t: 'event', name, payload });
          }),
        );
        return;
      }
      case 'unsub': {
        subscriptions.get(msg.name)?.();
        subscriptions.delete(msg.name);
        return;
      }
      default:
        ignored.ignored('message of unknown kind ignored');
    }
  });

  socket.on('close', () => {
    for (const off of subscriptions.values()) off();
    subscriptions.clear();
    ignored.close();
  });
  socket.on('error', (err) => log(`bridge socket error: ${err.message}`));
}
