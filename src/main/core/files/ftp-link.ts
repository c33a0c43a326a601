import { Client, FTPError, FileType, type FileInfo } from 'basic-ftp';
import type { Readable, Writable } from 'node:stream';
import type { FtpFeatures, FtpSessionState, RemoteEntry } from '../../../shared/bridge/contracts/files';
import { BenchError } from '../../../shared/result';
import { plainError } from '../plain-error';
import { parseFtpList } from './netx-list';
import type { FtpTarget } from './target';

/** Options of an FTP link; the client factory is injectable for tests. */
export interface FtpLinkOptions {
  /** Control-connection timeout. Default 15 000 ms. */
  readonly timeoutMs?: number;
  /** Probe the session with NOOP before a command when it was idle this long. Default 30 000 ms. */
  readonly probeAfterMs?: number;
  /** NOOP period while keep-alive is on (the firmware drops sessions idle for 240 s). Default 60 000 ms. */
  readonly keepAliveMs?: number;
  readonly onState?: (state: FtpSessionState, link: FtpLink) => void;
  readonly log?: (message: string) => void;
}

/** What `list` returns. */
export interface Listing {
  readonly entries: RemoteEntry[];
  readonly listedAt: number;
  readonly generation: number;
}

/**
 * One FTP session to one board, with a command queue (basic-ftp runs one command at a time). The session opens on
 * the first command, is probed with NOOP after an idle spell and reopened transparently when the board dropped it,
 * and is kept alive with NOOPs while someone watches. Every reopening bumps `generation`.
 */
export class FtpLink {
  private client: Client | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private lastActivity = 0;
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private busy = 0;
  generation = 0;
  features: FtpFeatures | undefined;
  state: FtpSessionState = { kind: 'idle' };

  constructor(
    readonly target: FtpTarget,
    private readonly options: FtpLinkOptions = {},
  ) {}

  /** Runs `fn` with a connected client, after every command queued before it. */
  run<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      if (this.closed)
        throw new BenchError('CANCELLED', 'The FTP session was closed because the board changed.');
      this.busy++;
      try {
        const client = await this.ensure();
        try {
          return await fn(client);
        } finally {
          this.lastActivity = Date.now();
        }
      } finally {
        this.busy--;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Lists a folder (MLSD where offered, LIST otherwise). */
  list(path: string): Promise<Listing> {
    // Listing is idempotent: when the session died under it (board rebooted, idle drop not yet noticed), list
    // once more on a new session rather than fail.
    return this.listOnce(path).catch((err: unknown) => {
      if (!isConnectionLoss(err) || this.closed) throw err;
      this.options.log?.(
        `FTP: the session was lost while listing ${path} (${describe(err)}); listing again on a new one`,
      );
      return this.listOnce(path);
    });
  }

  private listOnce(path: string): Promise<Listing> {
    return this.run(async (c) => {
      await c.cd(path);
      const infos = await c.list();
      return { entries: infos.flatMap(toEntry), listedAt: Date.now(), generation: this.generation };
    });
  }

  /** Sends a raw command whose argument is an absolute path (no whitespace protection needed). */
  command(verb: 'MKD' | 'RMD' | 'DELE' | 'CWD', path: string): Promise<void> {
    return this.run(async (c) => void (await c.send(`${verb} ${path}`)));
  }

  rename(from: string, to: string): Promise<void> {
    return this.run(async (c) => void (await c.rename(from, to)));
  }

  /** Downloads `remote` into `dest`, from `startAt` (REST) when the server offers it; `onBytes` gets the running count. */
  download(remote: string, dest: Writable, startAt: number, onBytes: (bytes: number) => void): Promise<void> {
    return this.run(async (c) => {
      if (startAt > 0 && !this.features?.rest) throw new Error('this server cannot resume (no REST)');
      // NetX answers RETR/STOR with 504 unless the type is I; access() set it, and it is cheap to be sure.
      await c.send('TYPE I');
      c.trackProgress((info) => onBytes(info.bytes));
      try {
        await c.downloadTo(dest, remote, startAt);
      } finally {
        c.trackProgress();
      }
    });
  }

  /** Uploads `source` to `remote` (STOR; TYPE I was set when the session opened). */
  upload(source: Readable, remote: string, onBytes: (bytes: number) => void): Promise<void> {
    return this.run(async (c) => {
      await c.send('TYPE I');
      c.trackProgress((info) => onBytes(info.bytes));
      try {
        await c.uploadFrom(source, remote);
      } finally {
        c.trackProgress();
      }
    });
  }

  /** Breaks off whatever runs now by closing the session; the next command opens a new one. */
  abort(): void {
    this.client?.close();
  }

  /** NOOPs every keepAliveMs while on, so the firmware's 240 s idle timeout never drops a watched session. */
  keepAlive(on: boolean): void {
    clearInterval(this.keepAliveTimer);
    this.keepAliveTimer = undefined;
    if (!on) return;
    this.keepAliveTimer = setInterval(() => {
      if (this.busy > 0 || !this.client || this.client.closed) return;
      this.run(async (c) => void (await c.send('NOOP'))).catch((err) =>
        this.options.log?.(`FTP keep-alive failed: ${describe(err)}`),
      );
    }, this.options.keepAliveMs ?? 60_000);
    this.keepAliveTimer.unref();
  }

  close(): void {
    this.closed = true;
    this.keepAlive(false);
    this.client?.close();
    this.client = undefined;
  }

  private async ensure(): Promise<Client> {
    const c = this.client;
    if (c && !c.closed) {
      if (Date.now() - this.lastActivity < (this.options.probeAfterMs ?? 30_000)) return c;
      try {
        await c.send('NOOP');
        return c;
      } catch {
        this.options.log?.('FTP: the idle session was dropped by the server; reconnecting');
        c.close();
      }
    }
    return this.connect();
  }

  private async connect(): Promise<Client> {
    const t = this.target;
    this.setState({ kind: 'connecting' });
    const client = new Client(this.options.timeoutMs ?? 15_000);
    client.parseList = (raw) => parseFtpList(raw);
    try {
      // access(): USER/PASS, FEAT (502 on the firmware), TYPE I, STRU F and OPTS UTF8 (both 502 there, ignored).
      await client.access({ host: t.host, port: t.port, user: t.user, password: t.password, secure: false });
      const feat = await client.features();
      this.features = {
        size: feat.has('SIZE'),
        rest: feat.has('REST'),
        appe: feat.has('APPE') || feat.has('REST'),
        mlsd: feat.has('MLST') || feat.has('MLSD'),
        mdtm: feat.has('MDTM'),
      };
      // NetX has no MLSD and may take "LIST -a" for a path: plain LIST there. MLSD (exact sizes and UTC times)
      // where offered, whether the server advertises it as RFC 3659's MLST or, as the virtual board does, as MLSD.
      (client as unknown as { availableListCommands: string[] }).availableListCommands = this.features.mlsd
        ? ['MLSD', 'LIST']
        : ['LIST'];
    } catch (err) {
      client.close();
      const reason = connectFailure(err, t);
      this.setState({ kind: 'failed', reason, at: Date.now() });
      throw new BenchError('UNAVAILABLE', reason);
    }
    this.client = client;
    this.generation++;
    this.lastActivity = Date.now();
    client.ftp.socket.once('close', () => {
      if (this.client === client && !this.closed) this.setState({ kind: 'idle' });
    });
    this.setState({ kind: 'open', since: Date.now() });
    return client;
  }

  private setState(state: FtpSessionState): void {
    this.state = state;
    this.options.onState?.(state, this);
  }
}

function toEntry(info: FileInfo): RemoteEntry[] {
  if (info.name === '.' || info.name === '..') return [];
  const kind = info.type === FileType.Directory ? 'dir' : info.type === FileType.File ? 'file' : undefined;
  if (!kind) return [];
  return [
    { name: info.name, kind, size: kind === 'dir' ? 0 : info.size, modifiedAt: info.modifiedAt?.getTime() },
  ];
}

/** Plain words for an error of basic-ftp or the socket. */
export function describe(err: unknown): string {
  if (err instanceof BenchError) return err.message;
  if (err instanceof FTPError) return `the server answered ${err.message}`;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const msg = err instanceof Error ? err.message : String(err);
  if (code === 'ECONNRESET') return 'the connection to the board was reset during the transfer';
  // Node's stream and socket words for a connection that ended before its data did ("Premature close", EPIPE).
  if (
    code === 'EPIPE' ||
    code === 'ECONNABORTED' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    code === 'ERR_STREAM_DESTROYED' ||
    /Premature close|socket hang up|write after end|ended by the other party/i.test(msg)
  )
    return 'the connection to the board closed during the transfer';
  if (/FIN packet|Client is closed|User closed client/i.test(msg))
    return 'the board closed the FTP connection';
  if (/Timeout/i.test(msg)) return 'the board stopped answering (timeout)';
  // A file on this computer (a download's destination) could not be written: say which and why, not Node's code.
  return plainError(err);
}

function connectFailure(err: unknown, t: FtpTarget): string {
  const where = `${t.host}:${t.port}`;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ECONNREFUSED')
    return `Nothing accepts FTP connections at ${where} (connection refused). Is the board on?`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return `${where} cannot be reached from this computer (no route).`;
  if (err instanceof FTPError && err.code === 421)
    return `The FTP server at ${where} refused the session: ${err.message.replace(/^421\s*/, '')} (the firmware allows 4 FTP clients).`;
  if (/Timeout/i.test(err instanceof Error ? err.message : ''))
    return `The FTP server at ${where} did not answer in time.`;
  return `Could not open an FTP session to ${where}: ${describe(err)}.`;
}

/** True when the error is the server's "no such file" (550). */
export function isNotFound(err: unknown): boolean {
  return err instanceof FTPError && err.code === 550;
}

/** True for a dropped connection (not a refusal by the server, nor a failed connect). */
function isConnectionLoss(err: unknown): boolean {
  if (err instanceof FTPError || err instanceof BenchError) return false;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    /FIN packet|Client is closed/i.test(err instanceof Error ? err.message : '')
  );
}
