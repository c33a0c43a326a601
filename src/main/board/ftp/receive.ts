// Reading an upload's data connection to its end, and telling the client's FIN (the file is complete) from a
// reset (it is not). Node reports both as 'end' when the RST comes after a short read: libuv treats the hang-up as
// EOF without asking the kernel. A zero-length write then asks it: on a reset socket it fails (ECONNRESET or EPIPE),
// on a half-closed one it succeeds and puts nothing on the wire.
import type { Socket } from 'node:net';

/** The data connection ended in a reset or an error: the upload is incomplete. */
export class DataConnectionLost extends Error {}

/**
 * Hands each chunk of `data` to `take` (the socket is paused until it resolves: backpressure reaches the client),
 * and resolves once the client has closed its side with FIN. Rejects with DataConnectionLost on a reset or a
 * socket error, and with `take`'s own error if it fails.
 */
export function receiveAll(data: Socket, take: (chunk: Buffer) => Promise<void>): Promise<void> {
  // Keep our side open after the client's FIN, so the probe below reaches the kernel.
  data.allowHalfOpen = true;
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (err?: unknown) => {
      if (settled) return;
      settled = true;
      data.off('data', onData);
      data.off('end', onEnd);
      data.off('error', onError);
      data.off('close', onClose);
      if (err === undefined) resolve();
      else reject(err);
    };
    const lost = (why: string) => settle(new DataConnectionLost(why));
    // The chunk being written; the end is judged only after it, so the file is complete when this resolves.
    let busy: Promise<void> = Promise.resolve();
    const onData = (chunk: Buffer) => {
      data.pause();
      busy = take(chunk).then(
        () => void (settled || data.resume()),
        (err: unknown) => settle(err ?? new Error('upload write failed')),
      );
    };
    const onEnd = () =>
      void busy.then(() => {
        if (settled) return;
        data.write(Buffer.alloc(0), (err) =>
          err ? lost(`data connection reset (${errCode(err)})`) : settle(),
        );
      });
    const onError = (err: Error) => lost(`data connection failed (${errCode(err)})`);
    const onClose = () => lost('data connection closed without FIN');
    data.on('data', onData);
    data.on('end', onEnd);
    data.on('error', onError);
    data.on('close', onClose);
    if (data.destroyed) lost('data connection already closed');
  });
}

function errCode(err: Error): string {
  return (err as NodeJS.ErrnoException).code ?? err.message;
}
