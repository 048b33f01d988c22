import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Clock, systemClock, type TimerHandle } from '../engine/clock.ts';
import { secretValues } from '../engine/config/secret-masking.ts';
import { Engine } from '../engine/engine.ts';
import { createHistory, type History } from '../engine/history/history.ts';
import { closeDatabase, openDatabase } from '../engine/history/open-database.ts';
import type { DemoPort } from '../engine/host/demo-port.ts';
import { boundHeapGrowth } from '../process/heap-growth.ts';
import { lockHistory } from '../process/history-lock.ts';
import { installLastResortHandlers } from '../process/last-resort-handlers.ts';
import { watchParent } from '../process/parent-watch.ts';
import { setAppMenu } from './app-menu.ts';
import { APP_ORIGIN, handleAppProtocol, registerAppScheme, START_URL } from './app-protocol.ts';
import {
  type AppLocation,
  menuIconPath,
  preloadPath,
  rendererDir,
  trayIconPath,
  windowIconPath,
} from './asset-paths.ts';
import { desktopHost } from './desktop-host.ts';
import { DesktopListener } from './desktop-listener.ts';
import { desktopNotifications } from './desktop-notifications.ts';
import { DesktopSettings } from './desktop-settings.ts';
import type { ElectronModules } from './electron-modules.ts';
import { registerIpc } from './ipc.ts';
import { openLogFile } from './log-file.ts';
import { createLoginItem, type LoginItem, startsAtLogin } from './login-item.ts';
import { denyAllPermissions } from './permissions.ts';
import { watchPowerAndNetwork } from './power-events.ts';
import { detectSecretStorage } from './secret-storage.ts';
import { AppTray } from './tray.ts';
import { monitorRoute, runTrayAction } from './tray-actions.ts';
import { Windows } from './windows.ts';

export const APP_USER_MODEL_ID = 'dev.solvewatch.app';

export interface DesktopAppOptions {
  argv: readonly string[];
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  execPath: string;
  homeDir: string;
  /** `process.resourcesPath` (icons of a packaged app live there). */
  resourcesPath: string;
  clock?: Clock;
  /** The simulated pipeline behind "Try the demo"; it logs to the app's log. */
  createDemo?: (log: (line: string) => void) => DemoPort;
  /** Also echo log lines here (the terminal in development). */
  echo?: (line: string) => void;
  /** How long Quit waits for queued notifications to go out. */
  quitGraceMs?: number;
}

/** The running parts, for the shell's own use and for tests. */
export interface DesktopRuntime {
  engine: Engine;
  history: History;
  settings: DesktopSettings;
  windows: Windows;
  tray: AppTray;
  loginItem: LoginItem | null;
}

export interface DesktopApp {
  /** The running app once `ready` has been handled; null when another instance already runs. */
  ready: Promise<DesktopRuntime | null>;
  /** Resolves when the engine has stopped and history is flushed (after Quit, or any OS quit). */
  stopped: Promise<void>;
}

/**
 * The desktop app: a tray icon around the engine, a window on demand, native notifications, settings
 * in electron-store. Every decision stays in the engine and the pure tray model; this only wires
 * Electron's events to them. `electron` is passed in (main.ts), so tests run it against a double.
 */
export function startDesktopApp(electron: ElectronModules, options: DesktopAppOptions): DesktopApp {
  const { app } = electron;
  // Chromium keys the single-instance lock on the userData folder: a separate data folder is a separate app.
  if (options.env.SOLVEWATCH_DATA_DIR) app.setPath('userData', options.env.SOLVEWATCH_DATA_DIR);
  if (!app.requestSingleInstanceLock()) {
    // The running instance gets `second-instance` and shows its window.
    app.quit();
    return { ready: Promise.resolve(null), stopped: Promise.resolve() };
  }
  const clock = options.clock ?? systemClock;
  if (options.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  registerAppScheme(electron.protocol);

  let stopParts: (() => Promise<void>) | null = null;
  const ready = app.whenReady().then(async () => {
    const started = await compose(electron, options, clock);
    stopParts = started.stop;
    return started.runtime;
  });
  ready.catch((err: Error) => {
    process.stderr.write(`Solvewatch could not start: ${err.message}\n`);
    app.exit(1);
  });

  // Staying alive in the tray is the point: closing the last window must not quit.
  app.on('window-all-closed', () => {});
  const showWindow = () => {
    ready.then((rt) => rt?.windows.focus()).catch(() => {});
  };
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);

  let resolveStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve;
  });
  let stopping: Promise<void> | null = null;
  let done = false;
  app.on('before-quit', (event) => {
    if (done) return;
    event.preventDefault();
    if (stopping) return;
    stopping = ready
      .catch(() => null)
      .then(() => stopParts?.())
      .catch((err: Error) => {
        process.stderr.write(`Solvewatch did not stop cleanly: ${err.message}\n`);
      })
      .finally(() => {
        done = true;
        resolveStopped();
        app.quit();
      });
  });

  return { ready, stopped };
}

async function compose(
  electron: ElectronModules,
  options: DesktopAppOptions,
  clock: Clock,
): Promise<{ runtime: DesktopRuntime; stop: () => Promise<void> }> {
  const { app } = electron;
  const { platform } = options;
  const userData = app.getPath('userData');
  mkdirSync(userData, { recursive: true, mode: 0o700 });
  let secretsNow: () => readonly string[] = () => [];
  const logFile = openLogFile(join(userData, 'logs', 'solvewatch.log'), {
    now: () => clock.now(),
    secrets: () => secretsNow(),
  });
  const log = (line: string) => {
    logFile.write(line);
    options.echo?.(line);
  };
  const historyPath = join(userData, 'history.sqlite');
  // A `solvewatch serve --data-dir` on this folder would be a second writer: the start fails naming it.
  const historyLock = lockHistory(historyPath);
  boundHeapGrowth();
  const removeLastResort = installLastResortHandlers({
    log,
    secrets: () => secretsNow(),
    exit: () => app.quit(),
  });
  // `npm start`: when the launcher (bin/desktop.js) is killed, quit rather than linger in the tray.
  const stopParentWatch = watchParent(options.env, () => {
    log('the process that started Solvewatch is gone: quitting');
    app.quit();
  });

  const secrets = await detectSecretStorage(electron.safeStorage, platform);
  const settings = await DesktopSettings.open({ dir: userData, secrets, now: () => clock.now(), log });
  const loaded = settings.load();
  if (!loaded.ok) throw new Error('settings did not load');
  // A corrupt file is kept aside and logged by openDatabase; its notice stays in the window.
  const { db, notice: historyNotice } = openDatabase(historyPath, { now: () => clock.now(), log });
  const history = createHistory(db, { flushIntervalMs: 5000, log });

  // Before any window exists: the file picker and the page take the chosen scheme from the start (desktop-host.ts).
  electron.nativeTheme.themeSource = settings.colorScheme;
  const at: AppLocation = {
    appPath: app.getAppPath(),
    isPackaged: app.isPackaged,
    resourcesPath: options.resourcesPath,
    platform,
  };
  const windows = new Windows({
    BrowserWindow: electron.BrowserWindow,
    shell: electron.shell,
    dock: platform === 'darwin' ? app.dock : undefined,
    preloadPath: preloadPath(at),
    icon: windowIconPath(at),
    startUrl: START_URL,
    devTools: !app.isPackaged,
    log,
  });
  const loginItem = createLoginItem({
    app,
    platform,
    env: options.env,
    execPath: options.execPath,
    homeDir: options.homeDir,
  });

  let refreshTray = () => {};
  // The engine is built below; the listener only reaches it once started, after that.
  const listener: DesktopListener = new DesktopListener(
    {
      recordHeartbeat: (id, token, signal) => engine.recordHeartbeat(id, token, signal),
      get pipelineEvents(): Engine['pipelineEvents'] {
        return engine.pipelineEvents;
      },
    },
    log,
  );
  const applyListener = (): Promise<void> => listener.apply(engine.currentConfig(), settings.listener);
  const demo = options.createDemo?.(log);
  const engine: Engine = new Engine(loaded.config, {
    settings,
    history,
    database: db,
    clock,
    env: options.env,
    log,
    desktop: desktopNotifications({
      Notification: electron.Notification,
      onClick: (id) => windows.open(id === null ? '/' : monitorRoute(id)),
      log,
    }),
    host: desktopHost({
      settings,
      secrets,
      loginItem,
      notificationsSupported: () => electron.Notification.isSupported(),
      paths: { settings: settings.path, data: userData },
      historyNotice,
      nativeTheme: electron.nativeTheme,
      onChange: () => refreshTray(),
      listener: { info: () => listener.info(), reconfigure: applyListener },
    }),
    ...(demo && { demo }),
  });
  secretsNow = () =>
    secretValues(engine.currentConfig(), (s) =>
      typeof s === 'string' ? s : 'env' in s ? (options.env[s.env] ?? null) : null,
    );

  setAppMenu(electron.Menu, platform);
  handleAppProtocol(electron.protocol, rendererDir(at));
  denyAllPermissions(electron.session.defaultSession);
  const disposeIpc = registerIpc({
    ipcMain: electron.ipcMain,
    api: engine,
    isOurWindow: (contents) => windows.owns(contents),
    origin: APP_ORIGIN,
    log,
  });
  engine.start();
  await applyListener();
  const unsubscribeListener = engine.subscribe((event) => {
    if (event.type === 'snapshot') void applyListener();
  });

  const tray = new AppTray({
    Tray: electron.Tray,
    Menu: electron.Menu,
    nativeImage: electron.nativeImage,
    iconPath: (name) => trayIconPath(name, at),
    menuIconPath: (name) => menuIconPath(name, at),
    platform,
    locale: app.getLocale(),
    state: () => engine.getState(),
    startAtLogin: () => startsAtLogin(loginItem),
    onAction: (action) =>
      runTrayAction(action, {
        engine,
        openWindow: (route) => windows.open(route),
        loginItem,
        quit: () => app.quit(),
        refresh: () => tray.refresh(),
        log,
      }),
    clock,
    log,
  });
  refreshTray = () => tray.refresh();
  await tray.render();
  const unsubscribe = engine.subscribe(() => tray.refresh());
  const stopWatching = watchPowerAndNetwork({
    powerMonitor: electron.powerMonitor,
    net: electron.net,
    engine,
    clock,
    log,
  });

  const firstRun = loaded.config.monitors.length === 0;
  // macOS ignores login-item arguments: there `wasOpenedAtLogin` tells a login start.
  const atLogin =
    options.argv.includes('--hidden') ||
    (platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  if (firstRun && !atLogin) windows.open('/');
  log(`Solvewatch started: ${loaded.config.monitors.length} monitors, data in ${userData}`);

  const stop = async () => {
    unsubscribe();
    unsubscribeListener();
    await listener.stop();
    stopWatching();
    tray.destroy();
    windows.closeAll();
    disposeIpc();
    // Alerts already decided go out if they can within the grace period; the outbox keeps the rest.
    let grace: TimerHandle | null = null;
    await Promise.race([
      engine.notificationsIdle().catch((err: Error) => log(`notifications at quit: ${err.message}`)),
      new Promise<void>((resolve) => {
        grace = clock.setTimeout(resolve, options.quitGraceMs ?? 3000);
      }),
    ]);
    if (grace) clock.clearTimeout(grace);
    try {
      await engine.stop();
    } finally {
      await demo?.stop();
      history.close();
      closeDatabase(db);
      historyLock.release();
    }
    stopParentWatch();
    log('Solvewatch stopped');
    removeLastResort();
  };
  return { runtime: { engine, history, settings, windows, tray, loginItem }, stop };
}
