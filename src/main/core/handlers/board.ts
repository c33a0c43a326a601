import type { boardCommands, VirtualBoardStatus } from '../../../shared/bridge/contracts/board';
import type { BoardProfile } from '../../../shared/bridge/contracts/links';
import { BenchError } from '../../../shared/result';
import type { BenchContext } from '../context';
import type { FeatureHandlers } from '../dispatch';
import { plainError } from '../plain-error';
import type { BoardControl, VirtualBoardService } from '../virtual-board';
import type { VirtualFleet } from '../virtual-fleet';

/**
 * Handlers for the virtual boards: start/stop, status, settings, LEDs and faults, each for the board its request
 * names (`boardId`, a virtual profile's id, always given). Without an explicit wsPort a board takes the preferred
 * port (the firmware's 8080) when it is free, so the first board to start takes it, else any free one.
 */
export function boardHandlers(
  ctx: BenchContext,
  fleet: VirtualFleet,
  profile: (id: string) => BoardProfile | undefined,
): FeatureHandlers<keyof typeof boardCommands> {
  ctx.onClose(() => fleet.close());
  const serviceOf = (req: { boardId: string }): VirtualBoardService => {
    const id = req.boardId;
    const p = profile(id);
    if (!p) throw new BenchError('NOT_FOUND', 'That board profile does not exist.');
    if (p.kind !== 'virtual')
      throw new BenchError('BAD_REQUEST', `${p.name} is a real board, not a virtual one.`);
    return fleet.service(id);
  };
  const control = (service: VirtualBoardService): BoardControl => {
    const b = service.running;
    if (!b) throw new BenchError('UNAVAILABLE', 'The virtual board is not running. Start it first.');
    return b.control;
  };
  const after = (req: { boardId: string }, fn: (c: BoardControl) => void): VirtualBoardStatus => {
    const service = serviceOf(req);
    fn(control(service));
    return service.status();
  };
  return {
    'vboard:start': async ({ boardId, ...req }) => {
      const service = serviceOf({ boardId });
      if (service.running) throw new BenchError('CONFLICT', 'The virtual board is already running.');
      const port = req.wsPort === undefined ? 'The WebSocket port' : `Port ${req.wsPort}`;
      try {
        return await service.start({ ...req, host: '127.0.0.1' });
      } catch (err) {
        const code = err instanceof Error && 'code' in err ? err.code : undefined;
        if (code === 'EADDRINUSE') {
          throw new BenchError(
            'CONFLICT',
            `${port} is already in use by another program. Choose another port, or leave it empty to take any free one.`,
          );
        }
        if (code === 'EACCES') {
          throw new BenchError(
            'IO_ERROR',
            `${port} needs administrator rights on this system. Choose a port above 1023.`,
          );
        }
        throw new BenchError('IO_ERROR', `The virtual board could not start: ${plainError(err)}.`);
      }
    },
    'vboard:stop': (req) => serviceOf(req).stop(),
    'vboard:status': (req) => serviceOf(req).status(),
    'vboard:uart-tail': (req) => serviceOf(req).uartTail(req.max),
    'vboard:configure': (req) =>
      after(req, (c) => {
        if (req.profile) c.setProfile(req.profile);
        if (req.telemetryMs !== undefined) c.setTelemetryPeriod(req.telemetryMs);
        if (req.serial) c.setSerialVerbosity(req.serial);
        if (req.telemetryBatch !== undefined) c.setTelemetryBatch(req.telemetryBatch || undefined);
      }),
    'vboard:set-gpio': (req) => after(req, (c) => c.setLed(req.led, req.on)),
    'vboard:fault': async (req) => {
      const service = serviceOf(req);
      const c = control(service);
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
