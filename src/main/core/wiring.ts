// Small adapters that connect the core's services to each other; bench.ts composes them.
import type { MessageRecord } from '../../shared/recording/format';
import type { BoardProfile, WireState } from '../../shared/bridge/contracts/links';
import type { EventHub } from './event-hub';
import type { FtpTargetProvider } from './files/target';
import type { VirtualBoardProvider } from './links/link-manager';
import type { SerialConsole } from './serial/serial-console';
import type { VirtualBoardService } from './virtual-board';

/** The `virtual` profile's endpoints: the in-app virtual board, started on first use. */
export function virtualProvider(vboard: VirtualBoardService): VirtualBoardProvider {
  return {
    async ensureStarted() {
      const { endpoints } = await vboard.ensureStarted();
      return { ws: endpoints.ws, http: endpoints.http, ftp: endpoints.ftp };
    },
    isRunning: () => vboard.running !== undefined,
  };
}

/** The parsed object of a received `pool-status` text message, or undefined (cheap test before parsing). */
export function poolStatusOf(record: MessageRecord): unknown {
  if (record.dir !== 'rx' || record.op !== 1 || !record.data || !record.data.includes('"pool-status"'))
    return undefined;
  try {
    const value = JSON.parse(record.data) as { type?: unknown };
    return value && value.type === 'pool-status' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Serial page shows the virtual board's UART while the virtual board is selected and no serial device is open;
 * selecting a real board detaches it. `onShown` hears whether the console shows it now (for the app bar's Serial
 * chip). Returns the function that stops following.
 */
export function followVirtualSerial(
  hub: EventHub,
  serial: SerialConsole,
  vboard: VirtualBoardService,
  onShown?: (shown: boolean) => void,
): () => void {
  let selected: string | undefined;
  let detach: (() => void) | undefined;
  let shown = false;
  const source = {
    name: 'Virtual board',
    onLine: (cb: (text: string, t: number) => void) => vboard.onUartLine((l) => cb(l.text, l.time)),
  };
  const update = () => {
    const input = serial.state().input;
    if (selected === 'virtual' && input.kind === 'none' && !detach) {
      detach = serial.attachSource(source);
    } else if (selected !== 'virtual' && detach) {
      detach();
      detach = undefined;
    } else if (input.kind === 'device' && detach) {
      detach = undefined; // opening a device replaced the source
    }
    const now = selected === 'virtual' && input.kind === 'source' && input.name === source.name;
    if (now !== shown) {
      shown = now;
      onShown?.(now);
    }
  };
  const offLinks = hub.on('links:state', (s) => {
    const id = s.board?.id;
    if (id !== selected) {
      selected = id;
      update();
    }
  });
  const offSerial = hub.on('serial:state', () => update());
  return () => {
    offLinks();
    offSerial();
    detach?.();
  };
}

/**
 * When the in-app board starts again on another WebSocket address (stopped and started on the Board page), the
 * `virtual` profile's links still point at the old one: select it again so they follow. Returns the unsubscribe.
 */
export function followVirtualRestarts(
  hub: EventHub,
  selected: () => string | undefined,
  reselect: () => void,
): () => void {
  let lastWs: string | undefined;
  return hub.on('vboard:status', (s) => {
    const ws = s.kind === 'running' && s.board.phase === 'running' ? s.board.ws : '';
    if (!ws || ws === lastWs) return;
    const moved = lastWs !== undefined;
    lastWs = ws;
    if (moved && selected() === 'virtual') reselect();
  });
}

/** The serial wire of the virtual board while the serial console shows its UART. */
export function virtualUartWire(since: number): WireState {
  return { kind: 'open', since, detail: "Showing the virtual board's UART (no device needed)." };
}

/**
 * The Files page's FTP target: the selected board's profile (host, FTP port and login), or for the virtual board
 * its running FTP server, with its eMMC capacity.
 */
export function linksFtpTargets(
  hub: EventHub,
  selected: () => string | undefined,
  profile: (id: string) => BoardProfile | undefined,
  vboard: VirtualBoardService,
): FtpTargetProvider {
  return {
    current() {
      const id = selected();
      const p = id ? profile(id) : undefined;
      if (!p) return undefined;
      if (p.kind === 'virtual') {
        const e = vboard.running?.endpoints;
        if (!e?.ftpPort) return undefined;
        return {
          boardId: p.id,
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
        host: p.host,
        port: p.ftpPort,
        user: p.ftpUser,
        password: p.ftpPassword,
        httpBase: `http://${host}${p.httpPort === 80 ? '' : `:${p.httpPort}`}`,
      };
    },
    onChange(cb) {
      let last = '';
      // The target changes when another board is selected, or when the virtual board (re)starts on other ports.
      const check = () => {
        const t = this.current();
        const key = t ? `${t.boardId}|${t.host}|${t.port}|${t.user}` : '';
        if (key !== last) {
          last = key;
          cb();
        }
      };
      const offLinks = hub.on('links:state', check);
      const offBoard = hub.on('vboard:status', check);
      return () => {
        offLinks();
        offBoard();
      };
    },
    async capacity() {
      const id = selected();
      const usage = id && profile(id)?.kind === 'virtual' ? vboard.running?.control.state().emmc : undefined;
      if (!usage) throw new Error('capacity unknown');
      return { used: usage.usedBytes, total: usage.capacityBytes };
    },
  };
}
