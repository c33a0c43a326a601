// The composition root with Electron and the bench faked: what the packaged app loads, which links leave it, and
// how it quits.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../shared/result';

type Handler = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    isPackaged: false,
    userData: '/tmp/bench-test',
    appHandlers: new Map<string, (...args: unknown[]) => unknown>(),
    windows: [] as Array<{
      options: Record<string, unknown>;
      windowHandlers: Map<string, (...args: unknown[]) => unknown>;
      loadURL: ReturnType<typeof vi.fn>;
      loadFile: ReturnType<typeof vi.fn>;
      openHandler?: (details: { url: string }) => unknown;
      contentsHandlers: Map<string, (...args: unknown[]) => unknown>;
    }>,
    quit: vi.fn(),
    openExternal: vi.fn(async () => {}),
    benchClose: vi.fn(async () => {}),
    benchLog: undefined as ((m: string) => void) | undefined,
    /** What the composition root subscribed to the bench's alarms (the desktop notifications). */
    alarmListener: undefined as ((t: unknown) => void) | undefined,
    notifications: [] as Array<{ title?: string; body?: string; shown: boolean }>,
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
    readonly windowHandlers = new Map<string, Handler>();
    constructor(readonly options: Record<string, unknown>) {
      fake.windows.push(this);
    }
    on(name: string, h: Handler) {
      this.windowHandlers.set(name, h);
    }
    once() {}
    getNormalBounds() {
      return { x: 300, y: 200, width: 1300, height: 820 };
    }
    isMaximized() {
      return false;
    }
    maximize() {}
    static getAllWindows() {
      return fake.windows;
    }
  }
  const app = {
    get isPackaged() {
      return fake.isPackaged;
    },
    whenReady: async () => {},
    getPath: () => fake.userData,
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
  const dialog = { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() };
  class Notification {
    readonly record: { title?: string; body?: string; shown: boolean };
    constructor(options: { title?: string; body?: string }) {
      this.record = { title: options.title, body: options.body, shown: false };
      fake.notifications.push(this.record);
    }
    static isSupported() {
      return true;
    }
    on() {}
    show() {
      this.record.shown = true;
    }
  }
  const workArea = { x: 0, y: 0, width: 1920, height: 1050 };
  const screen = { getAllDisplays: () => [{ workArea }], getPrimaryDisplay: () => ({ workArea }) };
  return {
    app,
    BrowserWindow,
    dialog,
    ipcMain: {},
    Notification,
    screen,
    session,
    shell: { openExternal: fake.openExternal },
  };
});

vi.mock('electron-log/main', () => ({ default: fake.electronLog }));

vi.mock('./core/bench', () => ({
  createBench: async (options: { log?: (m: string) => void }) => {
    fake.benchLog = options.log;
    return {
      close: fake.benchClose,
      virtualBoards: { all: () => [] },
      alarms: {
        service: {
          onTransition: (l: (t: unknown) => void) => {
            fake.alarmListener = l;
            return () => {};
          },
          active: () => [],
        },
        notificationsOn: () => true,
      },
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

  it('shows a desktop notification for an alarm the bench raises', async () => {
    fake.notifications.length = 0;
    await startMain(true);
    await vi.waitFor(() => expect(fake.alarmListener).toBeDefined());
    fake.alarmListener!({
      kind: 'raised',
      alarm: {
        id: 'lab/hot/1',
        ruleId: 'hot',
        ruleName: 'Board too hot',
        ruleKind: 'threshold',
        severity: 'critical',
        boardId: 'lab',
        boardName: 'Lab',
        raisedAt: 1,
        message: 'junctionTemp 91 above 85',
      },
      rule: { id: 'hot' },
    });
    expect(fake.notifications).toEqual([
      expect.objectContaining({ title: expect.stringContaining('Board too hot'), shown: true }),
    ]);
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

  it('opens the window where it was last, on a display that is there, and saves it on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-window-'));
    try {
      fake.userData = dir;
      const file = join(dir, 'window-state.json');
      writeFileSync(
        file,
        JSON.stringify({ bounds: { x: 5000, y: 40, width: 1280, height: 800 }, maximized: false }),
      );
      const win = await startMain(true);
      expect(win.options).toMatchObject({ x: 320, y: 125, width: 1280, height: 800, minWidth: 960 });
      win.windowHandlers.get('close')!();
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
        bounds: { x: 300, y: 200, width: 1300, height: 820 },
        maximized: false,
      });
    } finally {
      fake.userData = '/tmp/bench-test';
      rmSync(dir, { recursive: true, force: true });
    }
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
