// The FTP commands that use a data connection: PASV, EPSV, PORT, EPRT to set it up, LIST, NLST, RETR, STOR over
// it, and the extended REST, APPE, MLSD.
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { EmmcError, type EmmcEntry, type WriteMode } from '../emmc';
import { activeChannel, plainAddress } from './data-channel';
import { listLine, mlsdLine } from './listing';
import { endSocket, writeInPackets } from './pooled-write';
import { DataConnectionLost, receiveAll } from './receive';
import type { CommandFamily, SessionContext } from './session-context';

export function dataCommands(s: SessionContext): CommandFamily {
  const deps = s.deps;

  const resetChannel = (): void => {
    s.channel?.close();
    s.channel = undefined;
  };

  const passive = async (extended: boolean): Promise<void> => {
    resetChannel();
    const local = plainAddress(s.socket.localAddress);
    if (!extended && !/^\d+\.\d+\.\d+\.\d+$/.test(local)) return s.reply(425, 'PASV needs IPv4; use EPSV');
    let opened;
    try {
      opened = await deps.passive.listen(local, s.client);
    } catch {
      return s.reply(425, "Can't open passive connection");
    }
    s.channel = opened.channel;
    const p = opened.port;
    if (extended) s.reply(229, `Entering Extended Passive Mode (|||${p}|)`);
    else s.reply(227, `Entering Passive Mode (${local.split('.').join(',')},${p >> 8},${p & 255})`);
  };

  const port = (arg: string): void => {
    const parts = arg.trim().split(',');
    const nums = parts.map((n) => (/^\d{1,3}$/.test(n.trim()) ? Number(n) : NaN));
    if (nums.length !== 6 || nums.some((n) => !(n >= 0 && n <= 255)))
      return s.reply(501, 'Syntax error in PORT arguments');
    const host = nums.slice(0, 4).join('.');
    const portNo = nums[4]! * 256 + nums[5]!;
    // No FTP bounce: data goes only to the client itself, and never to a privileged port.
    if (host !== s.client || portNo < 1024) {
      deps.log(`FTP: ${s.client} refused PORT to ${host}:${portNo}`);
      return s.reply(501, 'Illegal PORT command');
    }
    resetChannel();
    s.channel = activeChannel(host, portNo, plainAddress(s.socket.localAddress) || undefined);
    s.reply(200, 'PORT command successful');
  };

  /** Opens the data connection after `150`, runs `work` on it, and answers 226 or the failure. */
  const transfer = async (
    label: string,
    work: (data: Socket) => Promise<void>,
    onFail?: () => Promise<void>,
  ): Promise<void> => {
    const channel = s.channel;
    s.channel = undefined;
    if (!channel) {
      await onFail?.();
      return s.reply(425, 'Use PORT or PASV first');
    }
    s.reply(150, `Opening ${s.type === 'I' ? 'BINARY' : 'ASCII'} mode data connection for ${label}`);
    let data: Socket;
    try {
      data = await channel.open(deps.dataTimeoutMs);
    } catch {
      channel.close();
      await onFail?.();
      return s.reply(425, "Can't open data connection");
    }
    s.dataSocket = data;
    data.setNoDelay(true);
    try {
      await work(data);
      s.reply(226, 'Transfer complete');
    } catch (err) {
      data.destroy();
      if (err instanceof EmmcError && err.code === 'ENOSPC')
        return s.reply(552, 'Exceeded storage allocation');
      if (err instanceof EmmcError) return s.reply(550, err.message);
      if (err instanceof DataConnectionLost) deps.log(`FTP: ${s.client}: ${label}: ${err.message}; aborted`);
      s.reply(426, 'Connection closed; transfer aborted');
    } finally {
      s.dataSocket = undefined;
      channel.close();
    }
  };

  const sendAll = async (data: Socket, buf: Buffer): Promise<void> => {
    if (buf.length) await writeInPackets(data, buf, deps.pool, deps.dataTimeoutMs);
    await endSocket(data);
  };

  const list = async (arg: string, kind: 'list' | 'nlst' | 'mlsd'): Promise<void> => {
    // Clients send `LIST -la`; options are ignored, the rest (which may contain spaces) is the path.
    const target = arg.replace(/^(\s*-[A-Za-z]+)+\s*/, '');
    let entries: EmmcEntry[];
    try {
      const path = s.path(target || '.');
      const e = await deps.emmc.stat(path);
      entries = e.kind === 'dir' ? await deps.emmc.list(path) : [e];
      if (kind === 'mlsd' && e.kind !== 'dir') return s.reply(501, 'MLSD needs a directory');
    } catch (err) {
      return s.failure(err);
    }
    const text = entries
      .map((e) => (kind === 'list' ? listLine(e) : kind === 'mlsd' ? mlsdLine(e) : `${e.name}\r\n`))
      .join('');
    await transfer('file list', (data) => sendAll(data, Buffer.from(text)));
  };

  const retrieve = async (arg: string): Promise<void> => {
    const start = s.restOffset;
    s.restOffset = 0;
    if (s.type !== 'I') return s.reply(504, 'Only Image transfer allowed');
    let file: { stream: Readable; size: number };
    try {
      file = await deps.emmc.read(s.path(arg), {
        start,
        highWaterMark: deps.pool ? deps.pool.payload * 32 : 256 * 1024,
      });
    } catch (err) {
      return s.failure(err);
    }
    await transfer(
      arg,
      async (data) => {
        try {
          for await (const chunk of file.stream as AsyncIterable<Buffer>) {
            s.touch();
            await writeInPackets(data, chunk, deps.pool, deps.dataTimeoutMs);
          }
        } finally {
          file.stream.destroy();
        }
        await endSocket(data);
      },
      async () => void file.stream.destroy(),
    );
  };

  const store = async (arg: string, mode: WriteMode): Promise<void> => {
    const rest = s.restOffset;
    s.restOffset = 0;
    if (s.type !== 'I') return s.reply(504, 'Only Image transfer allowed');
    if (rest) return s.reply(504, 'REST is supported for RETR only; use APPE to resume an upload');
    let upload;
    try {
      upload = await deps.emmc.write(s.path(arg), { mode });
    } catch (err) {
      return s.failure(err);
    }
    const up = upload;
    let failure: unknown;
    up.stream.on('error', (err) => (failure ??= err));
    await transfer(
      arg,
      async (data) => {
        try {
          // Only the client's FIN completes the file; a reset leaves the old one in place (426).
          await receiveAll(data, async (chunk) => {
            s.touch();
            if (failure) throw failure;
            await writeInPackets(up.stream, chunk, deps.pool, deps.dataTimeoutMs);
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
  };

  return {
    firmware: {
      PASV: () => passive(false),
      EPSV: (a) => (a.trim().toUpperCase() === 'ALL' ? s.reply(200, 'EPSV ALL accepted') : passive(true)),
      PORT: (a) => port(a),
      EPRT: () => s.reply(502, 'EPRT illegal in IPv4'),
      LIST: (a) => list(a, 'list'),
      NLST: (a) => list(a, 'nlst'),
      RETR: (a) => retrieve(a),
      STOR: (a) => store(a, 'replace'),
    },
    extended: {
      REST: (a) => {
        if (!/^\d+$/.test(a.trim())) return s.reply(501, 'REST needs a byte offset');
        s.restOffset = Number(a.trim());
        s.reply(350, `Restarting at ${s.restOffset}`);
      },
      APPE: (a) => store(a, 'append'),
      MLSD: (a) => list(a, 'mlsd'),
    },
  };
}
