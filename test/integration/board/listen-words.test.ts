// `npm run board` on a port another program holds (issue 22, point 12): it exits with a sentence naming the server
// and the port, not Node's "listen EADDRINUSE: address already in use".
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { root, tempDir } from '../../support/processes';

let taken: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (taken ? taken.close(() => r()) : r()));
  taken = undefined;
});

/** A port held by another listener on 127.0.0.1. */
async function takenPort(): Promise<number> {
  taken = createServer();
  await new Promise<void>((r) => taken!.listen(0, '127.0.0.1', r));
  const address = taken.address();
  if (!address || typeof address !== 'object') throw new Error('no port');
  return address.port;
}

function board(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/main/cli/main.ts'), 'board', ...args],
      {
        cwd: root,
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('npm run board on a taken port', () => {
  it.each([
    ['--http-port', 'HTTP'],
    ['--ftp-port', 'FTP'],
    ['--ws-port', 'WebSocket'],
  ])('%s says which server could not listen, and why', async (flag, what) => {
    const port = await takenPort();
    const ports = { '--ws-port': '0', '--http-port': '0', '--ftp-port': '0', [flag]: String(port) };
    const r = await board([
      ...Object.entries(ports).flat(),
      '--boot-ms',
      '0',
      '--emmc',
      tempDir('listen-words-'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `error: the ${what} port ${port} on 127.0.0.1 is already in use by another program\n`,
    );
    expect(r.stderr).not.toMatch(/EADDRINUSE/);
  });
});
