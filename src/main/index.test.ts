// The composition root with Electron and the bench faked: what the packaged app loads, which links leave it, and
// how it quits.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../shared/result';

type Handler = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    isPackaged: false,
    appHandlers: new Map<string, (...args: unknown[]) => unknown>(),
    windows: [] as Array<{
      loadURL: ReturnType<typeof vi.fn>;
      loadFile: ReturnType<typeof vi.fn>;
      openHandler?: (details: { url: string }) => unknown;
      contentsHandlers: Map<string, (...args: unknown[]) => unknown>;
    }>,
    quit: vi.fn(),
    openExternal: vi.fn(async () => {}),
    benchClose: vi.fn(async () => {}),
    benchLog: undefined as ((m: string) => void) | undefined,
    electronLog: {
      transports: { file: { resolvePathFn: () => '', level: 'silly' }, console: { level: 'silly' } },
      info: vi.fn(),
    },
  };
  return state;
});

vi.mock('electron', () => {
  class BrowserWindow {
    readonly loadURL = vi.fn(async () => {});
    readonly loadFile = vi.fn(async () => {});
    readonly contentsHandlers = new Map<string, Handler>();
    openHandler?: (details: { url: string }) => unknown;
    readonly webContents = {
      on: (name: string, h: Handler) => this.contentsHandlers.set(name, h),
      setWindowOpenHandler: (h: (details: { url: string }) => unknown) => (this.openHandler = h),
    };
    constructor() {
      fake.windows.push(this);
    }
    once() {}
    static getAllWindows() {
      return fake.windows;
    }
  }
  const app = {
    get isPackaged() {
      return fake.isPackaged;
    },
    whenReady: async () => {},
    getPath: () => '/tmp/bench-test',
    getName: () => 'NUCLEO-MEM Bench',
    getVersion: () => '0.0.0',
    requestSingleInstanceLock: () => true,
    on: (name: string, h: Handler) => fake.appHandlers.set(name, h),
    quit: fake.quit,
  };
  const session = {
    defaultSession: {
      webRequest: { onHeadersReceived: () => {} },
      setPermissionRequestHandler: () => {},
      setPermissionCheckHandler: () => {},
    },
  };
  return { app, BrowserWindow, ipcMain: {}, session, shell: { openExternal: fake.openExternal } };
});

vi.mock('electron-log/main', () => ({ default: fake.electronLog }));

vi.mock('./core/bench', () => ({
  createBench: async (options: { log?: (m: string) => void }) => {
    fake.benchLog = options.log;
    return {
      close: fake.benchClose,
      virtualBoard: { running: undefined },
      dispatch: async () =>
        ok({
          selectedId: 'lab',
          profiles: [{ kind: 'real', id: 'lab', name: 'Lab', host: '192.168.0.50', httpPort: 80 }],
        }),
    };
  },
}));
vi.mock('./ipc/ipc-adapter', () => ({ connectIpc: () => () => {} }));

async function startMain(isPackaged: boolean) {
  fake.isPackaged = isPackaged;
  vi.resetModules();
  await import('./index');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
  return fake.windows[0]!;
}

beforeEach(() => {
  fake.windows.length = 0;
  fake.appHandlers.clear();
  fake.quit.mockClear();
  fake.openExternal.mockClear();
  fake.benchClose.mockClear();
  process.env.ELECTRON_RENDERER_URL = 'https://attacker.example/';
});
afterEach(() => {
  delete process.env.ELECTRON_RENDERER_URL;
});

describe('the Electron main process', () => {
  it('ignores ELECTRON_RENDERER_URL when packaged and loads the built page', async () => {
    const win = await startMain(true);
    expect(win.loadURL).not.toHaveBeenCalled();
    expect(win.loadFile).toHaveBeenCalledWith(expect.stringMatching(/renderer[/\\]index\.html$/));
  });

  it('loads the dev server while developing', async () => {
    const win = await startMain(false);
    expect(win.loadURL).toHaveBeenCalledWith('https://attacker.example/');
    expect(win.loadFile).not.toHaveBeenCalled();
  });

  it("opens only the selected board's web server in the system browser", async () => {
    const win = await startMain(true);
    expect(win.openHandler!({ url: 'https://attacker.example/' })).toEqual({ action: 'deny' });
    expect(win.openHandler!({ url: 'http://192.168.0.50/index.html' })).toEqual({ action: 'deny' });
    const navigate = { preventDefault: vi.fn() };
    win.contentsHandlers.get('will-navigate')!(navigate, 'http://192.168.0.51/');
    expect(navigate.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.openExternal).toHaveBeenCalledTimes(1));
    expect(fake.openExternal).toHaveBeenCalledWith('http://192.168.0.50/index.html');
  });

  it("writes the packaged app's log to a file under userData/logs", async () => {
    await startMain(true);
    expect(fake.electronLog.transports.file.resolvePathFn()).toMatch(
      /^[/\\]tmp[/\\]bench-test[/\\]logs[/\\]main\.log$/,
    );
    expect(fake.electronLog.transports.console.level).toBe(false);
    fake.benchLog!('ftp probe: board at 192.168.0.50:21 answered');
    expect(fake.electronLog.info).toHaveBeenCalledWith('ftp probe: board at 192.168.0.50:21 answered');
  });

  it('holds the quit until the bench has closed, then quits once', async () => {
    await startMain(true);
    let finish!: () => void;
    fake.benchClose.mockImplementationOnce(() => new Promise<void>((r) => (finish = r)));
    const event = { preventDefault: vi.fn() };
    fake.appHandlers.get('before-quit')!(event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(fake.benchClose).toHaveBeenCalledTimes(1);
    expect(fake.quit).not.toHaveBeenCalled();
    finish();
    await vi.waitFor(() => expect(fake.quit).toHaveBeenCalledTimes(1));
    const again = { preventDefault: vi.fn() };
    fake.appHandlers.get('before-quit')!(again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });
});
