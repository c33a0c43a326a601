// Where a session's links go: the real board's ports from its profile, or the virtual board's, started first.
import type { RealBoardProfile, WireState } from '../../../shared/bridge/contracts/links';
import { hostPort } from '../links/wire-state';
import { briefReason } from '../links/ws-words';
import type { VirtualBoardProvider } from './session-deps';
import { plainError } from '../plain-error';

export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

/** The board's endpoints, or the failed WebSocket wire that says why there are none. */
export type Endpoints =
  | { readonly ok: true; readonly ws: Endpoint; readonly http?: Endpoint; readonly ftp?: Endpoint }
  | { readonly ok: false; readonly ws: WireState };

/** A real board's endpoints: its profile's host and ports. */
export function realEndpoints(profile: RealBoardProfile): Endpoints {
  const host = profile.host;
  return {
    ok: true,
    ws: { host, port: profile.wsPort },
    http: { host, port: profile.httpPort },
    ftp: { host, port: profile.ftpPort },
  };
}

/** The virtual board's endpoints, starting it if it is not running. */
export async function virtualEndpoints(virtual: VirtualBoardProvider | undefined): Promise<Endpoints> {
  if (!virtual) {
    const reason = 'The virtual board is not available in this build.';
    return {
      ok: false,
      ws: {
        kind: 'failed',
        reason,
        brief: briefReason(reason),
        detail: `${reason} Add a real board with the selector.`,
      },
    };
  }
  try {
    const e = await virtual.ensureStarted();
    return {
      ok: true,
      ws: hostPort(e.ws),
      http: e.http ? hostPort(e.http) : undefined,
      ftp: e.ftp ? hostPort(e.ftp) : undefined,
    };
  } catch (err) {
    const reason = `The virtual board did not start: ${plainError(err)}`;
    return { ok: false, ws: { kind: 'failed', reason, brief: briefReason(reason), detail: reason } };
  }
}
