import type { alarmsCommands } from '../../../shared/bridge/contracts/alarms';
import { BenchError } from '../../../shared/result';
import type { FeatureHandlers } from '../dispatch';

// Placeholder while the alarm service is built on its branch: every alarms command answers that it is not there.
const missing = (): never => {
  throw new BenchError('UNAVAILABLE', 'Alarms are not part of this build yet.');
};

export function alarmsHandlers(): FeatureHandlers<keyof typeof alarmsCommands> {
  return {
    'alarms:rules': missing,
    'alarms:set-rules': missing,
    'alarms:import-rules': missing,
    'alarms:export-rules': missing,
    'alarms:state': missing,
    'alarms:ack': missing,
    'alarms:captures': missing,
    'alarms:capture-zip': missing,
    'alarms:capture-show': missing,
  };
}
