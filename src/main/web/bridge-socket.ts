import type { RawData, WebSocket } from 'ws';
import { isEventName, type WebClientMessage, type WebServerMessage } from '../../shared/bridge/contract';
import { encodeWire, MAX_BRIDGE_MESSAGE_BYTES } from '../../shared/bridge/wire';
import { fail } from '../../shared/result';
import type { Bench } from '../core/bench';
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
    const size = sizeOf(data);
    if (size > MAX_BRIDGE_MESSAGE_BYTES) return refuseOversize(data, size, send, log);
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

/** Bytes of a received message. */
function sizeOf(data: RawData): number {
  return Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
}

/**
 * Answers an invoke past MAX_BRIDGE_MESSAGE_BYTES with an error for that call alone, unparsed: its id and name are
 * read from the first bytes, where the page's bridge writes them (`{"t":"invoke","id":7,"name":"…"`).
 */
function refuseOversize(
  data: RawData,
  size: number,
  send: (msg: WebServerMessage) => void,
  log: (m: string) => void,
): void {
  const first = Array.isArray(data) ? data[0] : data;
  const bytes =
    first instanceof ArrayBuffer ? new Uint8Array(first, 0, Math.min(200, first.byteLength)) : first;
  const head = bytes ? Buffer.from(bytes.subarray(0, 200)).toString('utf8') : '';
  const m = /^\{"t":"invoke","id":(\d{1,15}),"name":"([\w:-]{1,60})"/.exec(head);
  const mb = (size / 1048576).toFixed(1);
  log(`bridge: message of ${mb} MB refused (${m ? m[2] : 'not an invoke'})`);
  if (!m) return;
  send({
    t: 'result',
    id: Number(m[1]),
    result: fail(
      'BAD_REQUEST',
      `${m[2]} was refused: its request is ${mb} MB, more than the ${MAX_BRIDGE_MESSAGE_BYTES / 1048576} MB one message to the app core may carry.`,
    ),
  });
}
