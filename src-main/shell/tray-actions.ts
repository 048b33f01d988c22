import type { SolvewatchApi } from '../api/contract.ts';
import type { LoginItem } from './login-item.ts';
import type { TrayAction } from './tray-model.ts';

export interface TrayActionTargets {
  engine: Pick<SolvewatchApi, 'checkNow' | 'snooze' | 'resumeAlerts'>;
  openWindow: (route: string) => void;
  loginItem: LoginItem | null;
  quit: () => void;
  /** After something the menu shows changed outside the engine (the login item). */
  refresh: () => void;
  log: (line: string) => void;
}

export const monitorRoute = (id: string): string => `/monitors/${encodeURIComponent(id)}`;

/** What each tray menu item does: one engine or window call. */
export function runTrayAction(action: TrayAction, to: TrayActionTargets): void {
  const report = (what: string) => (err: Error) => to.log(`tray: ${what} failed: ${err.message}`);
  switch (action.kind) {
    case 'open-monitor':
      to.openWindow(monitorRoute(action.monitorId));
      return;
    case 'open-dashboard':
      to.openWindow('/');
      return;
    case 'open-settings':
      to.openWindow('/settings');
      return;
    case 'check-all':
      to.engine.checkNow({}).catch(report('check all'));
      return;
    case 'snooze':
      to.engine.snooze({ minutes: action.minutes }).catch(report('snooze'));
      return;
    case 'resume':
      to.engine.resumeAlerts({}).catch(report('resume'));
      return;
    case 'toggle-start-at-login':
      try {
        to.loginItem?.set(!to.loginItem.get());
      } catch (err) {
        report('start at login')(err as Error);
      }
      to.refresh();
      return;
    case 'quit':
      to.quit();
      return;
  }
}
