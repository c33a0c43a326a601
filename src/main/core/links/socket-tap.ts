// Taps on the WebSocket link's TCP socket: the bytes as they went on and came off the wire, for the frame log.
import type { Socket } from 'node:net';
import type { FrameTap } from '../frames/tap';

/** Reports one TCP connection to the frame log: opened, every read and write as it went, FIN, RST, close. */
export function installFrameTap(
  socket: Socket,
  tap: FrameTap,
  connId: string,
  meta: { host: string; port: number; boardId?: string },
): void {
  const now = () => performance.timeOrigin + performance.now();
  let opened = false;
  // Node's HTTP client writes the upgrade request while the socket is still connecting: the socket holds it until
  // 'connect', when it goes on the wire (a socket that never connects never wrote it), and so does the log.
  let early: Uint8Array[] | undefined = [];
  socket.once('connect', () => {
    opened = true;
    tap.connectionOpened(
      connId,
      { ...meta, localAddress: socket.localAddress, localPort: socket.localPort },
      now(),
    );
    tap.connectionEvent(connId, 'connected', undefined, now());
    for (const bytes of early ?? []) tap.chunk(connId, 'tx', bytes, now());
    early = undefined;
  });
  onWireData(socket, (chunk) => tap.chunk(connId, 'rx', chunk, now()));
  onWireWrite(socket, (bytes) => {
    if (opened) tap.chunk(connId, 'tx', bytes, now());
    else early?.push(bytes);
  });
  socket.on(
    'end',
    () => opened && tap.connectionEvent(connId, 'fin', 'the board closed its side (FIN)', now()),
  );
  socket.on('error', (err: NodeJS.ErrnoException) => {
    if (opened && err.code === 'ECONNRESET')
      tap.connectionEvent(connId, 'reset', 'the board reset the connection (RST)', now());
  });
  socket.on('close', () => opened && tap.connectionEvent(connId, 'closed', undefined, now()));
}

/**
 * Calls `cb` with the bytes as they came off the wire. `ws` pushes back what followed the 101 response in the same
 * segment (`socket.unshift(head)`), and the stream emits those bytes again as 'data': they are skipped here, else
 * the first frame after the upgrade (the firmware's led-status) is logged twice.
 */
function onWireData(socket: Socket, cb: (chunk: Buffer) => void): void {
  let replayed = 0;
  const unshift = socket.unshift.bind(socket);
  socket.unshift = (chunk: Parameters<Socket['unshift']>[0], encoding?: BufferEncoding) => {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array)
      replayed += Buffer.byteLength(chunk as string | Uint8Array);
    return unshift(chunk, encoding);
  };
  socket.on('data', (chunk: Buffer) => {
    if (replayed === 0) return cb(chunk);
    const skip = Math.min(replayed, chunk.length);
    replayed -= skip;
    if (skip < chunk.length) cb(chunk.subarray(skip));
  });
}

type WriteDone = (err?: Error | null) => void;
interface StreamWrites {
  _write(chunk: unknown, encoding: BufferEncoding, done: WriteDone): void;
  _writev?(chunks: ReadonlyArray<{ chunk: unknown; encoding: BufferEncoding }>, done: WriteDone): void;
}

/**
 * Calls `cb` with the bytes of each write the socket hands to the kernel, one call per write. `ws` sends a frame as
 * two socket.write calls (header, then masked payload) inside cork()/uncork(); the stream gives both to the socket
 * as ONE writev, one TCP segment with Nagle off. Wrapping write() would see two writes and log a whole frame as
 * split; the stream's _write/_writev see what the kernel gets.
 */
function onWireWrite(socket: Socket, cb: (bytes: Buffer) => void): void {
  const s = socket as unknown as StreamWrites;
  const write = s._write.bind(socket);
  s._write = (chunk, encoding, done) => {
    cb(wireBytes(chunk, encoding));
    write(chunk, encoding, done);
  };
  const writev = s._writev?.bind(socket);
  if (writev)
    s._writev = (chunks, done) => {
      cb(Buffer.concat(chunks.map((c) => wireBytes(c.chunk, c.encoding))));
      writev(chunks, done);
    };
}

/** A copy of one chunk as bytes (a socket keeps strings as strings until it writes them). */
function wireBytes(chunk: unknown, encoding: BufferEncoding): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, encoding);
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return Buffer.alloc(0);
}
