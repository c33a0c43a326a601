// The capture service as the bench core builds it: its data from the core's per-board stores, its events to the
// hub, its markers into the board's session file, and a short history of every board's pool-status reports.
import { join } from 'node:path';
import type { FieldUnits } from '../../../../shared/telemetry/fields';
import type { ColumnMarker } from '../../../../shared/telemetry/marker-column';
import type { EventHub } from '../../event-hub';
import type { FlightRecorder } from '../../flight/flight-recorder';
import type { BoardCaptures } from '../../frames/board-captures';
import type { PoolStatusFeed } from '../../memory/pool-feed';
import type { BoardConsoles } from '../../serial/board-consoles';
import type { TelemetryPipeline } from '../../telemetry/pipeline';
import { CaptureService } from './capture-service';
import { PoolRing } from './pool-ring';

export interface BenchCaptureParts {
  readonly configDir: string;
  readonly pipeline: TelemetryPipeline;
  readonly frames: BoardCaptures;
  readonly serial: BoardConsoles;
  readonly poolFeed: PoolStatusFeed;
  readonly board: (
    id: string,
  ) => { readonly name: string; readonly host: string; readonly kind: string } | undefined;
  readonly units: () => FieldUnits | undefined;
  readonly markers: (boardId: string) => readonly ColumnMarker[];
  readonly flight: Pick<FlightRecorder, 'event'>;
  readonly hub: Pick<EventHub, 'emit'>;
  /** A bundle was started for an alarm: the alarm service names it in the alarm's record (`captureId`). */
  readonly named?: (alarmId: string, captureId: string) => void;
  readonly application: string;
  readonly log: (message: string) => void;
}

/** The bench's capture service, and its closer (writes the bundles still waiting, stops hearing pool reports). */
export function benchCaptures(p: BenchCaptureParts): {
  service: CaptureService;
  close: () => Promise<void>;
} {
  const pools = new PoolRing();
  const stopPools = p.poolFeed.onReport((id) => {
    const report = p.poolFeed.latest(id);
    if (report) pools.push(id, report.at, report.status);
  });
  const service = new CaptureService({
    root: join(p.configDir, 'alarm-captures'),
    telemetry: p.pipeline,
    frames: (id) => p.frames.get(id),
    serial: (id) => p.serial.peek(id),
    pools,
    units: p.units,
    markers: p.markers,
    application: p.application,
    board: p.board,
    emit: (c) => {
      if (c.state === 'writing') p.named?.(c.alarmId, c.id);
      p.hub.emit('alarms:capture', c);
    },
    mark: (id, note) => p.flight.event(id, { kind: 'marker', note, source: 'bench', detail: note }),
    log: p.log,
  });
  return {
    service,
    close: () => {
      stopPools();
      return service.close();
    },
  };
}
