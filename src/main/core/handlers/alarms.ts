import type { alarmsCommands } from '../../../shared/bridge/contracts/alarms';
import { BenchError } from '../../../shared/result';
import type { FeatureHandlers } from '../dispatch';

// Placeholder while the alarm service is built on its branch: every alarms command answers that it is not there.
const missing = (): never => {
  throw new BenchError('UNAVAILABLE', 'Alarms are not part of this build yet.');
};

/** The alarm commands but the capture bundles' (handlers/alarm-captures.ts). */
export function alarmsHandlers(): FeatureHandlers<
  Exclude<keyof typeof alarmsCommands, 'alarms:captures' | 'alarms:capture-zip' | 'alarms:capture-show'>
> {
  return {
    'alarms:rules': missing,
    'alarms:set-rules': missing,
    'alarms:import-rules': missing,
    'alarms:export-rules': missing,
    'alarms:state': missing,
    'alarms:ack': missing,
  };
}
