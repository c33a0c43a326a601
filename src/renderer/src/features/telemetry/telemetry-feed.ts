// The telemetry store's bridge: the one place the Telemetry page's data comes in. Live batches, the core's
// history of the board it shows (asked again whenever the store moves to another board), and the core's
// heartbeat, whose time lets a live window keep moving on the core's clock while no sample arrives. The page's
// commands (recording, exports) go out from here too, so its components never call the bridge themselves.

import type { RequestOf } from '../../../../shared/bridge/contract';
import { api } from '../../bridge';
import type { TelemetryStore } from './telemetry-store';

/** Rows of history asked from the core when the page opens (decimated there). */
const HISTORY_POINTS = 100_000;

/** Feeds `store` from the core until the returned function is called. */
export function connectTelemetry(store: TelemetryStore): () => void {
  let closed = false;
  const load = () =>
    void api.invoke('telemetry:history', { maxPoints: HISTORY_POINTS }).then((r) => {
      if (!closed && r.ok && r.value.t.length) store.loadHistory(r.value);
    });
  const offBatch = api.on('telemetry:batch', (batch) => store.apply(batch));
  const offBeat = api.on('app:heartbeat', (beat) => store.heardCoreTime(beat.at));
  // Another board shown: the core kept its history while the app runs, so ask for it again.
  let board = store.boardId;
  const offStore = store.subscribe(() => {
    if (store.boardId === board) return;
    const switched = board !== null;
    board = store.boardId;
    if (switched) load();
  });
  load();
  return () => {
    closed = true;
    offBatch();
    offBeat();
    offStore();
  };
}

/** The Telemetry page's commands to the core. */
export const telemetryCommands = {
  recordStart: () => api.invoke('telemetry:record-start', {}),
  recordStop: () => api.invoke('telemetry:record-stop', {}),
  saveCapture: () => api.invoke('telemetry:save-capture', {}),
  /** Writes the window on screen as CSV. */
  exportCsv: (range: Omit<Extract<RequestOf<'telemetry:export-csv'>, { source: 'window' }>, 'source'>) =>
    api.invoke('telemetry:export-csv', { source: 'window', ...range }),
  /** The app's name and version, for an export's footer. */
  appInfo: () => api.invoke('app:info', {}),
};
