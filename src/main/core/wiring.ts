// Small adapters that connect the core's services to each other; bench.ts composes them.
import type { MessageRecord } from '../../shared/recording/format';
import type { EventHub } from './event-hub';
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
  };
}

/** The parsed object of a received `pool-status` text message, or undefined (cheap test before parsing). */
export function poolStatusOf(record: MessageRecord): unknown {
  if (record.dir !== 'rx' || record.op !== 1 || !record.data || !record.data.includes('"pool-status"')) return undefined;
  try {
    const value = JSON.parse(record.data) as { type?: unknown };
    return value && value.type === 'pool-status' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Serial page shows the virtual board's UART while the virtual board is selected and no serial device is open;
 * selecting a real board detaches it. Returns the function that stops following.
 */
export function followVirtualSerial(hub: EventHub, serial: SerialConsole, vboard: VirtualBoardService): () => void {
  let selected: string | undefined;
  let detach: (() => void) | undefined;
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
