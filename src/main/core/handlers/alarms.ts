import type { alarmsCommands } from '../../../shared/bridge/contracts/alarms';
import type { FeatureHandlers } from '../dispatch';
import type { AlarmService } from '../alarms/alarm-service';
import type { AlarmRuleStore } from '../alarms/rule-store';

/** The capture bundles' commands are answered by their own handlers (handlers/alarm-captures.ts). */
type CaptureCommand = 'alarms:captures' | 'alarms:capture-zip' | 'alarms:capture-show';

/** Handlers of the alarm rules, the alarms and their acknowledgement (docs/alarms.md). */
export function alarmsHandlers(
  service: AlarmService,
  rules: AlarmRuleStore,
): FeatureHandlers<Exclude<keyof typeof alarmsCommands, CaptureCommand>> {
  return {
    'alarms:rules': () => rules.view(),
    'alarms:set-rules': (req) => rules.set(req.rules),
    'alarms:import-rules': (req) => rules.importText(req.text, req.replace),
    'alarms:export-rules': () => rules.exportFile(),
    'alarms:state': () => service.state(),
    'alarms:ack': (req) => service.ack(req.id !== undefined ? { id: req.id } : { all: true }),
  };
}
