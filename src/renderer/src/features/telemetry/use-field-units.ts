// The units the user gave to telemetry fields the firmware does not define: read from the settings store, which
// follows every change (another window may edit them too); edited through the core, which validates and keeps them.
import type { FieldUnits } from '../../../../shared/telemetry/fields';
import { settingsStore, useFieldUnitsSetting } from '../settings/use-settings';

/** The user's units, and a setter that answers with an error message when the core refused the unit. */
export function useFieldUnits(): {
  readonly units: FieldUnits;
  readonly setUnit: (field: string, unit: string) => Promise<string | undefined>;
} {
  return { units: useFieldUnitsSetting(), setUnit };
}

const setUnit = (field: string, unit: string) => settingsStore.setUnit(field, unit);
