import { PassThrough, Writable, pipeline } from 'node:stream';
import { describe as suite, expect, it } from 'vitest';
import { describe } from './ftp-link';

/** The error Node's pipeline gives when the destination (the data socket) closes before the source has ended. */
function prematureClose(): Promise<Error> {
  return new Promise((resolve) => {
    const source = new PassThrough();
    const socket = new Writable({ write: (_c, _e, cb) => cb() });
    pipeline(source, socket, (err) => resolve(err ?? new Error('no error')));
    source.write('some bytes');
    socket.destroy();
  });
}

suite('FTP errors in words', () => {
  it('says the connection to the board closed during the transfer, not "Premature close"', async () => {
    const err = await prematureClose();
    expect(err.message).toBe('Premature close');
    expect(describe(err)).toBe('the connection to the board closed during the transfer');
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    expect(describe(epipe)).toBe('the connection to the board closed during the transfer');
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(describe(reset)).toBe('the connection to the board was reset during the transfer');
  });

  it('says which file on this computer could not be written, and why, not EISDIR', () => {
    const err = Object.assign(
      new Error("EISDIR: illegal operation on a directory, open '/home/me/downloads/www'"),
      {
        code: 'EISDIR',
        syscall: 'open',
        path: '/home/me/downloads/www',
      },
    );
    expect(describe(err)).toBe(
      'could not open /home/me/downloads/www: it is a folder, where a file was expected',
    );
  });
});
