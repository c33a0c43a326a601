// The telemetry store's bridge: the one place the Telemetry page's data comes in. Live batches, the core's
// history of the board it shows (asked again whenever the store moves to another board), and the core's
// heartbeat, whose time lets a live window keep moving on the core's clock while no sample arrives. The page's
// commands (recording, exports) go out from here too, so its components never call the bridge themselves.

import type { RequestOf } from '../../../../shared/bridge/contract';
import { api } from '../../bridge';
import type { TelemetryStore } from './telemetry-store';

/** Rows of history asked from the core when the page opens (decimated there). */
const HISTORY_POINTS = 100_000;

/** How often the page asks how far back the history goes. */
const REACH_EVERY_MS = 5000;

/** Feeds `store` from the core until the returned function is called. */
export function connectTelemetry(store: TelemetryStore): () => void {
  let closed = false;
  const load = () =>
    void api.invoke('telemetry:history', { maxPoints: HISTORY_POINTS }).then((r) => {
      if (!closed && r.ok && r.value.t.length) store.loadHistory(r.value);
    });
  // A window older than the rows the page holds: the core answers it from memory or the board's session file.
  store.older.fetch = async (req) => {
    const r = await api.invoke('telemetry:history', { ...req, maxPoints: 200_000 });
    return !closed && r.ok && r.value.boardId === store.boardId ? r.value : undefined;
  };
  // How far back the history goes changes as memory fills and the run goes on: an empty window asks cheaply.
  const reach = window.setInterval(() => {
    const t = store.coreNow();
    void api.invoke('telemetry:history', { fromT: t, toT: t, maxPoints: 2 }).then((r) => {
      if (!closed && r.ok && r.value.boardId === store.boardId) store.older.heard(r.value.reach);
    });
  }, REACH_EVERY_MS);
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
    store.older.fetch = undefined;
    window.clearInterval(reach);
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
