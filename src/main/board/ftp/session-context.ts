// What one FTP control connection knows and the helpers every command family uses: its state (login, type, cwd,
// pending rename and restart offset, the data channel), replies, the idle timer, paths and failure replies.
import type { Socket } from 'node:net';
import { EmmcError, normalizeVirtual, type Emmc } from '../emmc';
import type { PacketPool } from '../memory/packet-pool';
import { plainAddress, type DataChannel, type PassivePorts } from './data-channel';

/** What a session needs from its server. */
export interface FtpSessionDeps {
  readonly emmc: Emmc;
  readonly extended: boolean;
  readonly idleTimeoutMs: number;
  /** Pre-login timeout (ms), or undefined: none, as on the firmware. */
  readonly loginTimeoutMs?: number;
  readonly dataTimeoutMs: number;
  readonly passive: PassivePorts;
  readonly pool?: PacketPool;
  readonly log: (message: string) => void;
}

export type Handler = (arg: string) => Promise<void> | void;

/** A family of commands: the firmware's, and those the `extended` option adds. */
export interface CommandFamily {
  readonly firmware: Record<string, Handler>;
  readonly extended: Record<string, Handler>;
}

export class SessionContext {
  loggedIn = false;
  user = '';
  type: 'A' | 'I' = 'A';
  cwd = '/';
  channel: DataChannel | undefined;
  dataSocket: Socket | undefined;
  renameFrom: string | undefined;
  restOffset = 0;
  closed = false;
  readonly client: string;
  private idle: NodeJS.Timeout | undefined;
  private login: NodeJS.Timeout | undefined;

  constructor(
    readonly socket: Socket,
    readonly deps: FtpSessionDeps,
  ) {
    this.client = plainAddress(socket.remoteAddress);
  }

  reply(code: number, text: string): void {
    if (this.closed || this.socket.destroyed) return;
    this.socket.write(`${code} ${text.replace(/[\r\n]+/g, ' ')}\r\n`);
  }

  touch(): void {
    clearTimeout(this.idle);
    if (this.closed) return;
    this.idle = setTimeout(() => {
      this.deps.log(`FTP: ${this.client} idle for ${Math.round(this.deps.idleTimeoutMs / 1000)} s; closing`);
      this.closeWith('Timeout: closing control connection');
    }, this.deps.idleTimeoutMs);
    this.idle.unref();
  }

  /** Starts the pre-login timeout, when the server has one: commands before login do not extend it. */
  armLoginTimeout(): void {
    const ms = this.deps.loginTimeoutMs;
    if (ms === undefined) return;
    this.login = setTimeout(() => {
      if (this.loggedIn || this.closed) return;
      this.deps.log(`FTP: ${this.client} did not log in within ${ms / 1000} s; closing`);
      this.closeWith(`Login timeout: not logged in within ${ms / 1000} s, closing control connection`);
    }, ms);
    this.login.unref();
  }

  /** Stops the pre-login timeout (logged in). */
  loggedInNow(): void {
    this.loggedIn = true;
    clearTimeout(this.login);
  }

  /** Says 421 and closes; a peer that never reads or closes is destroyed a second later. */
  private closeWith(text: string): void {
    this.reply(421, text);
    this.socket.end();
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  cleanup(): void {
    this.closed = true;
    clearTimeout(this.idle);
    clearTimeout(this.login);
    this.channel?.close();
    this.dataSocket?.destroy();
  }

  /** Canonical virtual path of an argument: relative to the cwd, `..` climbs but never above `/`. */
  path(arg: string): string {
    return normalizeVirtual(arg, this.cwd, true);
  }

  failure(err: unknown): void {
    if (err instanceof EmmcError) {
      if (err.code === 'ENOSPC') return this.reply(452, 'Insufficient storage space');
      return this.reply(550, err.message);
    }
    throw err;
  }

  async fsOp(op: () => Promise<unknown>, code: number, text: string): Promise<void> {
    try {
      await op();
    } catch (err) {
      return this.failure(err);
    }
    this.reply(code, text);
  }
}
