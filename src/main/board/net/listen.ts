import type { Server } from 'node:net';

/**
 * A listen failure in words ("the HTTP port 8000 on 127.0.0.1 is already in use by another program"), keeping the
 * system's code on the error (`code`), so callers can still tell a taken port from other failures.
 */
export function listenError(what: string, host: string, port: number, err: unknown): Error {
  const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
  const where = `the ${what} port ${port} on ${host}`;
  const words =
    code === 'EADDRINUSE'
      ? `${where} is already in use by another program`
      : code === 'EACCES'
        ? `${where} needs administrator rights on this system (choose a port above 1023)`
        : code === 'EADDRNOTAVAIL'
          ? `${host} is not an address of this computer, so the ${what} server cannot listen there`
          : `the ${what} server cannot listen on ${host}:${port} (${err instanceof Error ? err.message : String(err)})`;
  return Object.assign(new Error(words), code ? { code } : {});
}

/** Listens on host:port and resolves with the real port (port 0 picks one); rejects, in words, on a listen error. */
export async function listenOn(server: Server, port: number, host: string, what = 'TCP'): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const fail = (err: unknown) => reject(listenError(what, host, port, err));
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}
