import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  autostartFile,
  createLoginItem,
  execArgument,
  HIDDEN_ARG,
  type LoginItemDeps,
} from '../../src-main/shell/login-item.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const tempDir = temporaryDirs();

/** Plays the OS's login-item store the way Electron does on Windows: an entry matches only with the same args. */
function fakeApp() {
  let stored: { openAtLogin: boolean; args: string[] } = { openAtLogin: false, args: [] };
  const calls: { openAtLogin: boolean; args?: string[] }[] = [];
  return {
    calls,
    getLoginItemSettings(options?: { args?: string[] }) {
      const same = JSON.stringify(options?.args ?? []) === JSON.stringify(stored.args);
      return { openAtLogin: stored.openAtLogin && same };
    },
    setLoginItemSettings(s: { openAtLogin: boolean; args?: string[] }) {
      calls.push(s);
      stored = { openAtLogin: s.openAtLogin, args: s.args ?? [] };
    },
  };
}

function linuxDeps(over: Partial<LoginItemDeps> = {}): LoginItemDeps {
  return {
    app: fakeApp(),
    platform: 'linux',
    env: {},
    execPath: '/opt/Solvewatch/solvewatch',
    homeDir: tempDir(),
    ...over,
  };
}

/** Reads an Exec value back the way a desktop-entry launcher does: string escapes, then quoting. */
function parseExec(value: string): string[] {
  const unescaped = value.replace(
    /\\(.)/g,
    (_, c: string) => ({ s: ' ', n: '\n', t: '\t', r: '\r' })[c] ?? c,
  );
  const args: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const m of unescaped.matchAll(re)) {
    const arg = m[1] !== undefined ? m[1].replace(/\\(["`$\\])/g, '$1') : (m[2] ?? '');
    args.push(arg.replaceAll('%%', '%'));
  }
  return args;
}

function execLine(file: string): string {
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Exec='));
  if (!line) throw new Error('no Exec line');
  return line.slice('Exec='.length);
}

describe('createLoginItem on macOS and Windows', () => {
  it.each(['darwin', 'win32'] as const)('on %s asks Electron, starting hidden', (platform) => {
    const app = fakeApp();
    const item = createLoginItem({ app, platform, env: {}, execPath: '/x', homeDir: tempDir() });
    expect(item.get()).toBe(false);
    item.set(true);
    expect(app.calls).toEqual([{ openAtLogin: true, args: [HIDDEN_ARG] }]);
    expect(item.get()).toBe(true);
    item.set(false);
    expect(item.get()).toBe(false);
  });
});

describe('createLoginItem on Linux', () => {
  it('writes and removes an XDG autostart entry under ~/.config', () => {
    const deps = linuxDeps();
    const item = createLoginItem(deps);
    const file = join(deps.homeDir, '.config', 'autostart', 'solvewatch.desktop');
    expect(item.get()).toBe(false);
    item.set(true);
    expect(item.get()).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('[Desktop Entry]\n')).toBe(true);
    expect(text).toContain('\nType=Application\n');
    expect(text).toContain('\nName=Solvewatch\n');
    expect(text).toContain('\nX-GNOME-Autostart-enabled=true\n');
    expect(execLine(file)).toBe('/opt/Solvewatch/solvewatch --hidden');
    item.set(false);
    expect(existsSync(file)).toBe(false);
    expect(item.get()).toBe(false);
  });

  it('does not touch Electron’s login items', () => {
    const app = fakeApp();
    createLoginItem(linuxDeps({ app })).set(true);
    expect(app.calls).toEqual([]);
  });

  it('honours XDG_CONFIG_HOME', () => {
    const config = tempDir();
    const deps = linuxDeps({ env: { XDG_CONFIG_HOME: config } });
    createLoginItem(deps).set(true);
    expect(existsSync(join(config, 'autostart', 'solvewatch.desktop'))).toBe(true);
    expect(existsSync(join(deps.homeDir, '.config'))).toBe(false);
  });

  it.each([['relative/config'], ['']])('ignores an invalid XDG_CONFIG_HOME %j', (value) => {
    expect(autostartFile({ XDG_CONFIG_HOME: value }, '/home/u')).toBe(
      '/home/u/.config/autostart/solvewatch.desktop',
    );
  });

  it('starts the AppImage itself, not the executable inside its temporary mount', () => {
    const deps = linuxDeps({
      env: { APPIMAGE: '/home/u/Apps/Solvewatch 0.1.0.AppImage' },
      execPath: '/tmp/.mount_SolvewXYZ/solvewatch',
    });
    createLoginItem(deps).set(true);
    const exec = execLine(autostartFile(deps.env, deps.homeDir));
    expect(exec).toBe('"/home/u/Apps/Solvewatch 0.1.0.AppImage" --hidden');
  });

  it('rewrites the entry when enabled again, so a moved AppImage is found', () => {
    const homeDir = tempDir();
    const first = linuxDeps({ homeDir, env: { APPIMAGE: '/old/Solvewatch.AppImage' } });
    createLoginItem(first).set(true);
    createLoginItem({ ...first, env: { APPIMAGE: '/new/Solvewatch.AppImage' } }).set(true);
    expect(execLine(autostartFile({}, homeDir))).toBe('/new/Solvewatch.AppImage --hidden');
  });

  it.each([
    ['Hidden=true', false],
    ['X-GNOME-Autostart-enabled=false', false],
    ['X-GNOME-Autostart-enabled=true', true],
  ])('reads an entry the desktop edited with %s as %s', (line, expected) => {
    const deps = linuxDeps();
    const file = autostartFile(deps.env, deps.homeDir);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, `[Desktop Entry]\nType=Application\nExec=solvewatch\n${line}\n`);
    expect(createLoginItem(deps).get()).toBe(expected);
  });
});

describe('execArgument', () => {
  it.each([
    ['/opt/Solvewatch/solvewatch', '/opt/Solvewatch/solvewatch'],
    ['/home/a b/app', '"/home/a b/app"'],
    ['/opt/100%/app', '/opt/100%%/app'],
    ['/opt/we$ird/app', '"/opt/we\\\\$ird/app"'],
    ['C:\\odd\\path', '"C:\\\\\\\\odd\\\\\\\\path"'],
  ])('writes %j as %s', (path, expected) => {
    expect(execArgument(path)).toBe(expected);
  });

  it.each([
    '/home/u/My Apps/Solvewatch.AppImage',
    `/tmp/it's "quoted"/app`,
    '/tmp/$HOME/`cmd`/a\\b/100%/x;y&z|w<v>u~t*s?r#q(p)o',
    '/tmp/tab\there/new\nline',
  ])('quotes %j so a launcher reads back the same path', (path) => {
    expect(parseExec(`${execArgument(path)} ${HIDDEN_ARG}`)).toEqual([path, HIDDEN_ARG]);
  });
});
