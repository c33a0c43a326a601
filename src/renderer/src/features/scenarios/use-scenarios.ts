import { useSyncExternalStore } from 'react';
import { api } from '../../bridge';
import { ScenariosStore, type ScenariosSnapshot } from './scenarios-store';

/** The app's one store of the Scenarios page. */
export const scenarios = new ScenariosStore(api);

/** The file being edited, its check and the run the page started. */
export function useScenarios(): ScenariosSnapshot {
  return useSyncExternalStore(scenarios.subscribe, scenarios.snapshot);
}
