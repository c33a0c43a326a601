// The kept runs as the Sessions page lists them: every session file under `<config dir>/sessions/*/`, newest first.
// A file's summary (whose run, start, end, markers) takes opening it, so summaries are cached by (path, size,
// mtime) and worked out one file at a time for at most LIST_BUDGET_MS per listing; files not reached yet are listed
// from their names and stat, and a `runs:changed` follows when their summaries are in (docs/sessions.md §Review).
import { basename } from 'node:path';
import type { RunSummary } from '../../../shared/bridge/contracts/runs';
import { startedOfFileName } from '../../../shared/session-file/channels';
import { listSessionFiles, type StoredSessionFile } from '../flight/retention';
import { openSessionFile } from '../flight/session-file-reader';
import { benchEvent, markerOf } from './review-rows';
import { readSidecarMarkers, sidecarOf } from './markers-sidecar';
import { stat } from 'node:fs/promises';

/** Longest a listing waits for summaries before answering with what it has. */
export const LIST_BUDGET_MS = 300;
/** Summaries kept (a folder of more files works them out again when they come round). */
const MAX_CACHED = 5000;

/** What the list knows of a board it cannot read a file of (yet): the profile, if the board is still known. */
export type BoardLookup = (
  id: string,
) => { readonly name: string; readonly kind: 'virtual' | 'real' } | undefined;

/** The id of a bench session file: its board folder and name. */
export const runIdOf = (f: Pick<StoredSessionFile, 'boardId' | 'path'>): string =>
  `${f.boardId}/${basename(f.path)}`;

export class RunList {
  private readonly cache = new Map<string, { key: string; summary: RunSummary }>();
  private working: Promise<void> | undefined;

  constructor(
    private readonly root: string,
    private readonly board: BoardLookup,
    /** Files being written now, and markers counted in them so far. */
    private readonly live: () => ReadonlyMap<string, number>,
    /** Called when summaries that were missing from a listing are in. */
    private readonly onLater: () => void,
  ) {}

  /** Every kept run, newest first, and the bytes they take. */
  async list(): Promise<{ runs: RunSummary[]; usedBytes: number }> {
    const files = await listSessionFiles(this.root);
    const live = this.live();
    const deadline = Date.now() + LIST_BUDGET_MS;
    const runs: RunSummary[] = [];
    const missing: StoredSessionFile[] = [];
    for (const f of files) {
      const liveMarkers = live.get(f.path);
      if (liveMarkers !== undefined) {
        runs.push(await this.liveSummary(f, liveMarkers));
        continue;
      }
      const cached = await this.cached(f);
      if (cached) runs.push(cached);
      else if (Date.now() < deadline) runs.push(await this.summarize(f));
      else {
        missing.push(f);
        runs.push(this.guess(f, 'Reading this file…'));
      }
    }
    if (missing.length > 0) this.later(missing);
    return {
      runs: runs.sort((a, b) => b.started - a.started),
      usedBytes: files.reduce((n, f) => n + f.bytes, 0),
    };
  }

  /** Forgets a file's summary (deleted, or a marker added beside it). */
  forget(path: string): void {
    this.cache.delete(path);
  }

  /** The summary of one bench file, worked out now. */
  async summaryOf(f: StoredSessionFile): Promise<RunSummary> {
    const live = this.live().get(f.path);
    if (live !== undefined) return this.liveSummary(f, live);
    return (await this.cached(f)) ?? this.summarize(f);
  }

  private later(files: StoredSessionFile[]): void {
    if (this.working) return;
    this.working = (async () => {
      for (const f of files) if (!(await this.cached(f))) await this.summarize(f);
    })().finally(() => {
      this.working = undefined;
      this.onLater();
    });
  }

  private async cached(f: StoredSessionFile): Promise<RunSummary | undefined> {
    const hit = this.cache.get(f.path);
    return hit && hit.key === (await keyOf(f.path)) ? hit.summary : undefined;
  }

  private async summarize(f: StoredSessionFile): Promise<RunSummary> {
    const key = await keyOf(f.path);
    let summary: RunSummary;
    try {
      const file = await openSessionFile(f.path);
      try {
        let markers = (await readSidecarMarkers(sidecarOf(f.path))).length;
        for await (const m of file.messages({ channels: ['events'] })) {
          const e = benchEvent(m.t, m.data);
          if (e && markerOf(m.t, e)) markers++;
        }
        const started = file.info?.started ?? file.startMs ?? f.started;
        summary = {
          ...this.guess(f),
          boardName: file.info?.boardName ?? f.boardId,
          boardKind: file.info?.boardKind ?? this.guess(f).boardKind,
          started,
          ended: file.endMs ?? started,
          markers,
          ...(file.recovered
            ? {
                note:
                  'This run was cut short (the bench stopped without closing its file); its index was rebuilt ' +
                  `from what was written${file.recovered.droppedBytes > 0 ? `, and a torn last part of ${file.recovered.droppedBytes} bytes left out` : ''}.`,
              }
            : {}),
        };
      } finally {
        await file.close();
      }
    } catch (e) {
      summary = this.guess(f, `This file could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value ?? '');
    this.cache.set(f.path, { key, summary });
    return summary;
  }

  private async liveSummary(f: StoredSessionFile, markers: number): Promise<RunSummary> {
    const s = await stat(f.path).catch(() => undefined);
    return { ...this.guess(f), ended: s?.mtimeMs ?? f.started, markers, live: true };
  }

  /** What the name, the folder and the profile say. */
  private guess(f: StoredSessionFile, note?: string): RunSummary {
    const board = this.board(f.boardId);
    const started = startedOfFileName(basename(f.path)) ?? f.started;
    return {
      id: runIdOf(f),
      boardId: f.boardId,
      boardName: board?.name ?? f.boardId,
      boardKind: board?.kind ?? 'real',
      started,
      ended: started,
      bytes: f.bytes,
      markers: 0,
      live: false,
      source: 'bench',
      ...(note ? { note } : {}),
    };
  }
}

/** A file's identity for the cache: size and last change (a sidecar's change counts too). */
async function keyOf(path: string): Promise<string> {
  const [s, side] = await Promise.all([
    stat(path).catch(() => undefined),
    stat(sidecarOf(path)).catch(() => undefined),
  ]);
  return `${s?.size}:${s?.mtimeMs}:${side?.size ?? 0}:${side?.mtimeMs ?? 0}`;
}
