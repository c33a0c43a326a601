// What the engine hears of every watched board: its telemetry, link and reboots through its BoardFeed (the board
// session, in the app and the headless agent alike), and its pool-status reports through the pool feed. Boards
// come and go with their sessions.
import type { PoolStatus } from '../../../shared/protocol/pool-status';
import type { BoardFeed } from '../mqtt/board-feed';
import type { AlarmEngineApi } from './types';

/** The watched boards (the SessionOwner: `list` and `onSessionsChanged`). */
export interface AlarmBoards {
  list(): readonly BoardFeed[];
  /** Hears boards begin and end being watched; returns the unsubscribe. */
  onChange(cb: () => void): () => void;
}

/** The pool-status reports (PoolStatusFeed). */
export interface AlarmPools {
  onReport(listener: (boardId: string) => void): () => void;
  latest(boardId: string): { readonly at: number; readonly status: PoolStatus } | undefined;
}

/** The engine's inputs, as the service passes them on (each followed by its look at what changed). */
export type BoardInputSink = Pick<
  AlarmEngineApi,
  'addBoard' | 'removeBoard' | 'telemetry' | 'link' | 'reboot' | 'pools'
>;

interface Followed {
  readonly feed: BoardFeed;
  online: boolean;
  readonly off: () => void;
}

/** Follows the watched boards and their pools into `sink` until the returned stop is called. */
export function followBoards(
  boards: AlarmBoards,
  pools: AlarmPools | undefined,
  sink: BoardInputSink,
  now: () => number,
): () => void {
  const followed = new Map<string, Followed>();
  /** Boards the engine knows, by name: a restarted session of the same board is not added twice. */
  const known = new Map<string, string>();

  const subscribe = (feed: BoardFeed): Followed => {
    const f: Followed = {
      feed,
      online: feed.links().online,
      off: feed.subscribe({
        telemetry: (m) => sink.telemetry(feed.id, m.t, m.data),
        // A telemetry-batch frame: each of its samples is judged, as the N single messages would have been.
        samples: (batch) => {
          for (const m of batch) sink.telemetry(feed.id, m.t, m.data);
        },
        links: (l) => {
          if (l.online === f.online) return;
          f.online = l.online;
          sink.link(feed.id, now(), l.online);
        },
        // The reboot as the pipeline (or the session alone) decided it: one rule for the whole bench.
        event: (e) => {
          if (e.kind === 'reboot') sink.reboot(feed.id, e.t);
        },
        led: () => {},
      }),
    };
    return f;
  };

  const sync = (): void => {
    const t = now();
    const present = new Map(boards.list().map((f) => [f.id, f]));
    for (const [id, f] of followed) {
      const next = present.get(id);
      if (next === f.feed) continue;
      f.off();
      followed.delete(id);
      // A session restarted (its profile changed) keeps its board's alarms unless the board's name changed.
      if (!next || next.name !== f.feed.name) {
        known.delete(id);
        sink.removeBoard(id, t);
      }
    }
    for (const [id, feed] of present) {
      if (followed.has(id)) continue;
      const f = subscribe(feed);
      followed.set(id, f);
      if (!known.has(id)) sink.addBoard({ id, name: feed.name }, t);
      known.set(id, feed.name);
      sink.link(id, t, f.online);
    }
  };

  sync();
  const offBoards = boards.onChange(sync);
  const offPools = pools?.onReport((id) => {
    const report = pools.latest(id);
    // A forgotten board (its link closed) is reported without a report: nothing new to judge.
    if (report && followed.has(id)) sink.pools(id, report.at, report.status);
  });
  return () => {
    offBoards();
    offPools?.();
    for (const f of followed.values()) f.off();
    followed.clear();
    known.clear();
  };
}
