import { useEffect, useRef, useState } from 'react';
import type { EventName, PayloadOf } from '../../../shared/bridge/contract';
import { api, onBridgeState, type BridgeState } from './index';

/** Calls `listener` for each event of `name` while the component is mounted. */
export function useBridgeEvent<E extends EventName>(
  name: E,
  listener: (payload: PayloadOf<E>) => void,
): void {
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => api.on(name, (p) => ref.current(p)), [name]);
}

/** The latest payload of an event, or `initial` until one arrives. */
export function useLatestEvent<E extends EventName>(name: E, initial: PayloadOf<E> | undefined = undefined) {
  const [value, setValue] = useState<PayloadOf<E> | undefined>(initial);
  useBridgeEvent(name, setValue);
  return value;
}

/** The transport's connection state. */
export function useBridgeState(): BridgeState {
  const [state, setState] = useState<BridgeState>({ kind: 'connecting' });
  useEffect(() => onBridgeState(setState), []);
  return state;
}
