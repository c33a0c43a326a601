import type { Socket } from 'node:net';
import { dataCommands } from './data-commands';
import { fileCommands } from './file-commands';
import { LineBuffer, type ControlLine } from './line-buffer';
import { SessionContext, type FtpSessionDeps, type Handler } from './session-context';

export type { FtpSessionDeps } from './session-context';

const MAX_PENDING_LINES = 100;

/** Commands that make a name on the eMMC. */
const CREATES = words('MKD XMKD STOR APPE RNTO');
/** Commands that name a file or directory and make no sense without one. */
const NEEDS_ARG = words('RETR STOR APPE DELE RMD XRMD MKD XMKD RNFR RNTO SIZE MDTM CWD PORT TYPE MODE REST');

/** The firmware's command set (docs/firmware-protocol.md §7); the `extended` option adds the comfort commands. */
const FIRMWARE = words(
  'USER PASS QUIT RETR STOR RNFR RNTO DELE RMD XRMD MKD XMKD CDUP CWD PWD NLST LIST PORT EPRT TYPE NOOP PASV EPSV MODE',
);
const EXTENDED = words('SIZE MDTM REST APPE FEAT MLSD OPTS SYST');

/**
 * One control connection of the virtual board's FTP server, mirroring NetX Duo's `nxd_ftp_server`: the command
 * loop and the session commands here, the file and data-connection families in their own modules.
 */
export class FtpSession {
  private readonly lines = new LineBuffer(4096);
  private readonly pending: Array<(ControlLine & { kind: 'line' }) | 'too-long'> = [];
  private busy = false;
  private readonly s: SessionContext;
  private readonly commands: Record<string, Handler>;

  constructor(
    private readonly socket: Socket,
    private readonly deps: FtpSessionDeps,
  ) {
    this.s = new SessionContext(socket, deps);
    this.commands = this.table();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => this.s.cleanup());
    this.s.touch();
    this.s.armLoginTimeout();
    this.s.reply(220, 'Connection Ready');
  }

  private table(): Record<string, Handler> {
    const s = this.s;
    const files = fileCommands(s);
    const data = dataCommands(s);
    const t: Record<string, Handler> = {
      USER: (a) => {
        s.user = a.slice(0, 20);
        s.loggedIn = false;
        s.reply(331, 'Enter password');
      },
      PASS: () => {
        s.loggedInNow();
        this.deps.log(`FTP: ${s.client} logged in as "${s.user}"`);
        s.reply(230, 'Logged in');
      },
      QUIT: () => {
        s.reply(221, 'Goodbye');
        this.socket.end();
      },
      NOOP: () => s.reply(200, 'Command okay'),
      TYPE: (a) => this.setType(a),
      MODE: (a) => {
        const m = a.trim().toUpperCase();
        if (m === 'S' || m === 'B') s.reply(200, `Mode set to ${m}`);
        else s.reply(504, 'Mode not supported');
      },
      ...files.firmware,
      ...data.firmware,
    };
    if (!this.deps.extended) return t;
    return {
      ...t,
      ...files.extended,
      ...data.extended,
      FEAT: () =>
        void this.socket.write(
          '211-Features:\r\n SIZE\r\n MDTM\r\n REST STREAM\r\n MLST type*;size*;modify*;\r\n UTF8\r\n EPSV\r\n PASV\r\n211 End\r\n',
        ),
      OPTS: (a) =>
        /^UTF8( ON)?$/i.test(a.trim())
          ? s.reply(200, 'UTF8 mode enabled')
          : s.reply(501, 'Option not understood'),
      SYST: () => s.reply(215, 'UNIX Type: L8'),
    };
  }

  // ---- control connection ----

  private onData(chunk: Buffer): void {
    this.s.touch();
    for (const line of this.lines.push(chunk)) {
      if (line.kind === 'too-long') {
        this.deps.log(`FTP: ${this.s.client} sent a command line over 4096 bytes`);
        this.pending.push('too-long');
      } else if (line.text.trim() !== '') {
        this.pending.push(line);
      }
    }
    if (this.pending.length > MAX_PENDING_LINES) {
      this.deps.log(`FTP: ${this.s.client} flooded the control connection; closing it`);
      this.s.reply(421, 'Too many pending commands');
      this.socket.destroy();
      return;
    }
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.pending.length && !this.s.closed) {
        const line = this.pending.shift()!;
        if (line === 'too-long') {
          this.s.reply(500, 'Command line too long');
          continue;
        }
        await this.execute(line.text, line.invalidUtf8 === true);
      }
    } finally {
      this.busy = false;
    }
  }

  private async execute(line: string, invalidUtf8: boolean): Promise<void> {
    const s = this.s;
    const sp = line.indexOf(' ');
    const name = (sp < 0 ? line : line.slice(0, sp)).toUpperCase();
    const arg = sp < 0 ? '' : line.slice(sp + 1);
    const handler =
      FIRMWARE.includes(name) || (this.deps.extended && EXTENDED.includes(name))
        ? this.commands[name]
        : undefined;
    if (!handler) return s.reply(502, 'Not Implemented');
    if (!s.loggedIn && !['USER', 'PASS', 'QUIT'].includes(name)) return s.reply(530, 'Not logged in');
    if (NEEDS_ARG.includes(name) && arg.trim() === '')
      return s.reply(501, 'Syntax error in parameters or arguments');
    // Any command but RNFR and RNTO forgets a pending rename.
    if (name !== 'RNTO' && name !== 'RNFR') s.renameFrom = undefined;
    // Bytes that are not UTF-8 would reach the eMMC as U+FFFD: a name nobody typed and no client can ask for again.
    if (invalidUtf8 && arg.trim() !== '' && name !== 'USER' && name !== 'PASS') {
      this.deps.log(`FTP: ${s.client}: ${name} refused: its argument is not valid UTF-8`);
      return CREATES.includes(name)
        ? s.reply(553, 'File name not allowed: not valid UTF-8')
        : s.reply(501, 'Syntax error in parameters: not valid UTF-8');
    }
    try {
      await handler(arg);
    } catch (err) {
      this.deps.log(`FTP: ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
      s.reply(451, 'Requested action aborted: local error in processing');
    }
  }

  private setType(arg: string): void {
    const t = arg.trim().toUpperCase().replace(/\s+/g, ' ');
    if (t === 'I' || t === 'L 8') {
      this.s.type = 'I';
      this.s.reply(200, 'Type set to I');
    } else if (t === 'A' || t === 'A N') {
      this.s.type = 'A';
      this.s.reply(200, 'Type set to A');
    } else this.s.reply(504, 'Type not supported');
  }
}

function words(text: string): string[] {
  return text.split(' ');
}
