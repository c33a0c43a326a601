import { basename, dirname, join } from 'node:path';
import type { serialCommands } from '../../../shared/bridge/contracts/serial';
import { BenchError } from '../../../shared/result';
import type { BenchContext } from '../context';
import type { FeatureHandlers } from '../dispatch';
import type { SerialConsole } from '../serial/serial-console';
import { downloadFor, type HostAccess } from './host';

const ENDINGS = { none: '', lf: '\n', cr: '\r', crlf: '\r\n' } as const;

/**
 * Handlers for the serial console (device or injected source). A log file goes only into the serial-logs folder
 * the user chose (or the app's own); in browser mode stopping it offers the file as a browser download.
 */
export function serialHandlers(
  ctx: BenchContext,
  serial: SerialConsole,
  host: HostAccess,
): FeatureHandlers<keyof typeof serialCommands> {
  return {
    'serial:list': async () => {
      try {
        return await serial.list();
      } catch (err) {
        ctx.log(`serial: listing ports failed: ${err instanceof Error ? err.message : String(err)}`);
        throw new BenchError(
          'IO_ERROR',
          'Could not list serial ports on this computer; type the device path instead.',
        );
      }
    },
    'serial:open': (settings) => serial.open(settings),
    'serial:close': () => serial.close(),
    'serial:send': async (req) => {
      const body =
        req.text !== undefined
          ? Buffer.from(req.text, 'utf8')
          : Buffer.from((req.hex ?? '').replace(/\s+/g, ''), 'hex');
      const bytes = Buffer.concat([body, Buffer.from(ENDINGS[req.lineEnding], 'latin1')]);
      if (bytes.length === 0) throw new BenchError('BAD_REQUEST', 'Nothing to send.');
      return { bytes: await serial.send(bytes) };
    },
    'serial:state': () => serial.state(),
    'serial:log-to-file': (req, call) => {
      if (req.action === 'start') {
        const dir = host.folders.confine('serial-logs', dirname(req.path));
        return serial.startLog(join(dir, basename(req.path)));
      }
      const file = serial.state().logging?.path;
      const state = serial.stopLog();
      return { ...state, ...(file ? downloadFor(host, call, file) : {}) };
    },
    'serial:clear': () => serial.clear(),
    'serial:history': (req) => serial.history(req.limit),
  };
}
