import type { alarmsCommands } from '../../../shared/bridge/contracts/alarms';
import { BenchError } from '../../../shared/result';
import type { FeatureHandlers } from '../dispatch';

// Placeholder while the capture bundles are built on their branch (h-capture writes this file): their commands
// answer that they are not there.
const missing = (): never => {
  throw new BenchError('UNAVAILABLE', 'Alarm capture bundles are not part of this build yet.');
};

export function alarmCaptureHandlers(): FeatureHandlers<
  Extract<keyof typeof alarmsCommands, 'alarms:captures' | 'alarms:capture-zip' | 'alarms:capture-show'>
> {
  return {
    'alarms:captures': missing,
    'alarms:capture-zip': missing,
    'alarms:capture-show': missing,
  };
}
