import { createServer, type Socket } from 'node:net';
import { listenOn } from '../net/listen';
import type { Emmc } from '../emmc';
import type { PacketPool } from '../memory/packet-pool';
import { PassivePorts, plainAddress } from './data-channel';
import { FtpSession } from './session';

export { listLine, mlsdLine, mdtm } from './listing';
export { LineBuffer, type ControlLine } from './line-buffer';

/** Options of the virtual board's FTP server (NetX Duo `nxd_ftp_server`, docs/firmware-protocol.md §7). */
export interface FtpServerOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** The firmware's is 21; pass 0 for any free port. */
  readonly port: number;
  readonly emmc: Emmc;
  /** Passive data ports [min, max]; default [0, 0]: the system picks. Always on the control connection's local address. */
  readonly passivePorts?: readonly [number, number];
  /** Adds SIZE, MDTM, REST (for RETR), APPE, FEAT, MLSD, OPTS UTF8 and SYST. Default false: the firmware's set. */
  readonly extended?: boolean;
  /** NX_FTP_MAX_CLIENTS. Default 4; further clients get `421` and are closed. */
  readonly maxClients?: number;
  /** Inactivity timeout. Default 240 000 ms as the firmware's. */
  readonly idleTimeoutMs?: number;
  /**
   * Closes a control connection not logged in this long after it connected (421). Off (undefined) by default: the
   * firmware has no such limit, so 4 clients that never log in hold every slot until the inactivity timeout.
   */
  readonly loginTimeoutMs?: number;
  /** How long a transfer waits for its data connection. Default 20 000 ms. */
  readonly dataTimeoutMs?: number;
  /** "FTP Server Packet Pool" (payload 776, ≈129 packets): data in flight holds packets from it. */
  readonly pool?: PacketPool;
  readonly log?: (message: string) => void;
}

/** A running FTP server. */
export interface FtpServerHandle {
  readonly port: number;
  /** Control connections open now. */
  clients(): number;
  close(): Promise<void>;
}

/** Starts the board's FTP server on the eMMC root. */
export async function startFtpServer(options: FtpServerOptions): Promise<FtpServerHandle> {
  const log = options.log ?? (() => undefined);
  const maxClients = options.maxClients ?? 4;
  const passive = new PassivePorts(options.passivePorts ?? [0, 0]);
  const sockets = new Set<Socket>();
  const deps = {
    emmc: options.emmc,
    extended: options.extended ?? false,
    idleTimeoutMs: options.idleTimeoutMs ?? 240_000,
    loginTimeoutMs: options.loginTimeoutMs,
    dataTimeoutMs: options.dataTimeoutMs ?? 20_000,
    passive,
    pool: options.pool,
    log,
  };

  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    if (sockets.size >= maxClients) {
      log(`FTP: refused ${plainAddress(socket.remoteAddress)}: ${maxClients} clients already connected`);
      socket.end('421 Too many users, try again later\r\n');
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    try {
      new FtpSession(socket, deps);
    } catch (err) {
      log(`FTP: session failed to start: ${err instanceof Error ? err.message : String(err)}`);
      socket.destroy();
    }
  });
  server.on('error', (err) => log(`FTP: server error: ${err.message}`));
  const port = await listenOn(server, options.port, options.host ?? '127.0.0.1', 'FTP');
  log(
    `FTP: listening on ${options.host ?? '127.0.0.1'}:${port}${deps.extended ? ' (extended commands on)' : ''}`,
  );
  return {
    port,
    clients: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
