import { connect } from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WsClient from 'ws';
import { SerialPort } from 'serialport';
import { startCli, tempDir, root } from '../support/processes';
import { until } from '../support/wait';

const started: { stop(): Promise<number | null> }[] = [];
let socat: ChildProcess | undefined;
afterEach(async () => {
  for (const p of started.splice(0)) await p.stop();
  if (socat && socat.exitCode === null) socat.kill('SIGTERM');
  socat = undefined;
});

/** Runs the CLI expecting it to exit; returns the code and stderr. */
function runToExit(args: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/main/cli/main.ts'), ...args], {
      cwd: root,
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

describe('npm run board', () => {
  it('prints one ready line, the serial log on stderr, serves WebSocket, and exits 0 on SIGINT', async () => {
    const emmc = tempDir('board-emmc-');
    const cli = await startCli<{ ws: string; http: string; ftp: string; emmc: string }>([
      'board',
      '--ws-port',
      '0',
      '--boot-ms',
      '0',
      '--telemetry-ms',
      '50',
      '--http-port',
      '0',
      '--ftp-port',
      '0',
      '--emmc',
      emmc,
    ]);
    started.push(cli);
    expect(cli.ready).toEqual({
      ws: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+$/),
      http: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      ftp: expect.stringMatching(/^ftp:\/\/127\.0\.0\.1:\d+$/),
      emmc,
    });
    // The seeded dashboard is served from the new eMMC, and the FTP server greets as NetX does.
    const page = await fetch(`${cli.ready.http}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html');
    const greeting = await new Promise<string>((resolve, reject) => {
      const { port } = new URL(cli.ready.ftp);
      const sock = connect(Number(port), '127.0.0.1');
      sock.once('data', (d) => {
        resolve(d.toString());
        sock.destroy();
      });
      sock.once('error', reject);
    });
    expect(greeting).toBe('220 Connection Ready\r\n');
    const ws = new WsClient(cli.ready.ws, { handshakeTimeout: 3000 });
    const got: string[] = [];
    ws.on('message', (d) => got.push(d.toString()));
    await until(() => got.length >= 2, 'messages');
    expect(got[0]).toBe('{"type":"led-status","data":{"yellowLed":false,"redLed":false}}');
    ws.terminate();
    await until(() => cli.stderr().includes('Telemetry thread started (demo mode)\r\n'), 'boot log');
    expect(cli.stderr().startsWith('=== System Starting ===\r\n')).toBe(true);
    expect(await cli.stop('SIGTERM')).toBe(0);
  });

  it('rejects a bad flag with one line and exit 2 (the rules are unit-tested in src/main/cli/board.test.ts)', async () => {
    const r = await runToExit(['board', '--ws-port', '70000']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: --ws-port must be a port number from 0 to 65535, not "70000"\n');
  });

  it('mirrors the UART to a serial device (socat pty pair)', async () => {
    const dir = tempDir('board-uart-');
    const a = join(dir, 'ttyA');
    const b = join(dir, 'ttyB');
    socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
      stdio: 'ignore',
    });
    await until(() => existsSync(a) && existsSync(b), 'socat ptys');
    const reader = new SerialPort({ path: b, baudRate: 115200, lock: false });
    let text = '';
    reader.on('data', (d: Buffer) => (text += d.toString('latin1')));
    await new Promise<void>((r, j) =>
      reader.isOpen ? r() : reader.once('open', () => r()).once('error', j),
    );
    const cli = await startCli<{ ws: string }>([
      'board',
      '--ws-port',
      '0',
      '--http-port',
      '0',
      '--ftp-port',
      '0',
      '--emmc',
      dir,
      '--boot-ms',
      '0',
      '--uart',
      a,
    ]);
    started.push(cli);
    const ws = new WsClient(cli.ready.ws, { handshakeTimeout: 3000 });
    ws.on('open', () => ws.send('not json'));
    await until(() => text.includes('WS: Failed to parse JSON command\r\n'), 'command error on the UART');
    expect(text).toContain('=== System Starting ===\r\n');
    ws.terminate();
    await new Promise<void>((r) => reader.close(() => r()));
  });
});
