import { connect, createServer, type Server, type Socket } from 'node:net';

/** Strips the IPv4-mapped prefix (`::ffff:`) so addresses compare and print as dotted quads. */
export function plainAddress(address: string | undefined): string {
  return (address ?? '').replace(/^::ffff:/i, '');
}

/** A data connection being set up: passive (we listen) or active (we connect). */
export interface DataChannel {
  /** Resolves with the connected data socket, or rejects after `timeoutMs`. */
  open(timeoutMs: number): Promise<Socket>;
  close(): void;
}

/** Picks passive ports from a range, moving the start up by one each time as NetX does; [0, 0] lets the OS pick. */
export class PassivePorts {
  private next = 0;

  constructor(private readonly range: readonly [number, number] = [0, 0]) {
    const [min, max] = range;
    if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 0 && max <= 65535 && min <= max)) {
      throw new Error(`passivePorts must be [min, max] within 0..65535, not [${min}, ${max}]`);
    }
    if (min === 0 && max !== 0)
      throw new Error('passivePorts: use [0, 0] to let the system choose, or a range starting above 0');
  }

  /** Listens on `host` and resolves with a passive channel that admits only `client`. */
  async listen(host: string, client: string): Promise<{ port: number; channel: DataChannel }> {
    const [min, max] = this.range;
    const span = max - min + 1;
    for (let i = 0; i < (min === 0 ? 1 : span); i++) {
      const port = min === 0 ? 0 : min + ((this.next + i) % span);
      const server = createServer();
      const ok = await new Promise<boolean>((resolve) => {
        server.once('error', () => resolve(false));
        server.listen({ port, host, exclusive: true, backlog: 4 }, () => resolve(true));
      });
      if (!ok) continue;
      if (min !== 0) this.next = (this.next + i + 1) % span;
      const address = server.address();
      return {
        port: typeof address === 'object' && address ? address.port : port,
        channel: passiveChannel(server, client),
      };
    }
    throw new Error('no passive port free');
  }
}

function passiveChannel(server: Server, client: string): DataChannel {
  let accepted: Socket | undefined;
  let waiter: ((s: Socket) => void) | undefined;
  server.on('connection', (socket) => {
    socket.on('error', () => undefined);
    // Only the client on the control connection may connect, and only once (no data-port hijacking).
    if (accepted || plainAddress(socket.remoteAddress) !== client) return void socket.destroy();
    accepted = socket;
    server.close();
    waiter?.(socket);
  });
  server.on('error', () => undefined);
  return {
    open: (timeoutMs) =>
      new Promise<Socket>((resolve, reject) => {
        if (accepted) return resolve(accepted);
        const timer = setTimeout(() => reject(new Error('no data connection')), timeoutMs);
        waiter = (s) => {
          clearTimeout(timer);
          resolve(s);
        };
      }),
    close: () => {
      server.close();
      if (accepted && !accepted.destroyed) accepted.destroy();
    },
  };
}

/** An active (PORT) channel: we connect to the client's address when a transfer starts. */
export function activeChannel(host: string, port: number, localAddress: string | undefined): DataChannel {
  let socket: Socket | undefined;
  return {
    open: (timeoutMs) =>
      new Promise<Socket>((resolve, reject) => {
        const s = connect({ host, port, localAddress });
        socket = s;
        const timer = setTimeout(() => {
          s.destroy();
          reject(new Error('data connection timed out'));
        }, timeoutMs);
        s.once('connect', () => {
          clearTimeout(timer);
          s.removeAllListeners('error');
          s.on('error', () => undefined);
          resolve(s);
        });
        s.once('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
      }),
    close: () => socket?.destroy(),
  };
}
