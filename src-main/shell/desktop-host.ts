import type { ColorScheme, HostInfo, HostNotice, ListenerInfo } from '../api/contract.ts';
import type { HostPort } from '../engine/host/host-port.ts';
import type { DesktopSettings } from './desktop-settings.ts';
import { type LoginItem, startsAtLogin } from './login-item.ts';
import { type SecretStorage, secretsInfo } from './secret-storage.ts';

export interface DesktopHostOptions {
  settings: DesktopSettings;
  secrets: SecretStorage;
  loginItem: LoginItem | null;
  notificationsSupported: () => boolean;
  paths: HostInfo['paths'];
  /** Set when a corrupt history file was moved aside at start. */
  historyNotice?: HostNotice | null;
  /** After a preference changed (the tray shows "Start at login"). */
  onChange?: () => void;
  /** Electron's `nativeTheme`: native dialogs, menus and the page's `prefers-color-scheme` follow its `themeSource`. */
  nativeTheme: { themeSource: ColorScheme };
  /** The inbound listener: its state, and a restart after its preferences changed. */
  listener?: { info(): ListenerInfo; reconfigure(): Promise<void> };
}

/** Notices that stay true until the user answers them; their dismissal is remembered across restarts. */
const LASTING_NOTICES = new Set(['secrets-unavailable']);

/** What the desktop app tells the UI about itself, and the preferences it keeps. */
export function desktopHost(options: DesktopHostOptions): HostPort {
  const { settings, secrets, loginItem } = options;
  const dismissedThisRun = new Set<string>();

  const notices = (): HostNotice[] => {
    const all = [...settings.notices(), ...(options.historyNotice ? [options.historyNotice] : [])];
    if (!secrets.protected && !settings.allowPlainTextSecrets) {
      const why = secrets.canEncrypt
        ? `the "${secrets.backend}" keyring only obscures them`
        : 'no keychain is available';
      all.push({
        id: 'secrets-unavailable',
        level: 'warning',
        message: `Secrets such as API keys and webhook URLs cannot be encrypted on this computer (${why}). They will not be saved unless you allow plain-text storage or use environment variables.`,
      });
    }
    all.push(...listenerNotices(options.listener?.info()));
    const dismissed = new Set(settings.dismissedNotices);
    return all.filter((n) => !dismissedThisRun.has(n.id) && !dismissed.has(n.id));
  };

  const info = (): HostInfo => ({
    kind: 'desktop',
    startAtLogin: startsAtLogin(loginItem),
    notifications: { supported: options.notificationsSupported() },
    secrets: secretsInfo(secrets, settings.allowPlainTextSecrets),
    // The user's own secrets on the user's own computer: an export may hold them once confirmed.
    secretExport: true,
    notices: notices(),
    paths: options.paths,
    colorScheme: settings.colorScheme,
    ...(options.listener && { listener: options.listener.info() }),
  });

  return {
    info,
    async setPreferences(preferences) {
      if (preferences.startAtLogin !== undefined) {
        if (!loginItem) throw new Error('start at login is not available on this system');
        loginItem.set(preferences.startAtLogin);
      }
      if (preferences.allowPlainTextSecrets !== undefined) {
        await settings.setPreferences({ allowPlainTextSecrets: preferences.allowPlainTextSecrets });
      }
      if (preferences.colorScheme !== undefined) {
        await settings.setPreferences({ colorScheme: preferences.colorScheme });
        options.nativeTheme.themeSource = settings.colorScheme;
      }
      const { listenerPort, listenerLan } = preferences;
      if (listenerPort !== undefined || listenerLan !== undefined) {
        await settings.setPreferences({
          ...(listenerPort !== undefined && { listenerPort }),
          ...(listenerLan !== undefined && { listenerLan }),
        });
        await options.listener?.reconfigure();
      }
      const id = preferences.dismissNotice;
      if (id !== undefined) {
        dismissedThisRun.add(id);
        if (LASTING_NOTICES.has(id) && !settings.dismissedNotices.includes(id)) {
          await settings.setPreferences({ dismissedNotices: [...settings.dismissedNotices, id] });
        }
      }
      options.onChange?.();
      return info();
    },
  };
}

/** A listener that could not start, and the warning that goes with opening it to the LAN. */
function listenerNotices(listener: ListenerInfo | undefined): HostNotice[] {
  if (!listener) return [];
  const notices: HostNotice[] = [];
  if (listener.error) notices.push({ id: 'listener-port', level: 'error', message: listener.error });
  if (listener.lan) {
    notices.push({
      id: 'listener-lan',
      level: 'warning',
      message: `Heartbeats and pipeline events are accepted from the local network on port ${listener.port}. Anyone on it can reach /push and /events: give heartbeat monitors a token and pipeline monitors a signing secret.`,
    });
  }
  return notices;
}
