import { useSyncExternalStore } from 'react';
import { api } from '../bridge';
import { InjectStore } from './inject-store';

/** The app's one fault-injection store. */
export const injectStore = new InjectStore(api);

/** Whether virtual board `boardId`'s telemetry is stalled, as its last status said. */
export function useTelemetryStalled(boardId: string): boolean {
  return useSyncExternalStore(injectStore.subscribe, () => injectStore.isStalled(boardId));
}
