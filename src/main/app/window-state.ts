// The window's size and position, kept across starts: saved (debounced) as it moves and resizes and when it closes,
// restored on start, and clamped to a display that is there now, so a window last seen on an unplugged monitor or
// a larger screen opens whole and visible.
import { z } from 'zod';
import { JsonStore } from '../core/json-store';

export interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What is saved: the bounds of the window when not maximized, and whether it was. */
export interface SavedWindowState {
  readonly bounds: Bounds;
  readonly maximized: boolean;
}

/** The smallest window the app allows (windowOptions' minWidth and minHeight). */
export interface MinSize {
  readonly width: number;
  readonly height: number;
}

function overlap(a: Bounds, b: Bounds): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Fits saved bounds to the displays there now: on the work area it overlaps most (the primary one, centred, when it
 * overlaps none), no larger than that work area and wholly inside it.
 */
export function clampToDisplays(
  saved: Bounds,
  workAreas: readonly Bounds[],
  primary: Bounds,
  min: MinSize,
): Bounds {
  let area: Bounds | undefined;
  let best = 0;
  for (const a of workAreas) {
    const o = overlap(saved, a);
    if (o > best) [area, best] = [a, o];
  }
  const target = area ?? primary;
  const width = Math.round(Math.min(Math.max(saved.width, min.width), target.width));
  const height = Math.round(Math.min(Math.max(saved.height, min.height), target.height));
  const within = (v: number, lo: number, size: number, span: number) =>
    Math.round(Math.min(Math.max(v, lo), lo + span - size));
  if (!area)
    return {
      x: Math.round(target.x + (target.width - width) / 2),
      y: Math.round(target.y + (target.height - height) / 2),
      width,
      height,
    };
  return {
    x: within(saved.x, target.x, width, target.width),
    y: within(saved.y, target.y, height, target.height),
    width,
    height,
  };
}

/** A coordinate or size as saved: a finite number of sensible magnitude. */
const coord = z.number().refine((n) => Math.abs(n) < 1e6, 'out of range');
const size = coord.refine((n) => n > 0, 'not a size');
/** window-state.json: no bounds on a first start (or when they were damaged). */
const fileSchema = z.object({
  bounds: z.object({ x: coord, y: coord, width: size, height: size }).optional(),
  maximized: z.boolean().default(false),
});

/** The saved state in a file's text, or undefined when it is not one (missing fields, not numbers, no size). */
export function parseWindowState(text: string): SavedWindowState | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = fileSchema.safeParse(v);
  if (!parsed.success || !parsed.data.bounds) return undefined;
  return { bounds: parsed.data.bounds, maximized: parsed.data.maximized };
}

// ---- the Electron side, thin: the window and the screen are passed in ----

/** What this needs of a BrowserWindow. */
export interface TrackedWindow {
  on(event: 'move' | 'resize' | 'close', listener: () => void): unknown;
  once(event: 'closed', listener: () => void): unknown;
  getNormalBounds(): Bounds;
  isMaximized(): boolean;
  maximize(): void;
}

/** What this needs of Electron's `screen`. */
export interface DisplayScreen {
  getAllDisplays(): ReadonlyArray<{ readonly workArea: Bounds }>;
  getPrimaryDisplay(): { readonly workArea: Bounds };
}

export interface WindowStateOptions {
  /** The JSON file in the app's data folder. */
  readonly file: string;
  readonly screen: DisplayScreen;
  readonly min: MinSize;
  readonly log: (message: string) => void;
  /** Quiet time after the last move or resize before saving. Default 500 ms. */
  readonly debounceMs?: number;
}

function openStore(opts: WindowStateOptions): JsonStore<typeof fileSchema> {
  return new JsonStore({
    file: opts.file,
    schema: fileSchema,
    pretty: false,
    log: (m) => opts.log(`window state: ${m}`),
  });
}

/** The saved window state, clamped to the displays there now; undefined on a first start or an unusable file. */
export function restoreWindowState(
  opts: WindowStateOptions,
  store = openStore(opts),
): SavedWindowState | undefined {
  // A damaged file is kept aside and said in the log by the store; the window then opens at the default size.
  const saved = store.get();
  if (!saved.bounds) return undefined;
  const areas = opts.screen.getAllDisplays().map((d) => d.workArea);
  const bounds = clampToDisplays(saved.bounds, areas, opts.screen.getPrimaryDisplay().workArea, opts.min);
  return { bounds, maximized: saved.maximized };
}

/** Saves the window's state after it moves or resizes (debounced) and when it closes. */
export function trackWindowState(
  win: TrackedWindow,
  opts: WindowStateOptions,
  store = openStore(opts),
): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    const state: SavedWindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    try {
      store.set(state);
    } catch (err) {
      const code = err instanceof Error && 'code' in err ? String(err.code) : 'error';
      opts.log(`window state: cannot save it (${code})`);
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, opts.debounceMs ?? 500);
  };
  win.on('move', later);
  win.on('resize', later);
  win.on('close', save);
  win.once('closed', () => clearTimeout(timer));
}

/**
 * Creates the window at its saved size and position (clamped to the displays there now), maximized if it was, and
 * keeps saving them.
 */
export function withWindowState<W extends TrackedWindow>(
  opts: WindowStateOptions,
  create: (bounds: Partial<Bounds>) => W,
): W {
  // One store for both: the file is read once at start.
  const store = openStore(opts);
  const saved = restoreWindowState(opts, store);
  const win = create(saved?.bounds ?? {});
  if (saved?.maximized) win.maximize();
  trackWindowState(win, opts, store);
  return win;
}
