import { createServer } from 'node:net';
import type { boardCommands, VirtualBoardStatus } from '../../../shared/bridge/contracts/board';
import { BenchError } from '../../../shared/result';
import type { BoardControl } from '../../board';
import type { BenchContext } from '../context';
import type { FeatureHandlers } from '../dispatch';
import { VirtualBoardService } from '../virtual-board';

/** Handlers for the virtual board: start/stop, status, settings, LEDs and faults. */
/** Whether `port` can be bound on 127.0.0.1 right now (a probe, released at once). */
export function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen({ port, host, exclusive: true }, () => s.close(() => resolve(true)));
  });
}

/**
 * Handlers for the virtual board: start/stop, status, settings, LEDs and faults.
 * Without an explicit wsPort the board takes `defaultWsPort` (the firmware's 8080) when free, else any free port.
 */
export function boardHandlers(
  ctx: BenchContext,
  service = new VirtualBoardService(ctx.hub),
  defaultWsPort = 8080,
): FeatureHandlers<keyof typeof boardCommands> {
  ctx.onClose(() => service.close());
  const control = (): BoardControl => {
    const b = service.running;
    if (!b) throw new BenchError('UNAVAILABLE', 'The virtual board is not running. Start it first.');
    return b.control;
  };
  const after = (fn: (c: BoardControl) => void): VirtualBoardStatus => {
    fn(control());
    return service.status();
  };
  return {
    'vboard:start': async (req) => {
      if (service.running) throw new BenchError('CONFLICT', 'The virtual board is already running.');
      const explicit = req.wsPort !== undefined;
      const start = (wsPort: number) => service.start({ ...req, wsPort, host: '127.0.0.1' });
      try {
        if (explicit) return await start(req.wsPort ?? 0);
        // Probe first: a failed listen only shows after the boot delay, and the retry would boot twice.
        if (!(await portFree(defaultWsPort))) return await start(0);
        try {
          return await start(defaultWsPort);
        } catch (err) {
          if (!/EADDRINUSE/.test(String(err))) throw err;
          return await start(0); // taken between the probe and the listen
        }
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        if (/EADDRINUSE/.test(msg)) {
          throw new BenchError('CONFLICT', `Port ${req.wsPort ?? defaultWsPort} is already in use by another program. Choose another port, or leave it empty to take any free one.`);
        }
        if (/EACCES/.test(msg)) {
          throw new BenchError('IO_ERROR', `Port ${req.wsPort ?? defaultWsPort} needs administrator rights on this system. Choose a port above 1023.`);
        }
        throw new BenchError('IO_ERROR', `The virtual board could not start: ${msg}`);
      }
    },
    'vboard:stop': () => service.stop(),
    'vboard:status': () => service.status(),
    'vboard:uart-tail': (req) => service.uartTail(req.max),
    'vboard:configure': (req) =>
      after((c) => {
        if (req.profile) c.setProfile(req.profile);
        if (req.telemetryMs !== undefined) c.setTelemetryPeriod(req.telemetryMs);
        if (req.serial) c.setSerialVerbosity(req.serial);
      }),
    'vboard:set-gpio': (req) => after((c) => c.setLed(req.led, req.on)),
    'vboard:fault': async (req) => {
      const c = control();
      switch (req.kind) {
        case 'drop-link':
          c.dropLink();
          break;
        case 'stall-telemetry':
          c.stallTelemetry(req.on);
          break;
        case 'reboot':
          await c.reboot();
          break;
        case 'temperature-spike':
          c.spikeTemperature(req.deltaC);
          break;
        case 'pool-packets':
          c.setPoolPackets(req.packets);
          break;
        case 'pool-restore':
          c.restorePool();
          break;
      }
      return service.status();
    },
  };
}
