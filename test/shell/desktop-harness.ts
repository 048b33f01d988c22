import { afterEach, beforeEach } from 'vitest';
import { type ConfigInput, ConfigSchema } from '../../src-main/api/config-schema.ts';
import { createDemo } from '../../src-main/demo/demo-pipeline.ts';
import type { DemoPort } from '../../src-main/engine/host/demo-port.ts';
import { type DesktopApp, type DesktopRuntime, startDesktopApp } from '../../src-main/shell/desktop-app.ts';
import { DesktopSettings } from '../../src-main/shell/desktop-settings.ts';
import type { ElectronModules } from '../../src-main/shell/electron-modules.ts';
import { detectSecretStorage } from '../../src-main/shell/secret-storage.ts';
import electronModule, { electronDouble } from '../support/electron-double.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

export const electron = electronModule as unknown as ElectronModules;

export interface StartedApp {
  app: DesktopApp;
  runtime: DesktopRuntime;
  clock: ManualClock;
  dir: string;
  /** The demo pipeline the app was given (with `demo: true`). */
  demo: DemoPort | null;
  /** Quits like the tray's Quit item would and waits for the engine to stop. */
  quit(): Promise<void>;
}

export interface StartOptions {
  /** Written to the settings store before the app starts (secrets sealed as the app would). */
  config?: ConfigInput;
  argv?: string[];
  platform?: NodeJS.Platform;
  /** Reuse a data folder (a restart). */
  dir?: string;
  /** Ship the real simulated pipeline ("Try the demo"), on the app's clock. */
  demo?: boolean;
  /** The inbound listener's port; 0 (any free port) unless given. */
  listenerPort?: number;
}

/**
 * Starts the desktop app against the electron double with a temp userData folder and a manual
 * clock; every app started here is quit after the test.
 */
export function desktopHarness() {
  const tempDir = temporaryDirs();
  const started: StartedApp[] = [];
  beforeEach(() => electronDouble.reset());
  afterEach(async () => {
    for (const s of started.splice(0)) await s.quit();
  });

  async function start(options: StartOptions = {}): Promise<StartedApp> {
    const dir = options.dir ?? tempDir();
    electronDouble.app.setPath('userData', dir);
    if (options.config || options.demo) {
      const secrets = await detectSecretStorage(electron.safeStorage, 'linux');
      const settings = await DesktopSettings.open({ dir, secrets });
      if (options.config) await settings.save(ConfigSchema.parse(options.config));
      // Tests run side by side: a heartbeat or pipeline monitor's listener takes a free port, not 7420.
      await settings.setPreferences({ listenerPort: options.listenerPort ?? 0 });
    }
    const clock = new ManualClock(Date.now());
    let demo: DemoPort | null = null;
    const app = startDesktopApp(electron, {
      argv: ['/opt/Solvewatch/solvewatch', ...(options.argv ?? [])],
      platform: options.platform ?? 'linux',
      env: { HOME: dir, XDG_CONFIG_HOME: dir },
      execPath: '/opt/Solvewatch/solvewatch',
      homeDir: dir,
      resourcesPath: dir,
      clock,
      quitGraceMs: 1000,
      ...(options.demo && {
        createDemo: (log: (line: string) => void) => {
          demo = createDemo({ clock, log });
          return demo;
        },
      }),
    });
    const runtime = await app.ready;
    if (!runtime) throw new Error('the app did not start');
    let quitting: Promise<void> | null = null;
    const handle: StartedApp = {
      app,
      runtime,
      clock,
      dir,
      demo,
      quit: () => {
        quitting ??= (async () => {
          electronDouble.app.quit();
          await app.stopped;
        })();
        return quitting;
      },
    };
    started.push(handle);
    return handle;
  }

  return { start, tempDir };
}

const TRAY_THROTTLE_MS = 1600;

/** Lets the tray's throttled rebuild run. */
export async function settleTray(clock: ManualClock): Promise<void> {
  await clock.advance(TRAY_THROTTLE_MS);
  await new Promise((resolve) => setImmediate(resolve));
}
