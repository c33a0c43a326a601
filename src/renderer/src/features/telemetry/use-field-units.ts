// The units the user gave to telemetry fields the firmware does not define: read from the settings, followed on
// every change (another window may edit them too), and edited through the core, which validates and keeps them.
import { useCallback, useEffect, useState } from 'react';
import type { FieldUnits } from '../../../../shared/telemetry/fields';
import { api } from '../../bridge';
import { useBridgeEvent } from '../../bridge/hooks';

/** The user's units, and a setter that answers with an error message when the core refused the unit. */
export function useFieldUnits(): {
  readonly units: FieldUnits;
  readonly setUnit: (field: string, unit: string) => Promise<string | undefined>;
} {
  const [units, setUnits] = useState<FieldUnits>({});
  useEffect(() => {
    let live = true;
    void api.invoke('settings:get', {}).then((r) => {
      if (live && r.ok) setUnits(r.value.telemetryUnits);
    });
    return () => {
      live = false;
    };
  }, []);
  useBridgeEvent('settings:changed', (s) => setUnits(s.telemetryUnits));
  const setUnit = useCallback(async (field: string, unit: string) => {
    const r = await api.invoke('telemetry:set-unit', { field, unit });
    if (!r.ok) return r.error.message;
    setUnits(r.value);
    return undefined;
  }, []);
  return { units, setUnit };
}
