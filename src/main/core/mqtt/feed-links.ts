import type { LinksState, WireState } from '../../../shared/bridge/contracts/links';
import type { FeedLinks } from './board-feed';
import type { LinkSummary } from './topics';

function summary(w: WireState): LinkSummary {
  if (w.kind === 'waiting' || w.kind === 'failed') return { state: w.kind, reason: w.reason };
  if (w.kind === 'stale') return { state: 'stale', reason: w.detail };
  return { state: w.kind };
}

/** The links of LinksState as published: the WebSocket link always, the others once they are watched. */
export function feedLinks(s: LinksState): FeedLinks {
  const links: Record<string, LinkSummary> = { ws: summary(s.ws) };
  for (const k of ['http', 'ftp', 'serial'] as const) if (s[k].kind !== 'idle') links[k] = summary(s[k]);
  return { online: s.ws.kind === 'open' || s.ws.kind === 'stale', links };
}
