import { basename, dirname, join } from 'node:path';
import type { serialCommands } from '../../../shared/bridge/contracts/serial';
import { BenchError } from '../../../shared/result';
import type { BenchContext } from '../context';
import type { FeatureHandlers } from '../dispatch';
import type { BoardConsoles } from '../serial/board-consoles';
import { checkSerialDevicePath } from '../serial/device-path';
import type { SerialConsole } from '../serial/serial-console';
import { requireAbsoluteLogPath } from '../serial/serial-log-file';
import { downloadFor, type HostAccess } from './host';

/** What the serial commands need to find a board's console. */
export interface SerialBoards {
  readonly consoles: BoardConsoles;
  /** The board a command that names none acts on. */
  readonly focused: () => string | undefined;
  /** A known board's name (undefined: no such board). */
  readonly nameOf: (id: string) => string | undefined;
}

const ENDINGS = { none: '', lf: '\n', cr: '\r', crlf: '\r\n' } as const;

/**
 * Handlers for the boards' serial consoles (device or injected source): each command acts on the board it names,
 * or the focused one. A log file goes only into the serial-logs folder the user chose (or the app's own); in
 * browser mode stopping it offers the file as a browser download.
 */
export function serialHandlers(
  ctx: BenchContext,
  boards: SerialBoards,
  host: HostAccess,
): FeatureHandlers<keyof typeof serialCommands> {
  const boardOf = (req: { readonly boardId?: string | undefined }): string => {
    const id = req.boardId ?? boards.focused();
    if (id === undefined)
      throw new BenchError('UNAVAILABLE', 'No board is selected: choose a board to use its serial console.');
    if (boards.nameOf(id) === undefined)
      throw new BenchError('NOT_FOUND', `There is no board "${id}" (was it removed?).`);
    return id;
  };
  const consoleOf = (req: { readonly boardId?: string | undefined }): SerialConsole =>
    boards.consoles.get(boardOf(req));
  return {
    'serial:list': async () => {
      try {
        return await boards.consoles.list();
      } catch (err) {
        ctx.log(`serial: listing ports failed: ${err instanceof Error ? err.message : String(err)}`);
        throw new BenchError(
          'IO_ERROR',
          'Could not list serial ports on this computer; type the device path instead.',
        );
      }
    },
    'serial:open': ({ boardId, ...settings }) => {
      checkSerialDevicePath(settings.path); // refused whatever the board: not a serial device
      return boards.consoles.open(boardOf({ boardId }), settings, (id) => boards.nameOf(id) ?? id);
    },
    'serial:close': (req) => consoleOf(req).close(),
    'serial:send': async (req) => {
      const body =
        req.text !== undefined
          ? Buffer.from(req.text, 'utf8')
          : Buffer.from((req.hex ?? '').replace(/\s+/g, ''), 'hex');
      const bytes = Buffer.concat([body, Buffer.from(ENDINGS[req.lineEnding], 'latin1')]);
      if (bytes.length === 0) throw new BenchError('BAD_REQUEST', 'Nothing to send.');
      return { bytes: await consoleOf(req).send(bytes) };
    },
    'serial:state': (req) => consoleOf(req).state(),
    'serial:log-to-file': (req, call) => {
      if (req.action === 'start') {
        requireAbsoluteLogPath(req.path, join(host.folders.current('serial-logs'), 'serial.log'));
        const dir = host.folders.confine('serial-logs', dirname(req.path)); // before anything else
        return consoleOf(req).startLog(join(dir, basename(req.path)));
      }
      const serial = consoleOf(req);
      const file = serial.state().logging?.path;
      const state = serial.stopLog();
      return { ...state, ...(file ? downloadFor(host, call, file) : {}) };
    },
    'serial:clear': (req) => consoleOf(req).clear(),
    'serial:history': (req) => consoleOf(req).history(req.limit),
  };
}
