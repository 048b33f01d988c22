import type { StateSnapshot } from '../api/contract.ts';

/** The icon variants in assets/ (`tray-<name>.png`, `tray-<name>Template.png`, …). */
export type TrayIconName = 'ok' | 'warning' | 'critical' | 'unknown' | 'snoozed';

/** What a tray menu item does; the shell maps each to one engine or window call. */
export type TrayAction =
  | { kind: 'open-monitor'; monitorId: string }
  | { kind: 'check-all' }
  | { kind: 'snooze'; minutes: number | null }
  | { kind: 'resume' }
  | { kind: 'open-dashboard' }
  | { kind: 'open-settings' }
  | { kind: 'toggle-start-at-login' }
  | { kind: 'quit' };

export type TrayMenuItem =
  | { type: 'item'; label: string; enabled: boolean; action: TrayAction | null }
  | { type: 'checkbox'; label: string; checked: boolean; action: TrayAction }
  | { type: 'submenu'; label: string; items: TrayMenuItem[] }
  | { type: 'separator' };

export interface TrayModel {
  icon: TrayIconName;
  tooltip: string;
  menu: TrayMenuItem[];
}

export interface TrayContext {
  /** null where the platform cannot start at login (the item is then left out). */
  startAtLogin: boolean | null;
  /** Formats currency / numbers; defaults to en-US. */
  locale?: string;
}

/** Decides everything the tray shows from the engine's state: icon, tooltip and menu. Pure. */
export function trayModel(state: StateSnapshot, context: TrayContext): TrayModel {
  void state;
  void context;
  throw new Error('not implemented yet (issue 5)');
}
