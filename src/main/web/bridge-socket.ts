import type { WebSocket } from 'ws';
import { isEventName, type WebClientMessage, type WebServerMessage } from '../../shared/bridge/contract';
import { encodeWire } from '../../shared/bridge/wire';
import type { Bench } from '../core/bench';

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
  let dropped = 0;

  const send = (msg: WebServerMessage): void => {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(encodeWire(msg, binary));
  };

  socket.on('message', (data, isBinary) => {
    if (isBinary) return log('bridge: binary message ignored');
    let msg: WebClientMessage;
    try {
      msg = JSON.parse(data.toString()) as WebClientMessage;
    } catch {
      return log('bridge: message that is not JSON ignored');
    }
    if (!msg || typeof msg !== 'object') return log('bridge: message that is not an object ignored');
    switch (msg.t) {
      case 'invoke': {
        if (typeof msg.id !== 'number') return log('bridge: invoke without a numeric id ignored');
        void bench.dispatch(msg.name, msg.request, { transport: 'browser' }).then((result) => {
          send({ t: 'result', id: msg.id, result });
        });
        return;
      }
      case 'sub': {
        if (!isEventName(msg.name))
          return log(`bridge: subscription to unknown event ${String(msg.name).slice(0, 60)}`);
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
        log('bridge: message of unknown kind ignored');
    }
  });

  socket.on('close', () => {
    for (const off of subscriptions.values()) off();
    subscriptions.clear();
  });
  socket.on('error', (err) => log(`bridge socket error: ${err.message}`));
}
