// Small adapters that connect the core's services to each other; bench.ts composes them.
import type { BoardProfile } from '../../shared/bridge/contracts/links';
import type { EventHub } from './event-hub';
import type { FtpTargetProvider } from './files/target';
import type { PoolStatusFeed } from './memory/pool-feed';
import type { VirtualFleet } from './virtual-fleet';

import type { FocusSource } from './sessions/focus';

/**
 * When a virtual board starts again on another WebSocket address (stopped and started on the Board page), its
 * profile's links still point at the old one: `reopen` that board's session so they follow. Returns the
 * unsubscribe.
 */
export function followVirtualRestarts(hub: EventHub, reopen: (boardId: string) => void): () => void {
  const lastWs = new Map<string, string>();
  return hub.on('vboard:status', (s) => {
    const ws = s.kind === 'running' && s.board.phase === 'running' ? s.board.ws : '';
    const before = lastWs.get(s.boardId);
    if (!ws || ws === before) return;
    lastWs.set(s.boardId, ws);
    if (before !== undefined) reopen(s.boardId);
  });
}

/**
 * The Files page's FTP target: the selected board's profile (host, FTP port and login), or for a virtual board
 * its running FTP server; its eMMC capacity as the board reports it (`storage`: the pool feed, the same for both).
 */
export function linksFtpTargets(
  hub: EventHub,
  onFocus: FocusSource,
  selected: () => string | undefined,
  profile: (id: string) => BoardProfile | undefined,
  fleet: Pick<VirtualFleet, 'get'>,
  storage: PoolStatusFeed['storage'],
): FtpTargetProvider {
  return {
    current() {
      const id = selected();
      const p = id ? profile(id) : undefined;
      if (!p) return undefined;
      if (p.kind === 'virtual') {
        const e = fleet.get(p.id)?.running?.endpoints;
        if (!e?.ftpPort) return undefined;
        return {
          boardId: p.id,
          boardName: p.name,
          virtual: true,
          host: e.host,
          port: e.ftpPort,
          user: 'anonymous',
          password: 'bench@',
          httpBase: e.http,
        };
      }
      const host = p.host.includes(':') ? `[${p.host}]` : p.host;
      return {
        boardId: p.id,
        boardName: p.name,
        host: p.host,
        port: p.ftpPort,
        user: p.ftpUser,
        password: p.ftpPassword,
        httpBase: `http://${host}${p.httpPort === 80 ? '' : `:${p.httpPort}`}`,
      };
    },
    onChange(cb) {
      const keyOf = () => {
        const t = this.current();
        return t ? `${t.boardId}|${t.host}|${t.port}|${t.user}` : '';
      };
      let last = keyOf();
      // The target changes when another board is selected, or when the virtual board (re)starts on other ports.
      const check = () => {
        const key = keyOf();
        if (key !== last) {
          last = key;
          cb();
        }
      };
      const offLinks = onFocus(check);
      const offBoard = hub.on('vboard:status', check);
      return () => {
        offLinks();
        offBoard();
      };
    },
    async capacity() {
      const id = selected();
      const s = id ? await storage(id, 2500) : { ok: false as const, reason: 'no board selected' };
      if (!s.ok) throw new Error(s.reason);
      return { used: s.used, total: s.total };
    },
  };
}
