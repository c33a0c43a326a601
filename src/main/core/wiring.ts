// Small adapters that connect the core's services to each other; bench.ts composes them.
import type { EventHub } from './event-hub';

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
