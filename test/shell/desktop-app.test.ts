import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../src-main/api/config-schema.ts';
import { type HttpTarget, startHttpTarget } from '../../src-main/fakes/http-target.ts';
import { APP_USER_MODEL_ID, startDesktopApp } from '../../src-main/shell/desktop-app.ts';
import { electronDouble } from '../support/electron-double.ts';
import { desktopHarness, electron, settleTray } from './desktop-harness.ts';

const { start } = desktopHarness();

const targets: HttpTarget[] = [];
afterEach(async () => {
  for (const t of targets.splice(0)) await t.close();
});

async function oneMonitor(status = 200): Promise<ConfigInput> {
  const target = await startHttpTarget({ status });
  targets.push(target);
  return {
    monitors: [{ id: 'api', name: 'Pipeline API', type: 'http', url: target.url, intervalSeconds: 3600 }],
    alerts: { failThreshold: 1 },
    notifications: { groupWindowSeconds: 0, dailySummaryAt: null },
  };
}

const windowUrls = () => electronDouble.windows.map((w) => w.url);

describe('desktop app: tray', () => {
  it('puts an icon with a tooltip and a menu in the tray at start', async () => {
    await start({ config: await oneMonitor() });
    const tray = electronDouble.tray;
    expect(tray.tooltip).not.toBe('');
    const labels = tray.currentMenu.allItems().map((i) => i.label);
    for (const label of ['Check all now', 'Open dashboard', 'Quit']) {
      expect(labels.some((l) => l?.startsWith(label))).toBe(true);
    }
    expect(String((tray.image as { path: string }).path)).toMatch(/assets[/\\]tray-\w+\.png$/);
  });

  it('rebuilds the menu after the engine reports a change, at most once per burst', async () => {
    const { runtime, clock } = await start({ config: await oneMonitor() });
    const tray = electronDouble.tray;
    const before = tray.menuUpdates;
    await runtime.engine.snooze({ minutes: 15 });
    await runtime.engine.resumeAlerts({});
    await runtime.engine.snooze({ minutes: 60 });
    expect(tray.menuUpdates).toBe(before);
    await settleTray(clock);
    expect(tray.menuUpdates).toBe(before + 1);
  });

  it('"Check all now" checks every monitor', async () => {
    const { runtime } = await start({ config: await oneMonitor() });
    const target = targets[0] as HttpTarget;
    const calls = target.calls;
    electronDouble.tray.currentMenu.click('Check all now');
    await expect.poll(() => target.calls).toBeGreaterThan(calls);
    await expect.poll(async () => (await runtime.engine.getState()).monitors[0]?.lastCheck).not.toBeNull();
  });

  it.each([
    ['For 15 minutes', 15],
    ['For 1 hour', 60],
    ['For 4 hours', 240],
  ])('"Snooze %s" snoozes alerts for that long', async (label, minutes) => {
    const { runtime, clock } = await start({ config: await oneMonitor() });
    electronDouble.tray.currentMenu.click(label);
    await expect
      .poll(async () => (await runtime.engine.getState()).alerts.snoozedUntil)
      .toBe(clock.now() + minutes * 60_000);
  });

  it('"Snooze until resumed", then "Resume"', async () => {
    const { runtime, clock } = await start({ config: await oneMonitor() });
    electronDouble.tray.currentMenu.click('Until resumed');
    await expect.poll(async () => (await runtime.engine.getState()).alerts.snoozedUntil).toBeNull();
    await settleTray(clock);
    electronDouble.tray.currentMenu.click('Resume alerts');
    await expect.poll(async () => 'snoozedUntil' in (await runtime.engine.getState()).alerts).toBe(false);
  });

  it('opens a monitor, the dashboard and the settings from the menu; a left click opens the dashboard', async () => {
    await start({ config: await oneMonitor() });
    expect(electronDouble.windows).toHaveLength(0);
    electronDouble.tray.currentMenu.click(/Pipeline API/);
    expect(windowUrls()).toEqual(['app://solvewatch/index.html#/monitors/api']);
    electronDouble.tray.currentMenu.click('Settings');
    expect(windowUrls()).toEqual(['app://solvewatch/index.html#/settings']);
    electronDouble.tray.currentMenu.click('Open dashboard');
    expect(windowUrls()).toEqual(['app://solvewatch/index.html#/']);
    electronDouble.windows[0]?.close();
    electronDouble.tray.click();
    expect(windowUrls()).toEqual(['app://solvewatch/index.html#/']);
  });

  it('"Start at login" turns the login item on and off', async () => {
    const { runtime, clock } = await start({ config: await oneMonitor() });
    expect(runtime.loginItem?.get()).toBe(false);
    electronDouble.tray.currentMenu.click(/Start at login/);
    expect(runtime.loginItem?.get()).toBe(true);
    await settleTray(clock);
    expect(electronDouble.tray.currentMenu.item(/Start at login/).checked).toBe(true);
    electronDouble.tray.currentMenu.click(/Start at login/);
    expect(runtime.loginItem?.get()).toBe(false);
  });

  it('"Quit" stops the engine, flushing history, then quits', async () => {
    const { runtime, app, dir } = await start({ config: await oneMonitor() });
    await runtime.engine.checkNow({});
    electronDouble.tray.currentMenu.click('Quit');
    await app.stopped;
    expect(electronDouble.app.quitted).toBe(true);
    expect(electronDouble.trays.every((t) => t.destroyed)).toBe(true);
    const db = new DatabaseSync(join(dir, 'history.sqlite'), { readOnly: true });
    const rows = db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number };
    db.close();
    expect(rows.n).toBeGreaterThan(0);
  });
});

describe('desktop app: windows and lifecycle', () => {
  it('opens the dashboard at first run (no monitors), but not when started with --hidden', async () => {
    const first = await start();
    expect(windowUrls()).toEqual(['app://solvewatch/index.html#/']);
    await first.quit();
    electronDouble.reset();
    await start({ argv: ['--hidden'] });
    expect(electronDouble.windows).toHaveLength(0);
  });

  it('opens no window when monitors are configured', async () => {
    await start({ config: await oneMonitor() });
    expect(electronDouble.windows).toHaveLength(0);
  });

  it('creates the window on demand and destroys it on close; the app stays in the tray', async () => {
    const { runtime } = await start({ config: await oneMonitor() });
    const window = runtime.windows.open('/');
    await Promise.resolve();
    expect(window.isVisible()).toBe(true);
    window.close();
    expect(window.isDestroyed()).toBe(true);
    expect(electronDouble.windows).toHaveLength(0);
    expect(electronDouble.app.quitCalls).toBe(0);
    expect(electronDouble.tray.destroyed).toBe(false);
  });

  it('reuses the open window instead of opening a second one', async () => {
    const { runtime } = await start({ config: await oneMonitor() });
    const first = runtime.windows.open('/');
    const again = runtime.windows.open('/monitors/api');
    expect(again).toBe(first);
    expect(electronDouble.allWindowsEverCreated).toHaveLength(1);
    expect(first.webContents.getURL()).toBe('app://solvewatch/index.html#/monitors/api');
  });

  it('focuses the window (opening it if needed) when the app is launched again', async () => {
    await start({ config: await oneMonitor() });
    electronDouble.app.launchSecondInstance(['/opt/Solvewatch/solvewatch']);
    await expect.poll(() => electronDouble.windows.length).toBe(1);
    const window = electronDouble.windows[0];
    window?.minimize();
    const focused = window?.focusCalls ?? 0;
    electronDouble.app.launchSecondInstance(['/opt/Solvewatch/solvewatch']);
    await expect.poll(() => window?.focusCalls).toBeGreaterThan(focused);
    expect(window?.isMinimized()).toBe(false);
    expect(electronDouble.allWindowsEverCreated).toHaveLength(1);
  });

  it('a second copy without the single-instance lock quits at once', async () => {
    electronDouble.app.singleInstanceLock = false;
    const app = startDesktopApp(electron, {
      argv: [],
      platform: 'linux',
      env: {},
      execPath: '/x',
      homeDir: '/nonexistent',
      resourcesPath: '/nonexistent',
    });
    expect(await app.ready).toBeNull();
    expect(electronDouble.app.quitted).toBe(true);
    expect(electronDouble.trays).toHaveLength(0);
  });

  it('asks for the single-instance lock only once the data folder is set (Chromium keys the lock on it)', async () => {
    electronDouble.app.singleInstanceLock = false;
    const app = startDesktopApp(electron, {
      argv: [],
      platform: 'linux',
      env: { SOLVEWATCH_DATA_DIR: '/srv/solvewatch-staging' },
      execPath: '/x',
      homeDir: '/nonexistent',
      resourcesPath: '/nonexistent',
    });
    expect(await app.ready).toBeNull();
    expect(electronDouble.app.lockedUserData).toBe('/srv/solvewatch-staging');
  });

  it.each([
    ['linux', []],
    ['win32', []],
    ['darwin', ['appMenu', 'editMenu']],
  ] as const)('replaces the default menu (Reload, DevTools) on %s with %j', async (platform, roles) => {
    await start({ config: await oneMonitor(), platform });
    const menu = electronDouble.applicationMenu;
    expect(menu).not.toBeUndefined();
    expect(menu?.items.map((i) => i.role) ?? []).toEqual(roles);
  });

  it('registers the app:// scheme before ready and serves the renderer with the strict CSP', async () => {
    await start({ config: await oneMonitor() });
    expect(electronDouble.protocol.registeredBeforeReady).toBe(true);
    expect(electronDouble.protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    const response = await electronDouble.protocol.fetch('app://solvewatch/index.html');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('hides the Dock icon on macOS while no window is open', async () => {
    await start({ config: await oneMonitor(), platform: 'darwin' });
    const dock = electronDouble.app.dock;
    expect(dock?.isVisible()).toBe(false);
    electronDouble.tray.currentMenu.click('Open dashboard');
    expect(dock?.isVisible()).toBe(true);
    electronDouble.windows[0]?.close();
    expect(dock?.isVisible()).toBe(false);
  });

  it('sets the Windows AppUserModelID (needed for notifications there)', async () => {
    await start({ config: await oneMonitor(), platform: 'win32' });
    expect(electronDouble.app.appUserModelId).toBe(APP_USER_MODEL_ID);
  });

  it('reports resume and the OS network state to the engine', async () => {
    const { runtime, clock } = await start({ config: await oneMonitor() });
    const target = targets[0] as HttpTarget;
    electronDouble.net.online = false;
    electronDouble.powerMonitor.resume();
    await expect.poll(async () => (await runtime.engine.getState()).offline).not.toBeNull();
    electronDouble.net.online = true;
    const calls = target.calls;
    await clock.advance(15_000);
    expect((await runtime.engine.getState()).offline).toBeNull();
    await expect.poll(() => target.calls).toBeGreaterThan(calls);
  });
});

describe('desktop app: notifications', () => {
  it('shows a critical alert as a native notification that stays, and a click opens that monitor', async () => {
    const { runtime } = await start({ config: await oneMonitor(500) });
    await runtime.engine.checkNow({});
    await runtime.engine.notificationsIdle();
    const [notification] = electronDouble.notifications;
    expect(notification?.shown).toBe(true);
    expect(notification?.options).toMatchObject({
      title: expect.stringContaining('Pipeline API'),
      urgency: 'critical',
      timeoutType: 'never',
    });
    notification?.click();
    expect(windowUrls()).toEqual(['app://solvewatch/index.html#/monitors/api']);
  });

  it('says so in the host info when the system has no notifications', async () => {
    const { runtime } = await start({ config: await oneMonitor() });
    electronDouble.setNotificationsSupported(false);
    expect((await runtime.engine.getHost()).notifications.supported).toBe(false);
    await runtime.engine.sendTestNotification({ channel: 'desktop' });
    expect(electronDouble.notifications).toHaveLength(0);
  });
});

describe('desktop app: the demo', () => {
  const demoUrls = async (runtime: { engine: { getConfig(): Promise<{ monitors?: unknown[] }> } }) =>
    ((await runtime.engine.getConfig()).monitors ?? []).flatMap((m) => {
      const monitor = m as { id: string; url?: string; baseUrl?: string };
      const url = monitor.url ?? monitor.baseUrl;
      return monitor.id.startsWith('demo-') && url ? [url] : [];
    });

  it('"Quit" stops the simulated pipeline', async () => {
    const { runtime, demo, app } = await start({ argv: ['--hidden'], demo: true });
    await runtime.engine.startDemo();
    expect(demo?.running()).toBe(true);
    const urls = await demoUrls(runtime);
    expect(urls.length).toBeGreaterThan(0);
    electronDouble.tray.currentMenu.click('Quit');
    await app.stopped;
    expect(demo?.running()).toBe(false);
    for (const url of urls) await expect(fetch(url)).rejects.toThrow();
  });

  it("starts without a keychain: the demo's made-up API key is no secret to protect", async () => {
    electronDouble.safeStorage.backend = 'basic_text';
    const { runtime, demo } = await start({ argv: ['--hidden'], demo: true });
    expect((await runtime.engine.getHost()).secrets.storage).toBe('unavailable');
    const started = await runtime.engine.startDemo();
    expect(started.running).toBe(true);
    expect(demo?.running()).toBe(true);
    expect(runtime.engine.currentConfig().monitors.map((m) => m.id)).toContain('demo-balance');
  });
});

describe('desktop app: host and secrets', () => {
  it('describes itself as the desktop host with its paths', async () => {
    const { runtime, dir } = await start({ config: await oneMonitor() });
    expect(await runtime.engine.getHost()).toMatchObject({
      kind: 'desktop',
      startAtLogin: false,
      notifications: { supported: true },
      secrets: { storage: 'encrypted', backend: 'gnome_libsecret' },
      notices: [],
      paths: { settings: join(dir, 'settings.json'), data: dir },
    });
  });

  it('keeps a secret saved from the UI out of the settings file and the log, yet uses it', async () => {
    const key = 'sk-live-from-the-settings-form';
    const { runtime, dir } = await start({ config: await oneMonitor() });
    runtime.windows.open('/settings');
    const page = electronDouble.windows[0];
    if (!page) throw new Error('no window');
    electronDouble.ipcRenderer.attach(page);
    const config = await runtime.engine.getConfig();
    const monitors = [
      ...(config.monitors ?? []),
      {
        id: 'bal',
        name: 'Balance',
        type: 'balance',
        provider: 'captchaai',
        apiKey: key,
        baseUrl: 'http://127.0.0.1:9',
      },
    ];
    const saved = await electronDouble.ipcRenderer.invoke('solvewatch:saveConfig', {
      config: { ...config, monitors },
    });
    expect(saved).toEqual({ ok: true, value: { ok: true } });
    await runtime.engine.checkNow({ id: 'bal' });
    const settingsFile = readFileSync(join(dir, 'settings.json'), 'utf8');
    const logFile = readFileSync(join(dir, 'logs', 'solvewatch.log'), 'utf8');
    expect(settingsFile).toContain('"encrypted"');
    expect(settingsFile).not.toContain(key);
    expect(logFile).not.toContain(key);
    const bal = runtime.engine.currentConfig().monitors.find((m) => m.id === 'bal');
    expect(bal?.type === 'balance' && bal.apiKey).toBe(key);
  });

  it('without a real keyring, refuses to save secrets until the user allows plain text', async () => {
    electronDouble.safeStorage.backend = 'basic_text';
    const { runtime } = await start({ config: await oneMonitor() });
    const host = await runtime.engine.getHost();
    expect(host.secrets.storage).toBe('unavailable');
    expect(host.notices.map((n) => n.id)).toEqual(['secrets-unavailable']);
    const config = await runtime.engine.getConfig();
    const withKey = {
      ...config,
      monitors: [
        ...(config.monitors ?? []),
        { id: 'bal', name: 'Balance', type: 'balance', provider: 'captchaai', apiKey: 'sk-secret-1234' },
      ],
    };
    await expect(runtime.engine.saveConfig({ config: withKey })).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining('monitors[1].apiKey'),
    });
    const allowed = await runtime.engine.setHostPreferences({ allowPlainTextSecrets: true });
    expect(allowed.secrets.storage).toBe('plain-text');
    expect(allowed.notices).toEqual([]);
    await runtime.engine.saveConfig({ config: withKey });
    expect((await runtime.engine.getState()).monitors.map((m) => m.id)).toEqual(['api', 'bal']);
  });

  it('tells the user about a corrupt settings file it replaced, until dismissed', async () => {
    const first = await start({ argv: ['--hidden'] });
    await first.quit();
    const dir = first.dir;
    writeFileSync(join(dir, 'settings.json'), '{broken');
    electronDouble.reset();
    const { runtime } = await start({ dir, argv: ['--hidden'] });
    const host = await runtime.engine.getHost();
    expect(host.notices).toEqual([expect.objectContaining({ id: 'settings-recovered', level: 'error' })]);
    const after = await runtime.engine.setHostPreferences({ dismissNotice: 'settings-recovered' });
    expect(after.notices).toEqual([]);
  });
});
