// The Files page's FTP targets in the app: the focused board's (heard from the session owner's focus), and any
// board's by id, so a listing, an action or a transfer goes to the board it was asked for even while the focus
// moves. A virtual board's FTP server moves when it restarts: the fleet says so, not the outward event hub.
import type { BoardProfile } from '../../../shared/bridge/contracts/links';
import type { FocusSource } from '../sessions/focus';
import type { VirtualFleet } from '../virtual-fleet';
import type { FtpTarget, FtpTargetProvider } from './target';

/** What the focus-following provider needs to know. */
export interface FocusFtpTargetsDeps {
  readonly onFocus: FocusSource;
  readonly profile: (id: string) => BoardProfile | undefined;
  readonly fleet: Pick<VirtualFleet, 'get' | 'onStatus'>;
  /** The eMMC space a board reports (the pool feed's `storage`), the same for virtual and real boards. */
  readonly storage: (
    boardId: string,
    waitMs: number,
  ) => Promise<{ ok: true; used: number; total: number } | { ok: false; reason: string }>;
}

/** The FTP target of a board's profile: its host and login, or for a virtual board its running FTP server. */
export function profileFtpTarget(
  p: BoardProfile | undefined,
  fleet: Pick<VirtualFleet, 'get'>,
): FtpTarget | undefined {
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
}

/** The Files page's targets: `current` is the focused board's, `of` any board's; `onChange` hears both moves. */
export function focusFtpTargets(deps: FocusFtpTargetsDeps): FtpTargetProvider & { close(): void } {
  let focused: string | undefined;
  const listeners = new Set<() => void>();
  const tell = () => {
    for (const l of listeners) l();
  };
  const offFocus = deps.onFocus((id) => {
    if (id === focused) return;
    focused = id;
    tell();
  });
  const of = (id: string) => profileFtpTarget(deps.profile(id), deps.fleet);
  // A virtual board's restart may move its FTP server (its status also changes for lesser reasons: only a new
  // address counts), and the files service then checks the sessions it holds.
  const addresses = new Map<string, string>();
  const offFleet = deps.fleet.onStatus((id) => {
    const t = of(id);
    const address = t ? `${t.host}|${t.port}` : '';
    if (addresses.get(id) === address) return;
    addresses.set(id, address);
    tell();
  });
  return {
    current: () => (focused === undefined ? undefined : of(focused)),
    of,
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    async capacity(boardId) {
      const id = boardId ?? focused;
      const s = id ? await deps.storage(id, 2500) : { ok: false as const, reason: 'no board selected' };
      if (!s.ok) throw new Error(s.reason);
      return { used: s.used, total: s.total };
    },
    close() {
      offFocus();
      offFleet();
      listeners.clear();
    },
  };
}
