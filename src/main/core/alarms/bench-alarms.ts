// The alarms of the bench core put together: the rules kept in the settings, the service feeding the engine from
// every watched board, the events to the page and the markers in each board's run. bench.ts calls this once.
import type { PayloadOf } from '../../../shared/bridge/contract';
import type { Settings } from '../../../shared/bridge/contracts/app';
import type { BenchEventMessage } from '../../../shared/session-file/messages';
import { markAlarms } from './alarm-markers';
import { AlarmService, type AlarmEventName, type EngineFactory } from './alarm-service';
import type { AlarmBoards, AlarmPools } from './board-inputs';
import { AlarmRuleStore } from './rule-store';

export interface BenchAlarmsDeps {
  /** Default: the AlarmEngine. */
  readonly engine?: EngineFactory;
  /** The SettingsStore: the rules (`alarmRules`) and whether to notify (`alarmNotifications`). */
  readonly settings: {
    get(): Pick<Settings, 'alarmRules' | 'alarmNotifications'>;
    set(patch: Pick<Settings, 'alarmRules'>): unknown;
  };
  readonly emit: <E extends AlarmEventName | 'alarms:rules-changed'>(name: E, payload: PayloadOf<E>) => void;
  readonly boards: AlarmBoards;
  readonly pools: AlarmPools;
  /** Writes an event into a board's run (the flight recorder's `event`). */
  readonly record: (boardId: string, e: BenchEventMessage, t: number) => void;
  /** The bench's name, in the exported rules file's name. */
  readonly bench?: () => string | undefined;
  readonly log: (message: string) => void;
}

export interface BenchAlarms {
  readonly service: AlarmService;
  readonly rules: AlarmRuleStore;
  /** Whether the desktop app shows a notification for each raise (the `alarmNotifications` setting). */
  notificationsOn(): boolean;
  close(): void;
}

export function benchAlarms(deps: BenchAlarmsDeps): BenchAlarms {
  const rules = new AlarmRuleStore(deps.settings, { bench: deps.bench });
  const loaded = rules.view();
  for (const p of loaded.problems) deps.log(p);
  const service = new AlarmService({
    ...(deps.engine ? { engine: deps.engine } : {}),
    boards: deps.boards,
    pools: deps.pools,
    rules: loaded.rules,
    emit: deps.emit,
    log: deps.log,
  });
  const offRules = rules.onChange((view) => {
    service.setRules(view.rules);
    deps.emit('alarms:rules-changed', view);
  });
  const offMarkers = markAlarms(service, deps.record);
  return {
    service,
    rules,
    notificationsOn: () => deps.settings.get().alarmNotifications,
    close() {
      offMarkers();
      offRules();
      service.close();
    },
  };
}
