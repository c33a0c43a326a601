// The desktop app's notification for each alarm raised (docs/alarms.md §Where alarms show): the bench runs for
// hours with nobody looking at its window. Browser mode's notifications are the page's own.
import type { AlarmRecord } from '../../shared/bridge/contracts/alarms';
import type { AlarmSource } from '../core/alarms/types';

/** The part of Electron's Notification used; injected so tests pass a fake. */
export interface NotificationApi {
  isSupported(): boolean;
  new (options: { title: string; body: string; urgency?: 'normal' | 'critical' | 'low' }): ShownNotification;
}

export interface ShownNotification {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

export interface AlarmNotificationOptions {
  readonly Notification: NotificationApi;
  /** The `alarmNotifications` setting, read at each raise. */
  readonly enabled: () => boolean;
  /** A click on one brings the window forward (the Alarms list is there). */
  readonly onClick?: (alarm: AlarmRecord) => void;
  readonly log?: (message: string) => void;
}

/** Notifications kept referenced until closed, so their click still reaches us; bounded. */
const KEPT = 20;

/** What the notification of a raise says. */
export function notificationText(a: AlarmRecord): { title: string; body: string } {
  const lead =
    a.severity === 'critical' ? 'Critical alarm' : a.severity === 'info' ? 'Alarm (info)' : 'Alarm';
  return { title: `${lead}: ${a.ruleName}`, body: `${a.boardName}: ${a.message}` };
}

/** Shows a notification for each raise while the setting is on; returns the unsubscribe. */
export function notifyAlarms(source: AlarmSource, opts: AlarmNotificationOptions): () => void {
  const kept = new Set<ShownNotification>();
  return source.onTransition((tr) => {
    if (tr.kind !== 'raised' || !opts.enabled()) return;
    if (!opts.Notification.isSupported()) return;
    try {
      const n = new opts.Notification({
        ...notificationText(tr.alarm),
        urgency: tr.alarm.severity === 'critical' ? 'critical' : 'normal',
      });
      kept.add(n);
      if (kept.size > KEPT) kept.delete(kept.values().next().value!);
      n.on('click', () => opts.onClick?.(tr.alarm));
      n.on('close', () => kept.delete(n));
      n.show();
    } catch (err) {
      opts.log?.(`alarm notification not shown: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
}
