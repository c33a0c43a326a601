import type { boardCommands, VirtualBoardStatus } from '../../../shared/bridge/contracts/board';
import { BenchError } from '../../../shared/result';
import type { BenchContext } from '../context';
import type { FeatureHandlers } from '../dispatch';
import { VirtualBoardService, type BoardControl } from '../virtual-board';

/**
 * Handlers for the virtual board: start/stop, status, settings, LEDs and faults.
 * Without an explicit wsPort the service takes its preferred port (the firmware's 8080) when free, else any free one.
 */
export function boardHandlers(
  ctx: BenchContext,
  service = new VirtualBoardService(ctx.hub),
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
      const port = req.wsPort === undefined ? 'The WebSocket port' : `Port ${req.wsPort}`;
      try {
        return await service.start({ ...req, host: '127.0.0.1' });
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        if (/EADDRINUSE/.test(msg)) {
          throw new BenchError(
            'CONFLICT',
            `${port} is already in use by another program. Choose another port, or leave it empty to take any free one.`,
          );
        }
        if (/EACCES/.test(msg)) {
          throw new BenchError(
            'IO_ERROR',
            `${port} needs administrator rights on this system. Choose a port above 1023.`,
          );
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
        if (req.telemetryBatch !== undefined) c.setTelemetryBatch(req.telemetryBatch || undefined);
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
