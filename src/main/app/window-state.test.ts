// Window size and position: the clamping to the displays there now (pure), and the saving and restoring with the
// window and the screen faked.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  clampToDisplays,
  parseWindowState,
  restoreWindowState,
  trackWindowState,
  withWindowState,
  type Bounds,
  type DisplayScreen,
  type TrackedWindow,
} from './window-state';

const MIN = { width: 960, height: 600 };
const LAPTOP: Bounds = { x: 0, y: 0, width: 1920, height: 1050 };
const RIGHT_MONITOR: Bounds = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('clampToDisplays', () => {
  it('keeps bounds that lie wholly on a display', () => {
    const b = { x: 100, y: 80, width: 1280, height: 800 };
    expect(clampToDisplays(b, [LAPTOP, RIGHT_MONITOR], LAPTOP, MIN)).toEqual(b);
    const onRight = { x: 2200, y: 100, width: 1600, height: 1000 };
    expect(clampToDisplays(onRight, [LAPTOP, RIGHT_MONITOR], LAPTOP, MIN)).toEqual(onRight);
  });

  it('centres a window on the primary display when its display is gone', () => {
    const onUnplugged = { x: 2200, y: 100, width: 1280, height: 800 };
    expect(clampToDisplays(onUnplugged, [LAPTOP], LAPTOP, MIN)).toEqual({
      x: 320,
      y: 125,
      width: 1280,
      height: 800,
    });
  });

  it('pulls a window hanging off an edge back inside the display it overlaps most', () => {
    expect(clampToDisplays({ x: 1500, y: -200, width: 1280, height: 800 }, [LAPTOP], LAPTOP, MIN)).toEqual({
      x: 640,
      y: 0,
      width: 1280,
      height: 800,
    });
    // Mostly on the right monitor: it goes there, not to the laptop.
    expect(
      clampToDisplays({ x: 1800, y: 1300, width: 1280, height: 800 }, [LAPTOP, RIGHT_MONITOR], LAPTOP, MIN),
    ).toEqual({ x: 1920, y: 600, width: 1280, height: 800 });
  });

  it('shrinks a window larger than the display to its work area, and grows one below the minimum', () => {
    const small: Bounds = { x: 0, y: 30, width: 1366, height: 738 };
    expect(clampToDisplays({ x: 0, y: 0, width: 2400, height: 1400 }, [small], small, MIN)).toEqual(small);
    expect(clampToDisplays({ x: 10, y: 40, width: 200, height: 100 }, [LAPTOP], LAPTOP, MIN)).toEqual({
      x: 10,
      y: 40,
      width: 960,
      height: 600,
    });
  });

  it('handles displays left of and above the primary (negative coordinates)', () => {
    const left: Bounds = { x: -1680, y: -200, width: 1680, height: 1050 };
    const b = { x: -1600, y: -150, width: 1280, height: 800 };
    expect(clampToDisplays(b, [LAPTOP, left], LAPTOP, MIN)).toEqual(b);
  });
});

describe('parseWindowState', () => {
  it('reads what is saved and refuses anything else', () => {
    expect(parseWindowState('{"bounds":{"x":1,"y":2,"width":300,"height":400},"maximized":true}')).toEqual({
      bounds: { x: 1, y: 2, width: 300, height: 400 },
      maximized: true,
    });
    for (const bad of [
      '',
      'null',
      '[]',
      '{"bounds":{"x":1,"y":2,"width":300}}',
      '{"bounds":{"x":"1","y":2,"width":300,"height":400}}',
      '{"bounds":{"x":1,"y":2,"width":0,"height":400}}',
      '{"bounds":{"x":1e308,"y":2,"width":300,"height":400}}',
      '{"bounds":{"x":1,"y":2,"width":300,"height":400}',
    ])
      expect(parseWindowState(bad), bad).toBeUndefined();
  });
});

class FakeWindow implements TrackedWindow {
  readonly handlers = new Map<string, Array<() => void>>();
  bounds: Bounds = { x: 100, y: 100, width: 1280, height: 800 };
  maximized = false;
  on(event: string, listener: () => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener]);
  }
  once(event: string, listener: () => void) {
    this.on(event, listener);
  }
  emit(event: string) {
    for (const h of this.handlers.get(event) ?? []) h();
  }
  getNormalBounds() {
    return this.bounds;
  }
  isMaximized() {
    return this.maximized;
  }
  maximize() {
    this.maximized = true;
  }
}

const screen = (areas: Bounds[]): DisplayScreen => ({
  getAllDisplays: () => areas.map((workArea) => ({ workArea })),
  getPrimaryDisplay: () => ({ workArea: areas[0]! }),
});

describe('saving and restoring the window', () => {
  let dir: string;
  let file: string;
  const log = vi.fn();
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'window-state-'));
    file = join(dir, 'window-state.json');
    log.mockClear();
  });
  afterEach(() => {
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });
  const opts = (areas = [LAPTOP, RIGHT_MONITOR]) => ({ file, screen: screen(areas), min: MIN, log });

  it('saves once, after moving and resizing settle, and at once on close', () => {
    vi.useFakeTimers();
    const win = new FakeWindow();
    trackWindowState(win, { ...opts(), debounceMs: 500 });
    win.bounds = { x: 200, y: 150, width: 1400, height: 900 };
    win.emit('move');
    vi.advanceTimersByTime(300);
    win.emit('resize');
    vi.advanceTimersByTime(300);
    expect(existsSync(file)).toBe(false);
    vi.advanceTimersByTime(250);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ bounds: win.bounds, maximized: false });

    win.bounds = { x: 2000, y: 50, width: 1500, height: 1000 };
    win.maximized = true;
    win.emit('close');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ bounds: win.bounds, maximized: true });
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });

  it('opens at the saved place, clamped to the displays there now, maximized if it was', () => {
    writeFileSync(
      file,
      JSON.stringify({ bounds: { x: 2200, y: 100, width: 1600, height: 1000 }, maximized: true }),
    );
    const created: Array<Partial<Bounds>> = [];
    const win = withWindowState(opts([LAPTOP]), (b) => {
      created.push(b);
      return new FakeWindow();
    });
    // The right monitor is unplugged: centred on the laptop's screen instead.
    expect(created).toEqual([{ x: 160, y: 25, width: 1600, height: 1000 }]);
    expect(win.maximized).toBe(true);
    expect(win.handlers.has('close')).toBe(true);
  });

  it('uses the default size on a first start, and says so when the file is damaged', () => {
    expect(restoreWindowState(opts())).toBeUndefined();
    expect(log).not.toHaveBeenCalled();
    writeFileSync(file, '{"bounds":');
    const created: Array<Partial<Bounds>> = [];
    withWindowState(opts(), (b) => (created.push(b), new FakeWindow()));
    expect(created).toEqual([{}]);
    expect(log).toHaveBeenCalledWith(
      expect.stringMatching(
        /^window state: .+ could not be used \(it is not valid JSON\); it was kept as .+\.damaged-.+ and the defaults are used\.$/,
      ),
    );
  });

  it('logs, and does not throw, when it cannot save', () => {
    const win = new FakeWindow();
    // A "folder" that is a file: neither it nor the state file in it can be made.
    writeFileSync(join(dir, 'not-a-folder'), '');
    trackWindowState(win, { ...opts(), file: join(dir, 'not-a-folder', 'window-state.json') });
    expect(() => win.emit('close')).not.toThrow();
    expect(log).toHaveBeenCalledWith('window state: cannot save it (ENOTDIR)');
  });
});
