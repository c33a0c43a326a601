// Triggered capture (docs/alarm-captures.md): when a rule with `capture` is raised on a board at t, the bench waits
// until t + post has passed (and the data of its last moments has arrived), then writes a bundle folder of that
// board's evidence over [t − pre, t + post]. Each bundle's state goes writing → done or failed, told as it changes.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlarmRule } from '../../../../shared/alarms/rules';
import type { AlarmCapture, AlarmRecord } from '../../../../shared/bridge/contracts/alarms';
import { BenchError } from '../../../../shared/result';
import type { AlarmSource, AlarmTransition } from '../types';
import { bundleName } from './bundle-name';
import { writeBundle, type BundleSources } from './bundle-writer';
import { CAPTURE_LIMITS, deleteBundle, overLimits, scanBundles, type CaptureLimits } from './capture-list';
import { captureOf } from './summary';
import { zipEntries } from './zip';

export interface CaptureServiceOptions extends BundleSources {
  /** `<config dir>/alarm-captures`. */
  readonly root: string;
  /** A board's name and, for the CSV's preamble, its host and kind. */
  readonly board: (
    id: string,
  ) => { readonly name: string; readonly host?: string; readonly kind?: string } | undefined;
  /** A bundle started, finished or failed (`alarms:capture`). */
  readonly emit: (capture: AlarmCapture) => void;
  /** Puts a marker into the board's session ("Capture saved: <folder>"). */
  readonly mark?: (boardId: string, note: string) => void;
  readonly log: (message: string) => void;
  readonly now?: () => number;
  /** How long after t + post the bundle is written, so the window's last messages have arrived (default 1 s). */
  readonly settleMs?: number;
  readonly limits?: CaptureLimits;
}

/** Most bundles waiting for their window to end at once; past it a raise is told as a failed capture. */
export const MAX_WAITING = 20;
/** A bundle larger than this is not zipped for a download (the zip is built in memory). */
export const MAX_ZIP_BYTES = 512 * 1024 * 1024;
/** A zip made for a download is deleted after this long (the download offer lasts 10 minutes). */
const ZIP_KEEP_MS = 15 * 60_000;

export class CaptureService {
  /** Newest first. */
  private list: AlarmCapture[];
  private readonly waiting = new Map<
    string,
    { timer: ReturnType<typeof setTimeout>; write: () => Promise<void> }
  >();
  /** Bundles being written now (closing waits for them). */
  private readonly writing = new Set<Promise<void>>();
  private readonly now: () => number;
  private readonly limits: CaptureLimits;
  private closed = false;

  constructor(private readonly opt: CaptureServiceOptions) {
    this.now = opt.now ?? Date.now;
    this.limits = opt.limits ?? CAPTURE_LIMITS;
    this.list = scanBundles(opt.root);
    this.prune();
  }

  /** Acts on every raise of `source` from now on; returns the unsubscribe function. */
  listen(source: AlarmSource): () => void {
    return source.onTransition((t) => this.onTransition(t));
  }

  /** One raise or clear: a raise of a rule with `capture` starts a bundle. */
  onTransition(tr: AlarmTransition): void {
    if (tr.kind !== 'raised' || !tr.rule.capture || this.closed) return;
    this.start(tr.alarm, tr.rule, tr.rule.capture);
  }

  /** The bundles, newest first. */
  captures(): readonly AlarmCapture[] {
    return this.list;
  }

  /** The bundle saved for alarm `alarmId`, if any. */
  captureOf(alarmId: string): AlarmCapture | undefined {
    return this.list.find((c) => c.alarmId === alarmId);
  }

  /** The host path of a bundle's folder (for the desktop app's file manager; never sent to a page). */
  folderOf(id: string): string {
    const c = this.find(id);
    if (c.state === 'writing') throw this.stillWriting(c);
    const dir = join(this.opt.root, c.folder);
    if (!existsSync(dir)) throw new BenchError('NOT_FOUND', `The folder of bundle ${c.folder} is gone.`);
    return dir;
  }

  /** Zips a bundle into a file for a one-time download; returns its host path, size and name. */
  zip(id: string): { file: string; bytes: number; fileName: string } {
    const dir = this.folderOf(id);
    const names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
    const total = names.reduce((s, n) => s + statSync(join(dir, n)).size, 0);
    if (total > MAX_ZIP_BYTES)
      throw new BenchError(
        'UNAVAILABLE',
        `This bundle is ${Math.round(total / 1e6)} MB; a bundle is zipped for download up to ` +
          `${MAX_ZIP_BYTES / 2 ** 20} MiB. Copy its folder (${id}) from the bench PC instead.`,
      );
    const zips = join(this.opt.root, '.zips');
    mkdirSync(zips, { recursive: true });
    for (const e of readdirSync(zips)) {
      const f = join(zips, e);
      if (statSync(f).mtimeMs < this.now() - ZIP_KEEP_MS) rmSync(f, { force: true });
    }
    const bytes = zipEntries(
      names.map((n) => ({
        name: `${id}/${n}`,
        data: readFileSync(join(dir, n)),
        mtime: statSync(join(dir, n)).mtimeMs,
      })),
    );
    const file = join(zips, `${id}.zip`);
    writeFileSync(file, bytes);
    return { file, bytes: bytes.length, fileName: `${id}.zip` };
  }

  /** Resolves once the bundles being written now are written (tests, and closing). */
  async idle(): Promise<void> {
    await Promise.all([...this.writing]);
  }

  /** Writes every waiting bundle now (the bench is closing: their window is cut short, and the summary says so). */
  async close(): Promise<void> {
    this.closed = true;
    for (const [id, w] of [...this.waiting]) {
      clearTimeout(w.timer);
      this.waiting.delete(id);
      void w.write();
    }
    await this.idle();
  }

  private find(id: string): AlarmCapture {
    const c = this.list.find((x) => x.id === id);
    if (!c) throw new BenchError('NOT_FOUND', `There is no capture bundle named ${id.slice(0, 120)}.`);
    return c;
  }

  private stillWriting(c: AlarmCapture): BenchError {
    return new BenchError(
      'CONFLICT',
      `Bundle ${c.folder} is still being written: it is complete shortly after ${new Date(c.toT).toISOString()}.`,
    );
  }

  private start(alarm: AlarmRecord, rule: AlarmRule, window: { preS: number; postS: number }): void {
    const t = alarm.raisedAt;
    const fromT = t - window.preS * 1000;
    const toT = t + window.postS * 1000;
    const id = bundleName(
      t,
      alarm.boardId,
      rule.name,
      (n) => existsSync(join(this.opt.root, n)) || this.list.some((c) => c.id === n),
    );
    const entry: AlarmCapture = {
      id,
      alarmId: alarm.id,
      boardId: alarm.boardId,
      ruleName: rule.name,
      t,
      fromT,
      toT,
      folder: id,
      files: [],
      state: 'writing',
    };
    this.put(entry);
    if (this.waiting.size >= MAX_WAITING) {
      this.settle(entry, {
        state: 'failed',
        note: `Not saved: ${MAX_WAITING} bundles were already waiting for their windows to end (an alarm storm?).`,
      });
      this.opt.log(`Alarm capture ${id} not saved: ${MAX_WAITING} bundles were already waiting.`);
      return;
    }
    const write = () => {
      const p = this.write(entry, alarm, rule).finally(() => this.writing.delete(p));
      this.writing.add(p);
      return p;
    };
    const timer = setTimeout(
      () => {
        this.waiting.delete(id);
        void write();
      },
      Math.max(0, toT + (this.opt.settleMs ?? 1000) - this.now()),
    );
    timer.unref?.();
    this.waiting.set(id, { timer, write });
  }

  /** Writes one bundle; never rejects (a failure is the bundle's state, told and logged). */
  private async write(entry: AlarmCapture, alarm: AlarmRecord, rule: AlarmRule): Promise<void> {
    const profile = this.opt.board(entry.boardId);
    const name = profile?.name ?? alarm.boardName;
    const words = profile?.host
      ? `${name} (${profile.host}${profile.kind === 'virtual' ? ', virtual' : ''})`
      : name;
    try {
      mkdirSync(this.opt.root, { recursive: true });
      const cut = this.now() < entry.toT;
      const summary = await writeBundle(
        {
          id: entry.id,
          dir: join(this.opt.root, entry.folder),
          alarm,
          rule,
          boardId: entry.boardId,
          boardName: name,
          boardWords: words,
          t: entry.t,
          fromT: entry.fromT,
          toT: entry.toT,
        },
        this.opt,
        cut
          ? 'the bench closed before the window ended: the rows after that are not in the bundle'
          : undefined,
      );
      this.settle(entry, captureOf(summary, rule.name));
      this.opt.mark?.(entry.boardId, `Capture saved: ${entry.folder}`);
      this.opt.log(`Alarm capture saved: ${entry.folder}`);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      this.settle(entry, { state: 'failed', note: `The bundle could not be written: ${why}` });
      this.opt.log(`Alarm capture ${entry.folder} failed: ${why}`);
    }
    this.prune();
  }

  private put(entry: AlarmCapture): void {
    this.list.unshift(entry);
    this.opt.emit(entry);
  }

  private settle(entry: AlarmCapture, next: Partial<AlarmCapture>): void {
    const done: AlarmCapture = { ...entry, ...next };
    const i = this.list.findIndex((c) => c.id === entry.id);
    if (i >= 0) this.list[i] = done;
    this.opt.emit(done);
  }

  /** Deletes the oldest bundles past the limits, and says so in the log. */
  private prune(): void {
    const gone = overLimits(this.list, this.limits);
    if (!gone.length) return;
    const names: string[] = [];
    for (const c of gone) {
      try {
        deleteBundle(this.opt.root, c.folder);
        names.push(c.folder);
      } catch (err) {
        this.opt.log(
          `Alarm captures: could not delete ${c.folder}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    const removed = new Set(gone.map((c) => c.id));
    this.list = this.list.filter((c) => !removed.has(c.id));
    this.opt.log(
      `Alarm captures: deleted the ${names.length} oldest bundle(s) (${names.join(', ')}) to keep at most ` +
        `${this.limits.maxBundles} bundles and ${this.limits.maxBytes / 1e9} GB.`,
    );
  }
}
