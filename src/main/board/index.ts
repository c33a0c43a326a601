// The virtual NUCLEO-MEM board: startBoard(options) → { endpoints, control, close() }. No electron imports.
export { startBoard, DEFAULT_WS_PORT, WS_POOL_PACKETS } from './board';
export {
  realClock,
  seededRandom,
  mathRandom,
  type BoardClock,
  type RandomSource,
  type TimerHandle,
} from './clock';
export { replayFromText } from './telemetry/replay';
export { openReplay, checkReplay } from './telemetry/replay-file';
export { telemetryText, ledStatusText } from './telemetry/generator';
export { cjsonNumber } from './telemetry/cjson-number';
export type * from './types';
export type { WsClient } from './ws/host';
