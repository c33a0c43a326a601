// Small adapters that connect the core's services to each other; bench.ts composes them.
import type { BoardProfile, WireState } from '../../shared/bridge/contracts/links';
import type { EventHub } from './event-hub';
import type { FtpTargetProvider } from './files/target';
import type { PoolStatusFeed } from './memory/pool-feed';
import { serialSettingsSchema, type SerialLinkState } from '../../shared/bridge/contracts/serial';
import type { SerialConsole } from './serial/serial-console';
import type { TelemetryPipeline } from './telemetry/pipeline';
import type { VirtualBoardService } from './virtual-board';
import type { VirtualFleet } from './virtual-fleet';

import type { FocusSource } from './sessions/focus';

/**
 * The telemetry pipeline shows the focused board as soon as it is selected (its kept history, before anything
 * arrives), and forgets a board's history when its profile is removed. Returns the unsubscribe.
 */
export function followShownBoard(
  hub: EventHub,
  onFocus: FocusSource,
  pipeline: Pick<TelemetryPipeline, 'select' | 'forget' | 'held'>,
  isWatched: (id: string) => boolean = () => false,
) {
  let shown: string | undefined;
  const offLinks = onFocus((id) => {
    if (!id) return;
    // A board left that is still watched keeps its links, so its history keeps growing (no disconnect mark).
    pipeline.select(id, shown !== undefined && isWatched(shown));
    shown = id;
  });
  const offProfiles = hub.on('links:profiles', (v) => {
    const ids = new Set(v.profiles.map((p) => p.id));
    for (const b of pipeline.held()) if (!ids.has(b.boardId)) pipeline.forget(b.boardId);
  });
  return () => {
    offLinks();
    offProfiles();
  };
}

/** A virtual board whose UART the Serial page can show: its profile's name and its service. */
export interface VirtualUart {
  readonly name: string;
  readonly board: Pick<VirtualBoardService, 'onUartLine'>;
}

/**
 * The Serial page shows a virtual board's UART while that virtual board is focused and no serial device is open;
 * focusing another board moves it, or detaches it for a real board. `onShown` hears, per board, whether the
 * console shows its UART now (for the app bar's Serial chip). Returns the function that stops following.
 */
export function followVirtualSerial(
  hub: EventHub,
  onFocus: FocusSource,
  serial: SerialConsole,
  virtualOf: (id: string) => VirtualUart | undefined,
  onShown?: (boardId: string, shown: boolean) => void,
): () => void {
  let selected: string | undefined;
  /** The board whose UART is attached, and how to detach it. */
  let attached: { boardId: string; name: string; detach: () => void } | undefined;
  let shown: string | undefined;
  const update = () => {
    const input = serial.state().input;
    if (input.kind === 'device' && attached) attached = undefined; // opening a device replaced the source
    if (attached && attached.boardId !== selected) {
      attached.detach();
      attached = undefined;
    }
    const v = selected !== undefined ? virtualOf(selected) : undefined;
    if (v && selected !== undefined && !attached && serial.state().input.kind === 'none') {
      const name = v.name;
      const detach = serial.attachSource({
        name,
        onLine: (cb: (text: string, t: number) => void) => v.board.onUartLine((l) => cb(l.text, l.time)),
      });
      attached = { boardId: selected, name, detach };
    }
    const now = serial.state().input;
    const showing =
      attached && now.kind === 'source' && now.name === attached.name ? attached.boardId : undefined;
    if (showing !== shown) {
      if (shown !== undefined) onShown?.(shown, false);
      shown = showing;
      if (showing !== undefined) onShown?.(showing, true);
    }
  };
  const offLinks = onFocus((id) => {
    if (id !== selected) {
      selected = id;
      update();
    }
  });
  const offSerial = hub.on('serial:state', () => update());
  return () => {
    offLinks();
    offSerial();
    attached?.detach();
  };
}

/**
 * Opens a real board's serial console (its profile's path, the firmware's 115200 8N1) when the board is selected
 * and the console has nothing open, and closes it when another board is selected. The board's Serial chip follows
 * the console. A device the user opened on the Serial page is left alone.
 */
export function followProfileSerial(
  hub: EventHub,
  onFocus: FocusSource,
  serial: SerialConsole,
  profile: (id: string) => BoardProfile | undefined,
  setWire: (boardId: string, state: WireState | undefined) => void,
  log: (message: string) => void,
): () => void {
  let selected: string | undefined;
  /** The board and path the console was opened for by this follower. */
  let ours: { boardId: string; path: string } | undefined;
  const device = () => {
    const input = serial.state().input;
    return input.kind === 'device' ? input : undefined;
  };
  const showWire = () => {
    if (!ours) return;
    const d = device();
    if (!d || d.settings.path !== ours.path) return setWire(ours.boardId, undefined);
    setWire(ours.boardId, serialWire(d.link));
  };
  const select = async (id: string | undefined) => {
    if (ours && ours.boardId !== id) {
      const was = ours;
      ours = undefined;
      // A board still watched keeps its session: its chip says why its console is closed, not "opening".
      setWire(was.boardId, {
        kind: 'idle',
        detail: `The serial console follows the board shown: ${was.path} is closed while another board is shown.`,
      });
      if (device()?.settings.path === was.path) await serial.close();
    }
    const p = id ? profile(id) : undefined;
    if (!id || p?.kind !== 'real' || !p.serialPath || ours) return;
    const busy = device();
    if (busy) {
      const where = busy.settings.path === p.serialPath ? 'it' : busy.settings.path;
      return setWire(id, {
        kind: 'idle',
        detail: `The Serial page has ${where} open, so this board's console ${p.serialPath} was left as it is.`,
      });
    }
    ours = { boardId: id, path: p.serialPath };
    try {
      await serial.open(serialSettingsSchema.parse({ path: p.serialPath }));
    } catch (err) {
      log(`serial: ${p.name}'s console ${p.serialPath} did not open: ${(err as Error).message}`);
    }
    showWire();
  };
  let queue = Promise.resolve();
  const offLinks = onFocus((id) => {
    if (id === selected) return;
    selected = id;
    queue = queue.then(() => select(id)).catch((err: unknown) => log(`serial: ${String(err)}`));
  });
  const offSerial = hub.on('serial:state', () => showWire());
  return () => {
    offLinks();
    offSerial();
  };
}

/** A serial link's state as the Serial chip shows it. */
function serialWire(link: SerialLinkState): WireState {
  switch (link.kind) {
    case 'closed':
      return { kind: 'idle', detail: 'The serial console is closed.' };
    case 'opening':
      return { kind: 'connecting', detail: `Opening ${link.path} (115200 8N1)…` };
    case 'open':
      return { kind: 'open', since: link.since, detail: `Serial console ${link.path} is open (115200 8N1).` };
    case 'lost':
      return {
        kind: 'waiting',
        retryAt: link.retryAt,
        reason: link.reason,
        detail: `${link.reason}. The app looks for ${link.path} again on its own.`,
      };
    case 'failed':
      return { kind: 'failed', reason: link.reason, brief: 'not opened', detail: link.reason };
  }
}

/** The serial wire of the virtual board while the serial console shows its UART. */
export function virtualUartWire(since: number): WireState {
  return { kind: 'open', since, detail: "Showing the virtual board's UART (no device needed)." };
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
