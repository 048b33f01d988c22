import type { DesktopMessage, DesktopPort } from '../engine/notify/desktop.ts';
import type { ElectronModules } from './electron-modules.ts';

type Notification = InstanceType<ElectronModules['Notification']>;

export interface DesktopNotificationsOptions {
  Notification: ElectronModules['Notification'];
  /** Clicking a notification opens the dashboard on its monitor (null: the overview). */
  onClick: (monitorId: string | null) => void;
  log?: (line: string) => void;
}

/** The engine's DesktopPort with native notifications; critical ones stay until dismissed. */
export function desktopNotifications(options: DesktopNotificationsOptions): DesktopPort {
  // A notification nobody references can be garbage-collected before it is clicked, taking its
  // click handler with it (https://github.com/electron/electron/issues/12690): hold them until closed.
  const live = new Set<Notification>();
  let warned = false;
  return {
    show(message: DesktopMessage) {
      if (!options.Notification.isSupported()) {
        if (!warned) options.log?.('desktop notifications are not supported on this system');
        warned = true;
        return;
      }
      const critical = message.urgency === 'critical';
      const notification = new options.Notification({
        title: message.title,
        body: message.body,
        urgency: message.urgency,
        timeoutType: critical ? 'never' : 'default',
        silent: message.urgency === 'low',
      });
      const release = () => live.delete(notification);
      notification.on('click', () => {
        release();
        options.onClick(message.monitorId);
      });
      notification.on('close', release);
      notification.on('failed', (_event, error) => {
        release();
        options.log?.(`desktop notification failed: ${error}`);
      });
      live.add(notification);
      if (live.size > 50) live.delete(live.values().next().value as Notification);
      notification.show();
    },
  };
}
