import { useEffect, useState } from 'react';
import type { SessionsState } from '../../../../shared/bridge/contracts/sessions';
import { api } from '../../bridge';
import { useBridgeEvent } from '../../bridge/hooks';

/** The watched boards: asked once, then followed by `sessions:state` (about once a second). */
export function useSessions(): SessionsState | undefined {
  const [state, setState] = useState<SessionsState>();
  useBridgeEvent('sessions:state', setState);
  useEffect(() => {
    let cancelled = false;
    void api.invoke('sessions:list', {}).then((r) => {
      if (!cancelled && r.ok) setState((cur) => cur ?? r.value);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return state;
}
