import type { ApiInput, HostInfo, HostNotice } from '../../api/contract.ts';

/** What the app around the engine (desktop shell or headless server) reports and lets the user change. */
export interface HostPort {
  info(): HostInfo;
  setPreferences(preferences: ApiInput<'setHostPreferences'>): Promise<HostInfo>;
}

/**
 * The headless server: no login item, notifications are logged, secrets live in the config file as
 * written. `notices` reports what the user must fix (a hand edit of the config file that was refused).
 */
export function headlessHost(paths: HostInfo['paths'], notices: () => HostNotice[] = () => []): HostPort {
  const info = (): HostInfo => ({
    kind: 'headless',
    startAtLogin: null,
    notifications: { supported: false },
    secrets: { storage: 'config-file', backend: null },
    notices: notices(),
    paths,
  });
  return {
    info,
    setPreferences: async (preferences) => {
      if (preferences.startAtLogin !== undefined) {
        throw new Error('start at login is only available in the desktop app');
      }
      if (preferences.colorScheme !== undefined) {
        throw new Error('the colour scheme is chosen in the desktop app; a browser follows its system');
      }
      return info();
    },
  };
}
