import { useSyncExternalStore } from 'react';
import { api } from '../../bridge';
import { RunsStore, type RunsSnapshot } from './runs-store';

/** The app's one store of kept runs and the review. */
export const runs = new RunsStore(api);

/** The kept runs, the run under review and the compared one, followed by `runs:changed`. */
export function useRuns(): RunsSnapshot {
  return useSyncExternalStore(runs.subscribe, runs.snapshot);
}
