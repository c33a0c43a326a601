import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { EmmcError, normalizeVirtual, type Emmc, type EmmcEntry, type WriteMode } from '../emmc';
import type { PacketPool } from '../memory/packet-pool';
import { activeChannel, plainAddress, type DataChannel, type PassivePorts } from './data-channel';
import { LineBuffer, type ControlLine } from './line-buffer';
import { endSocket, writeInPackets } from './pooled-write';
import { DataConnectionLost, receiveAll } from './receive';
import { listLine, mdtm, mlsdLine } from './listing';

/** What a session needs from its server. */
export interface FtpSessionDeps {
  readonly emmc: Emmc;
  readonly extended: boolean;
  readonly idleTimeoutMs: number;
  readonly dataTimeoutMs: number;
  readonly passive: PassivePorts;
  readonly pool?: PacketPool;
  readonly log: (message: string) => void;
}

type Handler = (arg: string) => Promise<void> | void;

const MAX_PENDING_LINES = 100;

/** Commands that name a file or directory and make no sense without one. */
/** Commands that make a name on the eMMC. */
const CREATES = words('MKD XMKD STOR APPE RNTO');
const NEEDS_ARG = words('RETR STOR APPE DELE RMD XRMD MKD XMKD RNFR RNTO SIZE MDTM CWD PORT TYPE MODE REST');

/** The firmware's command set (docs/firmware-protocol.md §7); the `extended` option adds the comfort commands. */
const FIRMWARE = words(
  'USER PASS QUIT RETR STOR RNFR RNTO DELE RMD XRMD MKD XMKD CDUP CWD PWD NLST LIST PORT EPRT TYPE NOOP PASV EPSV MODE',
);
const EXTENDED = words('SIZE MDTM REST APPE FEAT MLSD OPTS SYST');

/** One control connection of the virtual board's FTP server, mirroring NetX Duo's `nxd_ftp_server`. */
export class FtpSession {
  private readonly lines = new LineBuffer(4096);
  private readonly pending: Array<(ControlLine & { kind: 'line' }) | 'too-long'> = [];
  private busy = false;
  private loggedIn = false;
  private user = '';
  private type: 'A' | 'I' = 'A';
  private cwd = '/';
  private channel: DataChannel | undefined;
  private dataSocket: Socket | undefined;
  private renameFrom: string | undefined;
  private restOffset = 0;
  private idle: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly commands: Record<string, Handler>;
  private readonly client: string;

  constructor(
    private readonly socket: Socket,
    private readonly deps: FtpSessionDeps,
  ) {
    this.client = plainAddress(socket.remoteAddress);
    this.commands = this.table();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => this.cleanup());
    this.touch();
    this.reply(220, 'Connection Ready');
  }

  private table(): Record<string, Handler> {
    const t: Record<string, Handler> = {
      USER: (a) => {
        this.user = a.slice(0, 20);
        this.loggedIn = false;
        this.reply(331, 'Enter password');
      },
      PASS: () => {
        this.loggedIn = true;
        this.deps.log(`FTP: ${this.client} logged in as "${this.user}"`);
        this.reply(230, 'Logged in');
      },
      QUIT: () => {
        this.reply(221, 'Goodbye');
        this.socket.end();
      },
      NOOP: () => this.reply(200, 'Command okay'),
      TYPE: (a) => this.setType(a),
      MODE: (a) => {
        const m = a.trim().toUpperCase();
        if (m === 'S' || m === 'B') this.reply(200, `Mode set to ${m}`);
        else this.reply(504, 'Mode not supported');
      },
      PWD: () => this.reply(257, `"${this.cwd.replace(/"/g, '""')}" is current directory`),
      CWD: (a) => this.changeDir(a),
      CDUP: () => this.changeDir('..'),
      MKD: (a) => this.makeDir(a),
      XMKD: (a) => this.makeDir(a),
      RMD: (a) => this.fsOp(() => this.deps.emmc.rmdir(this.path(a)), 250, 'Directory removed'),
      XRMD: (a) => this.fsOp(() => this.deps.emmc.rmdir(this.path(a)), 250, 'Directory removed'),
      DELE: (a) => this.fsOp(() => this.deps.emmc.delete(this.path(a)), 250, 'File deleted'),
      RNFR: (a) => this.renameFromCmd(a),
      RNTO: (a) => this.renameTo(a),
      PASV: () => this.passive(false),
      EPSV: (a) =>
        a.trim().toUpperCase() === 'ALL' ? this.reply(200, 'EPSV ALL accepted') : this.passive(true),
      PORT: (a) => this.port(a),
      EPRT: () => this.reply(502, 'EPRT illegal in IPv4'),
      LIST: (a) => this.list(a, 'list'),
      NLST: (a) => this.list(a, 'nlst'),
      RETR: (a) => this.retrieve(a),
      STOR: (a) => this.store(a, 'replace'),
    };
    if (!this.deps.extended) return t;
    return {
      ...t,
      SIZE: (a) => this.fileInfo(a, (e) => `${e.size}`),
      MDTM: (a) => this.fileInfo(a, (e) => mdtm(e.mtime)),
      REST: (a) => {
        if (!/^\d+$/.test(a.trim())) return this.reply(501, 'REST needs a byte offset');
        this.restOffset = Number(a.trim());
        this.reply(350, `Restarting at ${this.restOffset}`);
      },
      APPE: (a) => this.store(a, 'append'),
      MLSD: (a) => this.list(a, 'mlsd'),
      FEAT: () =>
        void this.socket.write(
          '211-Features:\r\n SIZE\r\n MDTM\r\n REST STREAM\r\n MLST type*;size*;modify*;\r\n UTF8\r\n EPSV\r\n PASV\r\n211 End\r\n',
        ),
      OPTS: (a) =>
        /^UTF8( ON)?$/i.test(a.trim())
          ? this.reply(200, 'UTF8 mode enabled')
          : this.reply(501, 'Option not understood'),
      SYST: () => this.reply(215, 'UNIX Type: L8'),
    };
  }

  // ---- control connection ----

  private onData(chunk: Buffer): void {
    this.touch();
    for (const line of this.lines.push(chunk)) {
      if (line.kind === 'too-long') {
        this.deps.log(`FTP: ${this.client} sent a command line over 4096 bytes`);
        this.pending.push('too-long');
      } else if (line.text.trim() !== '') {
        this.pending.push(line);
      }
    }
    if (this.pending.length > MAX_PENDING_LINES) {
      this.deps.log(`FTP: ${this.client} flooded the control connection; closing it`);
      this.reply(421, 'Too many pending commands');
      this.socket.destroy();
      return;
    }
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.pending.length && !this.closed) {
        const line = this.pending.shift()!;
        if (line === 'too-long') {
          this.reply(500, 'Command line too long');
          continue;
        }
        await this.execute(line.text, line.invalidUtf8 === true);
      }
    } finally {
      this.busy = false;
    }
  }

  private async execute(line: string, invalidUtf8: boolean): Promise<void> {
    const sp = line.indexOf(' ');
    const name = (sp < 0 ? line : line.slice(0, sp)).toUpperCase();
    const arg = sp < 0 ? '' : line.slice(sp + 1);
    const handler =
      FIRMWARE.includes(name) || (this.deps.extended && EXTENDED.includes(name))
        ? this.commands[name]
        : undefined;
    if (!handler) return this.reply(502, 'Not Implemented');
    if (!this.loggedIn && !['USER', 'PASS', 'QUIT'].includes(name)) return this.reply(530, 'Not logged in');
    if (NEEDS_ARG.includes(name) && arg.trim() === '')
      return this.reply(501, 'Syntax error in parameters or arguments');
    if (name !== 'RNTO') this.renameFromPending(name);
    // Bytes that are not UTF-8 would reach the eMMC as U+FFFD: a name nobody typed and no client can ask for again.
    if (invalidUtf8 && arg.trim() !== '' && name !== 'USER' && name !== 'PASS') {
      this.deps.log(`FTP: ${this.client}: ${name} refused: its argument is not valid UTF-8`);
      return CREATES.includes(name)
        ? this.reply(553, 'File name not allowed: not valid UTF-8')
        : this.reply(501, 'Syntax error in parameters: not valid UTF-8');
    }
    try {
      await handler(arg);
    } catch (err) {
      this.deps.log(`FTP: ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
      this.reply(451, 'Requested action aborted: local error in processing');
    }
  }

  private renameFromPending(name: string): void {
    if (name !== 'RNFR') this.renameFrom = undefined;
  }

  private reply(code: number, text: string): void {
    if (this.closed || this.socket.destroyed) return;
    this.socket.write(`${code} ${text.replace(/[\r\n]+/g, ' ')}\r\n`);
  }

  private touch(): void {
    clearTimeout(this.idle);
    if (this.closed) return;
    this.idle = setTimeout(() => {
      this.deps.log(`FTP: ${this.client} idle for ${Math.round(this.deps.idleTimeoutMs / 1000)} s; closing`);
      this.reply(421, 'Timeout: closing control connection');
      this.socket.end();
      setTimeout(() => this.socket.destroy(), 1000).unref();
    }, this.deps.idleTimeoutMs);
    this.idle.unref();
  }

  private cleanup(): void {
    this.closed = true;
    clearTimeout(this.idle);
    this.channel?.close();
    this.dataSocket?.destroy();
  }

  // ---- paths and simple commands ----

  /** Canonical virtual path of an argument: relative to the cwd, `..` climbs but never above `/`. */
  private path(arg: string): string {
    return normalizeVirtual(arg, this.cwd, true);
  }

  private failure(err: unknown): void {
    if (err instanceof EmmcError) {
      if (err.code === 'ENOSPC') return this.reply(452, 'Insufficient storage space');
      return this.reply(550, err.message);
    }
    throw err;
  }

  private async fsOp(op: () => Promise<unknown>, code: number, text: string): Promise<void> {
    try {
      await op();
    } catch (err) {
      return this.failure(err);
    }
    this.reply(code, text);
  }

  private setType(arg: string): void {
    const t = arg.trim().toUpperCase().replace(/\s+/g, ' ');
    if (t === 'I' || t === 'L 8') {
      this.type = 'I';
      this.reply(200, 'Type set to I');
    } else if (t === 'A' || t === 'A N') {
      this.type = 'A';
      this.reply(200, 'Type set to A');
    } else this.reply(504, 'Type not supported');
  }

  private async changeDir(arg: string): Promise<void> {
    try {
      const target = this.path(arg || '/');
      const e = await this.deps.emmc.stat(target);
      if (e.kind !== 'dir') return this.reply(550, `${target}: not a directory`);
      this.cwd = target;
    } catch (err) {
      return this.failure(err);
    }
    this.reply(250, 'Directory changed');
  }

  private async makeDir(arg: string): Promise<void> {
    try {
      const made = await this.deps.emmc.mkdir(this.path(arg));
      this.reply(257, `"${made.replace(/"/g, '""')}" directory created`);
    } catch (err) {
      this.failure(err);
    }
  }

  private async renameFromCmd(arg: string): Promise<void> {
    try {
      const from = this.path(arg);
      await this.deps.emmc.stat(from);
      this.renameFrom = from;
    } catch (err) {
      return this.failure(err);
    }
    this.reply(350, 'File exists, ready for destination name');
  }

  private async renameTo(arg: string): Promise<void> {
    const from = this.renameFrom;
    this.renameFrom = undefined;
    if (!from) return this.reply(503, 'RNFR required first');
    await this.fsOp(() => this.deps.emmc.rename(from, this.path(arg)), 250, 'Rename successful');
  }

  private async fileInfo(arg: string, fmt: (e: EmmcEntry) => string): Promise<void> {
    try {
      const e = await this.deps.emmc.stat(this.path(arg));
      if (e.kind !== 'file') return this.reply(550, 'Not a plain file');
      this.reply(213, fmt(e));
    } catch (err) {
      this.failure(err);
    }
  }

  // ---- data connections ----

  private resetChannel(): void {
    this.channel?.close();
    this.channel = undefined;
  }

  private async passive(extended: boolean): Promise<void> {
    this.resetChannel();
    const local = plainAddress(this.socket.localAddress);
    if (!extended && !/^\d+\.\d+\.\d+\.\d+$/.test(local)) return this.reply(425, 'PASV needs IPv4; use EPSV');
    let opened;
    try {
      opened = await this.deps.passive.listen(local, this.client);
    } catch {
      return this.reply(425, "Can't open passive connection");
    }
    this.channel = opened.channel;
    const p = opened.port;
    if (extended) this.reply(229, `Entering Extended Passive Mode (|||${p}|)`);
    else this.reply(227, `Entering Passive Mode (${local.split('.').join(',')},${p >> 8},${p & 255})`);
  }

  private port(arg: string): void {
    const parts = arg.trim().split(',');
    const nums = parts.map((n) => (/^\d{1,3}$/.test(n.trim()) ? Number(n) : NaN));
    if (nums.length !== 6 || nums.some((n) => !(n >= 0 && n <= 255)))
      return this.reply(501, 'Syntax error in PORT arguments');
    const host = nums.slice(0, 4).join('.');
    const port = nums[4]! * 256 + nums[5]!;
    // No FTP bounce: data goes only to the client itself, and never to a privileged port.
    if (host !== this.client || port < 1024) {
      this.deps.log(`FTP: ${this.client} refused PORT to ${host}:${port}`);
      return this.reply(501, 'Illegal PORT command');
    }
    this.resetChannel();
    this.channel = activeChannel(host, port, plainAddress(this.socket.localAddress) || undefined);
    this.reply(200, 'PORT command successful');
  }

  /** Opens the data connection after `150`, runs `work` on it, and answers 226 or the failure. */
  private async transfer(
    label: string,
    work: (data: Socket) => Promise<void>,
    onFail?: () => Promise<void>,
  ): Promise<void> {
    const channel = this.channel;
    this.channel = undefined;
    if (!channel) {
      await onFail?.();
      return this.reply(425, 'Use PORT or PASV first');
    }
    this.reply(150, `Opening ${this.type === 'I' ? 'BINARY' : 'ASCII'} mode data connection for ${label}`);
    let data: Socket;
    try {
      data = await channel.open(this.deps.dataTimeoutMs);
    } catch {
      channel.close();
      await onFail?.();
      return this.reply(425, "Can't open data connection");
    }
    this.dataSocket = data;
    data.setNoDelay(true);
    try {
      await work(data);
      this.reply(226, 'Transfer complete');
    } catch (err) {
      data.destroy();
      if (err instanceof EmmcError && err.code === 'ENOSPC')
        return this.reply(552, 'Exceeded storage allocation');
      if (err instanceof EmmcError) return this.reply(550, err.message);
      if (err instanceof DataConnectionLost)
        this.deps.log(`FTP: ${this.client}: ${label}: ${err.message}; aborted`);
      this.reply(426, 'Connection closed; transfer aborted');
    } finally {
      this.dataSocket = undefined;
      channel.close();
    }
  }

  private async list(arg: string, kind: 'list' | 'nlst' | 'mlsd'): Promise<void> {
    // Clients send `LIST -la`; options are ignored, the rest (which may contain spaces) is the path.
    const target = arg.replace(/^(\s*-[A-Za-z]+)+\s*/, '');
    let entries: EmmcEntry[];
    try {
      const path = this.path(target || '.');
      const e = await this.deps.emmc.stat(path);
      entries = e.kind === 'dir' ? await this.deps.emmc.list(path) : [e];
      if (kind === 'mlsd' && e.kind !== 'dir') return this.reply(501, 'MLSD needs a directory');
    } catch (err) {
      return this.failure(err);
    }
    const text = entries
      .map((e) => (kind === 'list' ? listLine(e) : kind === 'mlsd' ? mlsdLine(e) : `${e.name}\r\n`))
      .join('');
    await this.transfer('file list', (data) => this.sendAll(data, Buffer.from(text)));
  }

  private async retrieve(arg: string): Promise<void> {
    const start = this.restOffset;
    this.restOffset = 0;
    if (this.type !== 'I') return this.reply(504, 'Only Image transfer allowed');
    let file: { stream: Readable; size: number };
    try {
      file = await this.deps.emmc.read(this.path(arg), {
        start,
        highWaterMark: this.deps.pool ? this.deps.pool.payload * 32 : 256 * 1024,
      });
    } catch (err) {
      return this.failure(err);
    }
    await this.transfer(
      arg,
      async (data) => {
        try {
          for await (const chunk of file.stream as AsyncIterable<Buffer>) {
            this.touch();
            await writeInPackets(data, chunk, this.deps.pool, this.deps.dataTimeoutMs);
          }
        } finally {
          file.stream.destroy();
        }
        await endSocket(data);
      },
      async () => void file.stream.destroy(),
    );
  }

  private async store(arg: string, mode: WriteMode): Promise<void> {
    const rest = this.restOffset;
    this.restOffset = 0;
    if (this.type !== 'I') return this.reply(504, 'Only Image transfer allowed');
    if (rest) return this.reply(504, 'REST is supported for RETR only; use APPE to resume an upload');
    let upload;
    try {
      upload = await this.deps.emmc.write(this.path(arg), { mode });
    } catch (err) {
      return this.failure(err);
    }
    const up = upload;
    let failure: unknown;
    up.stream.on('error', (err) => (failure ??= err));
    await this.transfer(
      arg,
      async (data) => {
        try {
          // Only the client's FIN completes the file; a reset leaves the old one in place (426).
          await receiveAll(data, async (chunk) => {
            this.touch();
            if (failure) throw failure;
            await writeInPackets(up.stream, chunk, this.deps.pool, this.deps.dataTimeoutMs);
          });
          if (failure) throw failure;
          await up.commit();
        } catch (err) {
          await up.abort();
          throw failure ?? err;
        }
      },
      () => up.abort(),
    );
  }

  private async sendAll(data: Socket, buf: Buffer): Promise<void> {
    if (buf.length) await writeInPackets(data, buf, this.deps.pool, this.deps.dataTimeoutMs);
    await endSocket(data);
  }
}

function words(text: string): string[] {
  return text.split(' ');
}
