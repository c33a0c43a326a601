// The flight recorder (docs/sessions.md): a session file for every watched board, from the moment the bench starts
// watching it to the moment it stops (one file per board per run of the bench). It follows the SessionOwner's set
// of sessions and is fed by the same hooks as the other features: every WebSocket message (telemetry, pool-status,
// LED status and commands), the link's marks, its raw bytes (frames and TCP events) and the serial lines. Writing is
// batched in chunks (session-file-writer.ts): nothing here touches the disk per message.
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ChunkIndex } from '@mcap/core';
import type { SerialLinesBatch } from '../../../shared/bridge/contracts/serial';
import type { ParsedBoardMessage } from '../../../shared/protocol/messages';
import type { MessageRecord } from '../../../shared/recording/format';
import {
  sessionFileName,
  startedOfFileName,
  type SessionChannelKey,
} from '../../../shared/session-file/channels';
import { DETAIL_MAX_CHARS, type BenchEventMessage } from '../../../shared/session-file/messages';
import type { TimelineMark } from '../../../shared/telemetry/types';
import type { FrameTap } from '../frames/tap';
import { FlightTap } from './flight-tap';
import { routeMessage } from './route-message';
import { describeRetention, enforceSessionBudget } from './retention';
import { SessionFileWriter, type SessionFileWriterOptions, type SessionIndexer } from './session-file-writer';

/** What the recorder needs from the bench. */
export interface FlightRecorderOptions {
  /** The sessions folder (`<config dir>/sessions`). */
  readonly root: string;
  /** Whether a run starting now is recorded (the setting). */
  readonly enabled: () => boolean;
  /** The retention budget in bytes (the setting). */
  readonly budgetBytes: () => number;
  /** The board's name and kind, for the file's header; undefined for a board with no profile. */
  readonly board: (id: string) => { readonly name: string; readonly kind: 'virtual' | 'real' } | undefined;
  readonly benchVersion: string;
  readonly log: (message: string) => void;
  /** Tells the user (what retention deleted, a run that could not be recorded). */
  readonly tell?: (message: string) => void;
  readonly writer?: SessionFileWriterOptions;
  /** Makes the review index a run builds while it is recorded (kept beside its file when it ends). */
  readonly index?: () => SessionIndexer;
  /** A board whose session ends and comes back within this long (a link restart) keeps its file. Default 5 s. */
  readonly endGraceMs?: number;
  /** How often the budget is checked while recording (the first check is at each run's start). Default 5 min. */
  readonly retentionEveryMs?: number;
}

/** A file being written, as a reader of it needs it (`FlightRecorder.liveIndex`). */
export interface LiveFileIndex {
  readonly path: string;
  /** When the run started, ms since the epoch (from the file's name; NaN if it does not say). */
  readonly started: number;
  /** The chunks on disk, in file order. */
  readonly chunks: readonly ChunkIndex[];
  readonly channelIds: ReadonlyMap<SessionChannelKey, number>;
}

/** The sessions the recorder follows (the SessionOwner). */
export interface SessionSet {
  list(): readonly { readonly id: string }[];
  onSessionsChanged(cb: () => void): () => void;
}

/** An event written into board `boardId`'s run. */
export type RecorderEventListener = (boardId: string, t: number, e: BenchEventMessage) => void;

type Pending = [SessionChannelKey, number, string | object, bigint | undefined];

/** Messages held while a run's file is being created; beyond this the oldest are let go. */
const MAX_PENDING = 20_000;

/** One board's run being recorded. */
class BoardRun {
  writer: SessionFileWriter | undefined;
  pending: Pending[] | undefined = [];
  endTimer: NodeJS.Timeout | undefined;
  readonly tap: FlightTap;
  readonly opened: Promise<void>;

  constructor(
    open: (run: BoardRun) => Promise<void>,
    private readonly onEvent: (t: number, e: BenchEventMessage) => void,
  ) {
    this.tap = new FlightTap({
      frame: (t, f) => this.add('frames', t, f),
      tcp: (t, e) => this.add('tcp', t, e),
    });
    this.opened = open(this);
  }

  add(key: SessionChannelKey, t: number, data: string | object, publishNs?: bigint): void {
    if (this.writer) this.writer.add(key, t, data, publishNs);
    else if (this.pending) {
      this.pending.push([key, t, data, publishNs]);
      if (this.pending.length > MAX_PENDING) this.pending.shift();
    }
  }

  event(t: number, e: BenchEventMessage): void {
    this.onEvent(t, e);
    this.add(
      'events',
      t,
      e.detail.length > DETAIL_MAX_CHARS ? { ...e, detail: e.detail.slice(0, DETAIL_MAX_CHARS) } : e,
    );
  }
}

/** Records every watched board's run into its own session file. */
export class FlightRecorder {
  private readonly runs = new Map<string, BoardRun>();
  private readonly retention: NodeJS.Timeout;
  private closed = false;
  private retaining: Promise<void> = Promise.resolve();
  private readonly changed = new Set<() => void>();
  private readonly eventListeners = new Set<RecorderEventListener>();

  constructor(private readonly opt: FlightRecorderOptions) {
    this.retention = setInterval(() => void this.retain(), opt.retentionEveryMs ?? 5 * 60_000);
    this.retention.unref();
  }

  /** Follows the set of sessions: a run starts with a board's session and ends with it. Returns the unfollow. */
  follow(sessions: SessionSet): () => void {
    const sync = (): void => this.sync(new Set(sessions.list().map((s) => s.id)));
    sync();
    return sessions.onSessionsChanged(sync);
  }

  /** The files being written now (retention never deletes them). */
  activeFiles(): ReadonlySet<string> {
    return new Set([...this.runs.values()].flatMap((r) => (r.writer ? [r.writer.path] : [])));
  }

  /** The file board `boardId`'s run is written to now, if any. */
  fileOf(boardId: string): string | undefined {
    return this.runs.get(boardId)?.writer?.path;
  }

  /**
   * Board `boardId`'s file being written now, with the chunks already on disk and its channel ids (the Telemetry
   * page reads older history from it: telemetry/file-history.ts); undefined when its run is not recorded.
   */
  liveIndex(boardId: string): LiveFileIndex | undefined {
    const writer = this.runs.get(boardId)?.writer;
    if (!writer || writer.failed) return undefined;
    const started = startedOfFileName(basename(writer.path));
    return { path: writer.path, started: started ?? NaN, ...writer.liveIndex() };
  }

  /** Calls `cb` when a run's file is created or finished, or retention deleted files. Returns the unsubscribe. */
  onChanged(cb: () => void): () => void {
    this.changed.add(cb);
    return () => this.changed.delete(cb);
  }

  /** Calls `cb` with every event written into a run (the Sessions page lists the markers among them). */
  onEvent(cb: RecorderEventListener): () => void {
    this.eventListeners.add(cb);
    return () => this.eventListeners.delete(cb);
  }

  /** One WebSocket message of a board, and what the pipeline made of it (rx text only, and the reboot it saw). */
  message(
    boardId: string,
    record: MessageRecord,
    parsed: ParsedBoardMessage | undefined,
    reboot?: TimelineMark,
  ): void {
    const run = this.runs.get(boardId);
    if (run) routeMessage(run, record, parsed, reboot && (reboot.detail ?? 'the board rebooted'));
  }

  /** A mark of a board's WebSocket link (connect, disconnect, stale, gap). */
  linkEvent(boardId: string, mark: TimelineMark): void {
    const run = this.runs.get(boardId);
    if (!run) return;
    if (mark.kind === 'reboot')
      run.event(mark.t, { kind: 'reboot', detail: mark.detail ?? 'the board rebooted' });
    else {
      const state = mark.kind === 'connect' ? 'open' : mark.kind === 'disconnect' ? 'closed' : mark.kind;
      run.event(mark.t, { kind: 'link', wire: 'ws', state, detail: mark.detail ?? `WebSocket ${state}` });
    }
  }

  /** The tap of board `boardId`'s WebSocket link (frames and TCP events), whichever run is current. */
  tapFor(boardId: string): FrameTap {
    return {
      connectionOpened: (id, meta, t) => this.runs.get(boardId)?.tap.connectionOpened(id, meta, t),
      chunk: (id, dir, bytes, t) => this.runs.get(boardId)?.tap.chunk(id, dir, bytes, t),
      connectionEvent: (id, kind, detail, t) =>
        this.runs.get(boardId)?.tap.connectionEvent(id, kind, detail, t),
    };
  }

  /** A batch of a board's serial lines; a separator line (the console's source changed) is a link event. */
  serialLines(batch: SerialLinesBatch): void {
    const run = this.runs.get(batch.boardId);
    if (!run) return;
    for (const line of batch.lines) {
      if (line.mark) run.event(line.t, { kind: 'link', wire: 'serial', state: line.mark, detail: line.text });
      else run.add('serial', line.t, { text: line.text });
    }
  }

  /** Something the bench did for a board (a fault injected, a transfer, a marker), at `t` (now by default). */
  event(boardId: string, e: BenchEventMessage, t = Date.now()): void {
    this.runs.get(boardId)?.event(t, e);
  }

  /** Ends every run, writing each file's summary. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.retention);
    await Promise.all([...this.runs.keys()].map((id) => this.end(id)));
  }

  private sync(ids: ReadonlySet<string>): void {
    if (this.closed) return;
    for (const id of ids) {
      const run = this.runs.get(id);
      if (run?.endTimer) {
        clearTimeout(run.endTimer);
        run.endTimer = undefined;
      } else if (!run && this.opt.enabled()) {
        const onEvent = (t: number, e: BenchEventMessage): void => {
          for (const cb of this.eventListeners) cb(id, t, e);
        };
        this.runs.set(id, new BoardRun((r) => this.open(id, r), onEvent));
      }
    }
    for (const [id, run] of this.runs) {
      if (ids.has(id) || run.endTimer) continue;
      run.endTimer = setTimeout(() => void this.end(id), this.opt.endGraceMs ?? 5000);
      run.endTimer.unref();
    }
  }

  private async open(id: string, run: BoardRun): Promise<void> {
    const board = this.opt.board(id);
    const started = Date.now();
    try {
      const dir = join(this.opt.root, id);
      await mkdir(dir, { recursive: true });
      await this.retain();
      const info = {
        boardId: id,
        boardName: board?.name ?? id,
        boardKind: board?.kind ?? 'real',
        benchVersion: this.opt.benchVersion,
        started,
      };
      const options = {
        ...this.opt.writer,
        onError: (e: Error): void => this.failed(id, e),
        index: this.opt.index?.(),
      };
      const name = sessionFileName(started);
      run.writer = await SessionFileWriter.create(join(dir, name), info, options).catch((e: unknown) => {
        // Two runs of one board in the same millisecond (a restart): the second gets a suffix.
        if (!(e instanceof Error && 'code' in e && e.code === 'EEXIST')) throw e;
        const again = join(dir, name.replace(/\.mcap$/, '-2.mcap'));
        return SessionFileWriter.create(again, info, options);
      });
      for (const [key, t, data, publishNs] of run.pending ?? []) run.writer.add(key, t, data, publishNs);
      run.pending = undefined;
      this.opt.log(
        `session file: recording ${info.boardName} to ${run.writer.path} (${run.writer.compression})`,
      );
      this.tellChanged();
    } catch (e) {
      run.pending = undefined;
      this.failed(id, e instanceof Error ? e : new Error(String(e)));
    }
  }

  private failed(id: string, e: Error): void {
    const name = this.opt.board(id)?.name ?? id;
    const message = `The session of ${name} is no longer recorded: ${e.message}`;
    this.opt.log(message);
    this.opt.tell?.(message);
  }

  private async end(id: string): Promise<void> {
    const run = this.runs.get(id);
    if (!run) return;
    clearTimeout(run.endTimer);
    this.runs.delete(id);
    await run.opened;
    await run.writer
      ?.close()
      .catch((e: unknown) => this.failed(id, e instanceof Error ? e : new Error(String(e))));
    this.tellChanged();
  }

  private tellChanged(): void {
    for (const cb of this.changed) cb();
  }

  /** One budget pass at a time: boards starting together would otherwise race to delete the same files. */
  private retain(): Promise<void> {
    this.retaining = this.retaining.then(() => this.retainNow());
    return this.retaining;
  }

  private async retainNow(): Promise<void> {
    try {
      const result = await enforceSessionBudget(this.opt.root, this.opt.budgetBytes(), this.activeFiles());
      if (result.deleted.length > 0) this.tellChanged();
      const said = describeRetention(result);
      if (said && result.deleted.length + result.failed.length > 0) {
        this.opt.log(`session files: ${said}`);
        this.opt.tell?.(said);
      }
    } catch (e) {
      this.opt.log(
        `session files: the budget could not be checked: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
}
