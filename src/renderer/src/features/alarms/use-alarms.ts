import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { AlarmRecord } from '../../../../shared/bridge/contracts/alarms';
import { activeOf, chartAlarms, NO_CHART_ALARMS, sameChartAlarms, type ChartAlarms } from './alarm-views';
import { api, onBridgeState } from '../../bridge';
import { AlarmsStore, type AlarmsSnapshot, type Notifier, type NotifyPermission } from './alarms-store';

/** The page's own notifications (browser mode), or none where the browser has no Notification API. */
function pageNotifier(): Notifier | undefined {
  if (typeof Notification === 'undefined') return undefined;
  return {
    permission: () => Notification.permission,
    request: async (): Promise<NotifyPermission> => Notification.requestPermission(),
    show: (title, body, tag) => {
      new Notification(title, { body, tag });
    },
  };
}

/** The app's one store of alarms, rules and capture bundles. */
export const alarms = new AlarmsStore(
  { invoke: api.invoke, on: api.on, transport: api.transport, onState: onBridgeState },
  pageNotifier(),
);

/** The alarms, rules and bundles: asked once, then followed by their events. */
export function useAlarms(): AlarmsSnapshot {
  return useSyncExternalStore(alarms.subscribe, alarms.snapshot);
}

/** The raised alarms of one board, most severe first (the same array until they change). */
export function useBoardAlarms(boardId: string | undefined): readonly AlarmRecord[] {
  const last = useRef<{ state: unknown; boardId: string | undefined; value: AlarmRecord[] }>(undefined);
  const get = useCallback(() => {
    const { state } = alarms.snapshot();
    const l = last.current;
    if (l && l.state === state && l.boardId === boardId) return l.value;
    const value = activeOf(state, boardId);
    // A new alarms state with the same raised alarms of this board keeps the old array (no re-render).
    const same =
      l &&
      l.value.length === value.length &&
      l.value.every((a, i) => a === value[i] || sameAlarm(a, value[i]!));
    last.current = { state, boardId, value: same ? l.value : value };
    return last.current.value;
  }, [boardId]);
  return useSyncExternalStore(alarms.subscribe, get);
}

const sameAlarm = (a: AlarmRecord, b: AlarmRecord) =>
  a.id === b.id && a.ackedAt === b.ackedAt && a.message === b.message && a.severity === b.severity;

/**
 * The alarm spans and threshold lines of one board for the Telemetry charts: the same object while what they draw
 * is unchanged, so an `alarms:changed` that does not concern the board redraws nothing.
 */
export function useChartAlarms(boardId: string | undefined): ChartAlarms {
  const last = useRef<{ snap: unknown; boardId: string | undefined; value: ChartAlarms }>(undefined);
  const get = useCallback(() => {
    const snap = alarms.snapshot();
    const l = last.current;
    if (l && l.snap === snap && l.boardId === boardId) return l.value;
    const next =
      boardId === undefined ? NO_CHART_ALARMS : chartAlarms(snap.state, snap.rules?.rules, boardId);
    last.current = { snap, boardId, value: l && sameChartAlarms(l.value, next) ? l.value : next };
    return last.current.value;
  }, [boardId]);
  return useSyncExternalStore(alarms.subscribe, get);
}
