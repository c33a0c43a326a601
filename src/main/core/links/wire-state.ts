// How each link's state is shown: the WireState of a chip, with the words its tooltip says.
import type { WireState } from '../../../shared/bridge/contracts/links';
import type { ProbeState } from './probes';
import type { WsLinkState } from './ws-link';
import { briefReason } from './ws-words';

/** A wire that is not in use, and why. */
export const idle = (detail: string): WireState => ({ kind: 'idle', detail });

/** host and port of an endpoint URL (`ws://127.0.0.1:8080/`). */
export function hostPort(url: string): { host: string; port: number } {
  const u = new URL(url);
  const fallback = u.protocol === 'ftp:' ? 21 : u.protocol === 'http:' ? 80 : 8080;
  return { host: u.hostname.replace(/^\[(.*)\]$/, '$1'), port: u.port ? Number(u.port) : fallback };
}

/** The WebSocket link's state with the words the chip's tooltip shows. */
export function wsWire(st: WsLinkState, ep: { host: string; port: number }): WireState {
  const where = `${ep.host.includes(':') ? `[${ep.host}]` : ep.host}:${ep.port}`;
  switch (st.kind) {
    case 'idle':
      return idle('Not connected.');
    case 'connecting':
      return { kind: 'connecting', detail: `Opening a WebSocket to ${where} (attempt ${st.attempt}).` };
    case 'open':
      return { ...st, detail: `WebSocket to ${where} is open and the board is sending.` };
    case 'stale':
      return {
        ...st,
        detail: `WebSocket to ${where} is open, but the board has sent nothing for over 3 telemetry periods. The firmware never answers pings, so the app watches the telemetry instead; it reconnects if the silence lasts.`,
      };
    case 'waiting':
      return { ...st, detail: `${st.reason}. The app retries on its own with growing pauses (1 → 15 s).` };
    case 'failed':
      return { ...st, brief: briefReason(st.reason), detail: st.reason };
  }
}

/** An HTTP or FTP probe's state, with how often it checks. */
export function probeWire(st: ProbeState, what: string, everyMs: number): WireState {
  const every = `every ${Math.round(everyMs / 1000)} s`;
  switch (st.kind) {
    case 'idle':
      return idle(`${what} is not checked.`);
    case 'connecting':
      return { kind: 'connecting', detail: `Checking the ${what} server…` };
    case 'open':
      return { kind: 'open', since: st.since, detail: `${st.detail.replace(/\.$/, '')}. Checked ${every}.` };
    case 'failed':
      return {
        kind: 'failed',
        reason: st.reason,
        brief: briefReason(st.reason),
        detail: `${st.reason.replace(/\.$/, '')}. Checked again ${every}.`,
      };
  }
}
