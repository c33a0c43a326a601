// Where a scenario run in the app finds the board: the WebSocket is the app's own link of it (app-link.ts); HTTP
// and FTP go to the board's endpoints (a real board's profile, or the in-app virtual board's ports); faults, power
// come from the app's virtual fleet for a virtual board, as the Board page's buttons do; serial lines are the app's
// console of the board (the virtual board's UART, or a real board's device while the Serial page has it open).
import { endpointUrl as url, virtualTarget, type ResolvedTarget } from '../../scenarios/targets';
import type { BoardProfile } from '../../../shared/bridge/contracts/links';
import type { BoardControl } from '../virtual-board';

/** The in-app virtual board of a virtual profile, while it runs. */
export interface RunningVirtual {
  readonly endpoints: {
    readonly host: string;
    readonly wsPort: number;
    readonly httpPort?: number | undefined;
    readonly ftpPort?: number | undefined;
  };
  readonly control: BoardControl;
}

/** What the target reads of the app. */
export interface AppTargetDeps {
  readonly profile: BoardProfile;
  /** The virtual board running for the profile (virtual profiles only). */
  readonly running?: RunningVirtual | undefined;
  /** The board's serial console lines as the app's console receives them (a virtual board's UART, a real board's
   *  device), from now on; returns the unsubscribe. */
  readonly serialLines: (listener: (line: string) => void) => () => void;
}

/** The board a run in the app drives; closing it leaves everything running (it is the app's). */
export function appTarget(d: AppTargetDeps): ResolvedTarget | string {
  const p = d.profile;
  if (p.kind === 'virtual') {
    const r = d.running;
    if (!r) return `The virtual board "${p.name}" is not running: start it on the Board page first.`;
    return virtualTarget(r.endpoints, r.control, `${p.name} (virtual)`, d.serialLines, async () => undefined);
  }
  return {
    info: {
      kind: 'real',
      label: `${p.name} (${p.host})`,
      ws: url('ws', p.host, p.wsPort),
      http: url('http', p.host, p.httpPort),
      ftp: url('ftp', p.host, p.ftpPort),
      serial: p.serialPath
        ? { ok: true }
        : { ok: false, reason: `the saved board "${p.name}" has no serial port set` },
    },
    host: p.host,
    wsPort: p.wsPort,
    httpPort: p.httpPort,
    ftpPort: p.ftpPort,
    ftpUser: p.ftpUser,
    ftpPassword: p.ftpPassword,
    ...(p.serialPath ? { onSerialLine: d.serialLines } : {}),
    close: async () => undefined,
  };
}
