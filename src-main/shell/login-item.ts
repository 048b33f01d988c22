import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';

/** Whether Solvewatch starts when the user logs in. */
export interface LoginItem {
  get(): boolean;
  set(enabled: boolean): void;
}

export interface LoginItemDeps {
  app: {
    /** Windows only matches the entry when given the same args it was written with. */
    getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean };
    setLoginItemSettings(s: { openAtLogin: boolean; args?: string[] }): void;
  };
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  execPath: string;
  homeDir: string;
}

/** Whether the login item is on; null where there is none or the OS would not say (the UI then offers no switch). */
export function startsAtLogin(item: LoginItem | null): boolean | null {
  try {
    return item ? item.get() : null;
  } catch {
    return null;
  }
}

/** The app starts in the tray, with no window, when it sees this argument. */
export const HIDDEN_ARG = '--hidden';

/**
 * macOS and Windows keep login items themselves (Electron's `setLoginItemSettings`); Linux desktops
 * start whatever `.desktop` entry sits in the XDG autostart folder.
 */
export function createLoginItem(deps: LoginItemDeps): LoginItem {
  if (deps.platform === 'linux') return xdgAutostart(deps);
  const { app } = deps;
  const args = [HIDDEN_ARG];
  return {
    get: () => app.getLoginItemSettings({ args }).openAtLogin,
    set: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled, args }),
  };
}

/** https://specifications.freedesktop.org/autostart-spec/latest/ */
export function autostartFile(env: NodeJS.ProcessEnv, homeDir: string): string {
  const configured = env.XDG_CONFIG_HOME;
  // The base-directory spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const configHome = configured && isAbsolute(configured) ? configured : join(homeDir, '.config');
  return join(configHome, 'autostart', 'solvewatch.desktop');
}

function xdgAutostart(deps: LoginItemDeps): LoginItem {
  const file = autostartFile(deps.env, deps.homeDir);
  // Inside an AppImage, execPath is in a mount that disappears when the app quits.
  const executable = deps.env.APPIMAGE || deps.execPath;
  return {
    get() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return false;
      }
      // Desktop settings panels switch an entry off by writing one of these keys rather than deleting it.
      return (
        !/^Hidden\s*=\s*true\s*$/m.test(text) && !/^X-GNOME-Autostart-enabled\s*=\s*false\s*$/m.test(text)
      );
    },
    set(enabled) {
      if (!enabled) {
        rmSync(file, { force: true });
        return;
      }
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, desktopEntry(executable));
    },
  };
}

export function desktopEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Solvewatch',
    'Comment=Tray monitor for CAPTCHA-solving pipelines',
    `Exec=${execArgument(executable)} ${HIDDEN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Quotes one argument of an `Exec` key: the desktop-entry spec's own quoting, then `%` doubled
 * (field codes), then the escapes every string value gets.
 * https://specifications.freedesktop.org/desktop-entry-spec/latest/exec-variables.html
 */
export function execArgument(arg: string): string {
  const quoted = /[\s"'\\><~|&;$*?#()`]/.test(arg) ? `"${arg.replace(/["`$\\]/g, '\\$&')}"` : arg;
  return quoted
    .replaceAll('%', '%%')
    .replaceAll('\\', '\\\\')
    .replaceAll('\n', '\\n')
    .replaceAll('\t', '\\t')
    .replaceAll('\r', '\\r');
}
