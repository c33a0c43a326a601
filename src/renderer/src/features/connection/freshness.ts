import type { LinksState, TelemetryLatest } from '../../../../shared/bridge/contracts/links';
import type { CoreLost } from './links-store';

/** Whether the dashboard's telemetry values are current. */
export type Freshness =
  | { readonly kind: 'none' }
  | { readonly kind: 'live' }
  /** The values are the last ones received: the WebSocket is not open, or they came before it opened again. */
  | { readonly kind: 'stale'; readonly at: number; readonly why: string };

/**
 * Values are live only while the page hears the core, the WebSocket is open and they arrived on this connection;
 * anything else is the last thing the board said, shown as such.
 */
export function freshness(
  state: LinksState,
  telemetry: TelemetryLatest | undefined,
  /** Set while the page has lost the bench core: nothing it said is live then. */
  lost?: CoreLost,
): Freshness {
  if (!telemetry) return { kind: 'none' };
  if (lost)
    return {
      kind: 'stale',
      at: telemetry.at,
      why: lost.restarted ? 'the bench was restarted' : 'the page lost its connection to the bench core',
    };
  const ws = state.ws;
  if (ws.kind === 'open' && telemetry.at >= ws.since) return { kind: 'live' };
  const why =
    ws.kind === 'open'
      ? 'the link opened again and nothing has arrived yet'
      : ws.kind === 'stale'
        ? 'the board has gone silent'
        : ws.kind === 'waiting'
          ? 'the link is down and retrying'
          : ws.kind === 'failed'
            ? 'the link failed'
            : ws.kind === 'connecting'
              ? 'the link is connecting'
              : 'the link is closed';
  return { kind: 'stale', at: telemetry.at, why };
}
