import type { TransferBoard } from '../../../shared/bridge/contracts/files';

/** Where the selected board's FTP server is, as the link manager knows it. */
export interface FtpTarget {
  /** Stable id of the board profile ("virtual", "lab-web-1"). */
  readonly boardId: string;
  /** The profile's name, for labels (default: host:port). */
  readonly boardName?: string;
  /** True for the in-app virtual board. */
  readonly virtual?: boolean;
  readonly host: string;
  readonly port: number;
  /** The firmware accepts any; configurable for other servers. */
  readonly user: string;
  readonly password: string;
  /** The board's HTTP server ("http://192.168.0.50"), for "open in browser". */
  readonly httpBase?: string;
}

/** Injected by whoever knows which board is focused (focus-targets.ts); the files service only reads it. */
export interface FtpTargetProvider {
  /** The focused board's FTP target, or undefined when none is focused or it has no FTP. */
  current(): FtpTarget | undefined;
  /** Board `boardId`'s FTP target (default: current() when it is that board's). */
  of?(boardId: string): FtpTarget | undefined;
  /** Calls `cb` whenever current() or a board's target may have changed; returns the unsubscribe function. */
  onChange(cb: () => void): () => void;
  /**
   * eMMC space of a board (default: the current one) as it reports it (pool-status `media`, docs/pool-status.md);
   * rejects with the reason, in words, when the board does not say.
   */
  capacity?(boardId?: string): Promise<{ used: number; total: number }>;
}

/** Board `boardId`'s target from a provider (the current one when no id is given). */
export function targetOf(p: FtpTargetProvider, boardId: string | undefined): FtpTarget | undefined {
  const current = p.current();
  if (boardId === undefined || current?.boardId === boardId) return current;
  return p.of?.(boardId);
}

/** A provider with no board: the Files page shows its empty state. */
export const noFtpTarget: FtpTargetProvider = { current: () => undefined, onChange: () => () => undefined };

/**
 * A fixed target from a URL, `ftp://[user[:password]@]host[:port][#http=http://host:port]`: the developer option
 * NUCLEO_BENCH_FTP_TARGET of `web` ("browse this FTP server"). Credentials default to anonymous, as the firmware
 * accepts any.
 */
export function fixedFtpTarget(url: string): FtpTargetProvider {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`not an FTP URL: ${JSON.stringify(url)} (expected ftp://host:port)`);
  }
  if (u.protocol !== 'ftp:' || !u.hostname)
    throw new Error(`not an FTP URL: ${JSON.stringify(url)} (expected ftp://host:port)`);
  const http = /^#http=(.+)$/.exec(u.hash)?.[1];
  const target: FtpTarget = {
    boardId: `ftp:${u.hostname}:${u.port || 21}`,
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: Number(u.port || 21),
    user: decodeURIComponent(u.username) || 'anonymous',
    password: decodeURIComponent(u.password) || 'bench@',
    httpBase: http ? decodeURIComponent(http) : undefined,
  };
  // The one server stands in for whichever board the page asks about (each keeps its own session to it).
  return {
    current: () => target,
    of: (boardId) => ({ ...target, boardId }),
    onChange: () => () => undefined,
  };
}

/** How a transfer names its board: the profile's name, or the server's address when it has none. */
export function targetBoard(t: FtpTarget | undefined): TransferBoard | undefined {
  if (!t) return undefined;
  const host = t.host.includes(':') ? `[${t.host}]` : t.host;
  return { id: t.boardId, name: t.boardName ?? `${host}:${t.port}`, virtual: t.virtual === true };
}
