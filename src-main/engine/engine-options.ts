import type { DatabaseSync } from 'node:sqlite';
import type { Clock } from './clock.ts';
import type { SettingsStore } from './config/config-file.ts';
import type { History } from './history/history.ts';
import type { DemoPort } from './host/demo-port.ts';
import type { HostPort } from './host/host-port.ts';
import type { DesktopPort } from './notify/desktop.ts';

/** The ports the app hands the engine; everything but settings and history has a headless default. */
export interface EngineOptions {
  settings: SettingsStore;
  history: History;
  /** The history file's connection (openDatabase), shared by the outbox and the saved engine state. */
  database: DatabaseSync;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  random?: () => number;
  log?: (line: string) => void;
  /** Native notifications (the desktop shell); headless mode logs them. */
  desktop?: DesktopPort;
  /** The app around the engine; defaults to a headless host. */
  host?: HostPort;
  /** The simulated pipeline behind "Try the demo"; absent where the demo is not shipped. */
  demo?: DemoPort;
}
