import { useSyncExternalStore } from 'react';
import { api, onBridgeState } from '../../bridge';
import { ScenariosStore, type ScenariosSnapshot } from './scenarios-store';

/** The app's one store of the Scenarios page. */
export const scenarios = new ScenariosStore({ invoke: api.invoke, on: api.on, onState: onBridgeState });

/** The file being edited, its check and the run the page started. */
export function useScenarios(): ScenariosSnapshot {
  return useSyncExternalStore(scenarios.subscribe, scenarios.snapshot);
}
