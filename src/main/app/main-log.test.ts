// The main process's log with electron-log faked: a file under userData/logs when packaged, stderr otherwise.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createMainLog, mainLogPath, type FileLogger } from './main-log';

function fakeLogger() {
  const info = vi.fn();
  const logger: FileLogger = {
    transports: {
      file: { resolvePathFn: () => 'electron-log default', level: 'silly' },
      console: { level: 'silly' },
    },
    info,
  };
  return { logger, info };
}

describe('the main process log', () => {
  it('writes to userData/logs/main.log, not the console, in the packaged app', () => {
    const { logger, info } = fakeLogger();
    const stderr = vi.fn();
    const log = createMainLog({ isPackaged: true, getPath: () => '/data/bench' }, logger, stderr);
    expect(logger.transports.file.resolvePathFn()).toBe(join('/data/bench', 'logs', 'main.log'));
    expect(logger.transports.file.level).toBe('info');
    expect(logger.transports.console.level).toBe(false);
    log('ws link: board at 192.168.0.50:8080 connected');
    expect(info).toHaveBeenCalledWith('ws link: board at 192.168.0.50:8080 connected');
    expect(stderr).not.toHaveBeenCalled();
  });

  it('stays on stderr while developing and leaves electron-log alone', () => {
    const { logger, info } = fakeLogger();
    const stderr = vi.fn();
    const log = createMainLog({ isPackaged: false, getPath: () => '/data/bench' }, logger, stderr);
    log('hello');
    expect(stderr).toHaveBeenCalledWith('hello');
    expect(info).not.toHaveBeenCalled();
    expect(logger.transports.file.resolvePathFn()).toBe('electron-log default');
  });

  it('puts the file in a logs folder of the data folder', () => {
    expect(mainLogPath('/home/u/.config/nucleo-mem-bench')).toBe(
      join('/home/u/.config/nucleo-mem-bench', 'logs', 'main.log'),
    );
  });
});
