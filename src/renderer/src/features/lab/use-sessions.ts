import { useSyncExternalStore } from 'react';
import type { SessionsState } from '../../../../shared/bridge/contracts/sessions';
import { api, onBridgeState } from '../../bridge';
import { SessionsStore } from './sessions-store';

/** The app's one store of the watched boards. */
export const sessions = new SessionsStore({ invoke: api.invoke, on: api.on, onState: onBridgeState });

/** The watched boards: asked once, then followed by `sessions:state` (about once a second). */
export function useSessions(): SessionsState | undefined {
  return useSyncExternalStore(sessions.subscribe, sessions.snapshot);
}
