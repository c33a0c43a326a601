import { useSyncExternalStore } from 'react';
import type { FieldUnits } from '../../../../shared/telemetry/fields';
import { api } from '../../bridge';
import { SettingsStore } from './settings-store';

/** The app's one settings store. */
export const settingsStore = new SettingsStore(api);

/** The units the user gave to telemetry fields, followed on every change. */
export function useFieldUnitsSetting(): FieldUnits {
  return useSyncExternalStore(settingsStore.subscribe, () => settingsStore.units());
}
