// Where the board is: the virtual board started here, a saved board (profiles.json of the config folder), or a
// ws://host:port address. Each target says what it can do; a step it cannot do is skipped with that reason.
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startBoard, type BoardControl, type RunningBoard } from '../board';
import { defaultSerialBinding, SerialLink } from '../core/links/serial-link';
import { ProfileStore } from '../core/links/profiles';
import { emmcFolderOf } from '../core/virtual-fleet';
import { defaultConfigDir } from '../cli/paths';
import { LineSplitter } from '../../shared/serial/line-splitter';
import type { BoardInfo, OpenBenchOptions } from './types';

/** A board found and, for the virtual one, started. */
export interface ResolvedTarget {
  readonly info: BoardInfo;
  readonly host: string;
  readonly wsPort: number;
  readonly httpPort: number;
  readonly ftpPort: number;
  readonly ftpUser: string;
  readonly ftpPassword: string;
  /** The virtual board's control (faults, power); absent for a real board. */
  readonly control?: BoardControl;
  /** Subscribes to serial lines, when the board has a console here; returns the unsubscribe. */
  readonly onSerialLine?: (listener: (line: string) => void) => () => void;
  /** Stops what was started for this target (the virtual board, a serial port, a temporary eMMC). */
  close(): Promise<void>;
}

/** A target that cannot be used, in words (the CLI prints it as a usage error). */
export class TargetError extends Error {}

/** Finds (and for `virtual` starts) the board a bench drives. */
export async function resolveTarget(target: string, o: OpenBenchOptions): Promise<ResolvedTarget> {
  if (target === 'virtual') return startVirtual(o, undefined);
  if (o.web !== undefined)
    throw new TargetError(
      `--web puts files on a virtual board started for the run (--board virtual); "${target}" is another board: upload to it with an ftp step.`,
    );
  if (/^wss?:\/\//i.test(target)) return fromUrl(target, o);
  const store = new ProfileStore(o.configDir ?? defaultConfigDir());
  const wanted = target.trim().toLowerCase();
  const p = store.list().find((b) => b.name.toLowerCase() === wanted || b.id.toLowerCase() === wanted);
  if (!p) {
    const names = store.list().map((b) => `"${b.name}"`);
    throw new TargetError(
      `No saved board is named "${target}"${names.length ? `; the saved boards are ${names.join(', ')}` : ''}. Use virtual, a saved board's name, or ws://host:port.`,
    );
  }
  if (p.kind === 'virtual')
    return startVirtual(o, join(o.configDir ?? defaultConfigDir(), emmcFolderOf(p.id)), p.name);
  const serial = p.serialPath ? await openSerial(p.serialPath) : undefined;
  return {
    info: {
      kind: 'real',
      label: `${p.name} (${p.host})`,
      ws: `ws://${hostForUrl(p.host)}:${p.wsPort}`,
      http: `http://${hostForUrl(p.host)}:${p.httpPort}`,
      ftp: `ftp://${hostForUrl(p.host)}:${p.ftpPort}`,
      serial: serial
        ? { ok: true }
        : { ok: false, reason: `the saved board "${p.name}" has no serial port set` },
    },
    host: p.host,
    wsPort: p.wsPort,
    httpPort: p.httpPort,
    ftpPort: p.ftpPort,
    ftpUser: p.ftpUser,
    ftpPassword: p.ftpPassword,
    ...(serial ? { onSerialLine: serial.onLine } : {}),
    close: async () => serial?.close(),
  };
}

function fromUrl(target: string, o: OpenBenchOptions): ResolvedTarget {
  let u: URL;
  try {
    u = new URL(target);
  } catch {
    throw new TargetError(`"${target}" is not an address: write it like ws://192.168.0.50:8080.`);
  }
  if (u.protocol !== 'ws:')
    throw new TargetError(
      `"${target}": the firmware speaks plain ws://, not ${u.protocol.replace(':', '')}.`,
    );
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const wsPort = u.port ? Number(u.port) : 8080;
  const httpPort = o.httpPort ?? 80;
  const ftpPort = o.ftpPort ?? 21;
  const h = hostForUrl(host);
  return {
    info: {
      kind: 'real',
      label: `ws://${h}:${wsPort}`,
      ws: `ws://${h}:${wsPort}`,
      http: `http://${h}:${httpPort}`,
      ftp: `ftp://${h}:${ftpPort}`,
      serial: {
        ok: false,
        reason:
          'a board given by its address has no serial console here (save it with its serial port and name it)',
      },
    },
    host,
    wsPort,
    httpPort,
    ftpPort,
    ftpUser: 'anonymous',
    ftpPassword: 'anonymous',
    close: async () => undefined,
  };
}

/**
 * Starts a virtual board on 127.0.0.1 with ports the OS picks, as if already powered on. Its eMMC is `emmcDir` (a
 * saved virtual board's own folder), or a fresh temporary one holding the `web` folder's files (or, without one,
 * the default dashboard), removed on close so that a run leaves nothing behind.
 */
async function startVirtual(
  o: OpenBenchOptions,
  emmcDir: string | undefined,
  name?: string,
): Promise<ResolvedTarget> {
  let temp: string | undefined;
  if (emmcDir === undefined) {
    temp = mkdtempSync(join(tmpdir(), 'scenario-emmc-'));
    try {
      if (o.web !== undefined) copyWeb(o.web, temp);
    } catch (err) {
      rmSync(temp, { recursive: true, force: true });
      throw err;
    }
  }
  let board: RunningBoard;
  try {
    board = await startBoard({
      firstBootDelayMs: 0,
      ...o.virtualBoard,
      host: '127.0.0.1',
      wsPort: 0,
      http: { port: 0 },
      ftp: { port: 0 },
      emmcDir: emmcDir ?? temp,
    });
  } catch (err) {
    if (temp) rmSync(temp, { recursive: true, force: true });
    throw err;
  }
  return virtualTarget(
    board.endpoints,
    board.control,
    name ? `${name} (virtual, started here)` : 'virtual board',
    (listener) => board.control.on('uart-line', (l) => listener(l.text)),
    async () => {
      await board.close();
      if (temp) rmSync(temp, { recursive: true, force: true });
    },
  );
}

/** `scheme://host:port`, an IPv6 host in brackets. */
export const endpointUrl = (scheme: string, host: string, port: number | undefined): string =>
  `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port ?? 0}`;

/** A running virtual board as a run's target (the CLI's own, or the app's): its ports, anonymous FTP, its control. */
export function virtualTarget(
  e: {
    readonly host: string;
    readonly wsPort: number;
    readonly httpPort?: number;
    readonly ftpPort?: number;
  },
  control: BoardControl,
  label: string,
  onSerialLine: ResolvedTarget['onSerialLine'],
  close: () => Promise<void>,
): ResolvedTarget {
  return {
    info: {
      kind: 'virtual',
      label,
      ws: endpointUrl('ws', e.host, e.wsPort),
      http: endpointUrl('http', e.host, e.httpPort),
      ftp: endpointUrl('ftp', e.host, e.ftpPort),
      serial: { ok: true },
    },
    host: e.host,
    wsPort: e.wsPort,
    httpPort: e.httpPort ?? 0,
    ftpPort: e.ftpPort ?? 0,
    ftpUser: 'anonymous',
    ftpPassword: 'anonymous',
    control,
    onSerialLine,
    close,
  };
}

/** Copies a build's web files onto the eMMC; an empty or missing folder is a mistake worth saying. */
function copyWeb(web: string, emmc: string): void {
  const from = resolve(web);
  let entries: string[];
  try {
    if (!statSync(from).isDirectory())
      throw new TargetError(`--web ${web} is a file; give the folder of web files.`);
    entries = readdirSync(from);
  } catch (err) {
    if (err instanceof TargetError) throw err;
    throw new TargetError(`--web ${web}: no such folder.`);
  }
  if (entries.length === 0)
    throw new TargetError(`--web ${web} is empty: there are no web files to put on the board.`);
  cpSync(from, emmc, { recursive: true });
}

/** A real board's serial console, read as lines (115200 8N1, the firmware's). */
async function openSerial(
  path: string,
): Promise<{ onLine: (l: (line: string) => void) => () => void; close: () => Promise<void> }> {
  const listeners = new Set<(line: string) => void>();
  const splitter = new LineSplitter();
  const link = new SerialLink({
    binding: await defaultSerialBinding(),
    settings: {
      path,
      baudRate: 115200,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      flowControl: 'none',
      reconnect: true,
    },
    onData: (chunk) => {
      for (const l of splitter.push(chunk)) for (const f of listeners) f(l.text);
    },
    onState: () => undefined,
  });
  const state = await link.open();
  if (state.kind !== 'open') {
    await link.close();
    throw new TargetError(
      `The serial port ${path} of the saved board cannot be opened: ${'reason' in state ? state.reason : state.kind}.`,
    );
  }
  return {
    onLine: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: () => link.close(),
  };
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
