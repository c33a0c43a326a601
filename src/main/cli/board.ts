import { existsSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { openReplay, startBoard, type BoardOptions, type ReplaySource } from '../board';
import { MAX_TELEMETRY_BATCH } from '../board/telemetry/batch';
import { choiceFlag, numberFlag, parseFlags, portFlag, UsageError } from './args';
import { defaultConfigDir } from './paths';

const flags = {
  host: { type: 'string' },
  'ws-port': { type: 'string' },
  'http-port': { type: 'string' },
  'ftp-port': { type: 'string' },
  emmc: { type: 'string' },
  profile: { type: 'string' },
  'telemetry-ms': { type: 'string' },
  'tick-scale': { type: 'string' },
  replay: { type: 'string' },
  uart: { type: 'string' },
  serial: { type: 'string' },
  'boot-ms': { type: 'string' },
  'ftp-extended': { type: 'boolean' },
  'ftp-login-timeout': { type: 'string' },
  'http-sessions': { type: 'string' },
  'pool-status': { type: 'boolean' },
  'telemetry-batch': { type: 'string' },
  'llmnr-port': { type: 'string' },
  'mdns-port': { type: 'string' },
} as const;

/** Reads `--telemetry-batch N`: a whole number of samples per frame, 1 to the most one WS packet holds. */
export function telemetryBatchFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_TELEMETRY_BATCH)
    throw new UsageError(
      `--telemetry-batch must be a whole number of samples from 1 to ${MAX_TELEMETRY_BATCH}, not "${value}"`,
    );
  return n;
}

/**
 * Reads `--ftp-login-timeout S`: seconds a connection may stay without logging in (1–240). Off unless given, as on
 * the firmware, whose 4 FTP slots are freed only by its 240 s inactivity timeout.
 */
function ftpLoginTimeout(value: string | undefined): { loginTimeoutMs?: number } {
  if (value === undefined) return {};
  return { loginTimeoutMs: numberFlag('ftp-login-timeout', value, 0, 1, 240) * 1000 };
}

/** Turns argv into startBoard options; every mistake is a one-line UsageError. */
export function boardOptionsFromArgs(argv: string[]): BoardOptions {
  const v = parseFlags(argv, flags);
  const host = v.host ?? '127.0.0.1';
  if (host !== 'localhost' && isIP(host) === 0)
    throw new UsageError(`--host must be an IP address or localhost, not "${host}"`);
  const emmc = v.emmc;
  if (emmc !== undefined) {
    if (emmc.trim() === '') throw new UsageError('--emmc needs a directory path');
    if (existsSync(emmc) && !statSync(emmc).isDirectory())
      throw new UsageError(`--emmc must be a directory, not the file "${emmc}"`);
  }
  // The recording itself is read by replayFlag (asynchronously, in bounded memory) before the board starts.
  const replay = v.replay;
  if (replay !== undefined && !existsSync(replay))
    throw new UsageError(`--replay: no such recording "${replay}"`);
  const batch = telemetryBatchFlag(v['telemetry-batch']);
  if (batch !== undefined && replay !== undefined)
    throw new UsageError(
      '--telemetry-batch cannot be used with --replay: a replay sends the recorded messages as they are',
    );
  const uart = v.uart;
  if (uart !== undefined && !existsSync(uart))
    throw new UsageError(`--uart: no such serial device "${uart}"`);
  return {
    host,
    wsPort: portFlag('ws-port', v['ws-port'], 8080),
    http: {
      port: portFlag('http-port', v['http-port'], 8000),
      sessionMax: choiceFlag('http-sessions', v['http-sessions'], ['1', '2'] as const, '1') === '2' ? 2 : 1,
    },
    ftp: {
      port: portFlag('ftp-port', v['ftp-port'], 2121),
      extended: v['ftp-extended'] ?? false,
      ...ftpLoginTimeout(v['ftp-login-timeout']),
    },
    emmcDir: resolve(emmc ?? join(defaultConfigDir(), 'emmc')),
    poolStatus: v['pool-status'] ?? false,
    ...(batch !== undefined ? { telemetryBatch: batch } : {}),
    profile: choiceFlag('profile', v.profile, ['firmware', 'compliant'] as const, 'firmware'),
    telemetryMs: numberFlag('telemetry-ms', v['telemetry-ms'], 1000, 1, 60_000),
    tickScale: numberFlag('tick-scale', v['tick-scale'], 1, 0.01, 100),
    replay,
    uartPath: uart,
    serial: choiceFlag('serial', v.serial, ['quiet', 'verbose'] as const, 'quiet'),
    bootDelayMs: numberFlag('boot-ms', v['boot-ms'], 1500, 0, 60_000),
    // The board's names answer only when asked for: 5353 is often taken by the system's own mDNS daemon.
    ...(v['llmnr-port'] !== undefined || v['mdns-port'] !== undefined
      ? {
          names: {
            ...(v['llmnr-port'] !== undefined
              ? { llmnrPort: portFlag('llmnr-port', v['llmnr-port'], 5355) }
              : {}),
            ...(v['mdns-port'] !== undefined
              ? { mdnsPort: portFlag('mdns-port', v['mdns-port'], 5353) }
              : {}),
          },
        }
      : {}),
  };
}

/**
 * Checks the recording `--replay` names (read through once, in bounded memory) and opens its replay; what makes it
 * unfit is a UsageError, and what goes wrong later while it plays is printed on stderr.
 */
export async function replayFlag(path: string): Promise<ReplaySource> {
  let source: ReplaySource;
  try {
    source = await openReplay(path);
  } catch (err) {
    const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
    const why = code
      ? `cannot read the recording ${path}: ${code}`
      : err instanceof Error
        ? err.message
        : String(err);
    throw new UsageError(`--replay: ${why}`);
  }
  source.onError = (message) => process.stderr.write(`${message}\n`);
  return source;
}

/**
 * `board`: the headless virtual board. Prints one JSON line with its endpoints when listening, then the serial log
 * on stderr; SIGINT/SIGTERM close everything and exit 0.
 */
export async function runBoard(argv: string[]): Promise<void> {
  const options = boardOptionsFromArgs(argv);
  const lines: string[] = [];
  const replay = typeof options.replay === 'string' ? await replayFlag(options.replay) : options.replay;
  const board = await startBoard({ ...options, replay });
  // The boot log printed while booting goes out after the ready line, so stdout's first line is the JSON.
  for (const l of board.control.state().serialTail) lines.push(l.raw);
  const e = board.endpoints;
  const ready = {
    ws: e.ws,
    http: e.http,
    ftp: e.ftp,
    emmc: options.emmcDir,
    llmnr: e.llmnrPort,
    mdns: e.mdnsPort,
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  process.stderr.write(lines.join(''));
  board.control.on('uart-line', (l) => process.stderr.write(l.raw));
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    board.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`error while closing: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await new Promise<never>(() => {});
}
