// The main process's log. The packaged app has no console anyone reads, so there electron-log writes it to a file
// under the app's data folder (rotated by electron-log at 1 MB); while developing it stays on stderr. Core code
// never sees electron-log: it is handed the function this returns.
import { join } from 'node:path';

export type LogFn = (message: string) => void;

/** What this needs from Electron's `app`. */
export interface LogHost {
  readonly isPackaged: boolean;
  getPath(name: 'userData'): string;
}

/** The parts of electron-log's main logger used here. */
export interface FileLogger {
  readonly transports: {
    // Method syntax: electron-log's own takes (variables, message) and is assigned, not called, here.
    readonly file: { resolvePathFn(variables?: unknown): string; level: string | false };
    readonly console: { level: string | false };
  };
  info(...params: unknown[]): void;
}

/** Where the packaged app's log goes. */
export function mainLogPath(userData: string): string {
  return join(userData, 'logs', 'main.log');
}

/** The log function for the main process: a file in the packaged app, stderr otherwise. */
export function createMainLog(
  host: LogHost,
  logger: FileLogger,
  stderr: LogFn = (m) => console.error(m),
): LogFn {
  if (!host.isPackaged) return stderr;
  const path = mainLogPath(host.getPath('userData'));
  logger.transports.file.resolvePathFn = () => path;
  logger.transports.file.level = 'info';
  logger.transports.console.level = false;
  return (message) => logger.info(message);
}
