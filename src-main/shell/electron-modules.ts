import type * as electron from 'electron';

/**
 * The parts of the `electron` module the shell uses. Only main.ts imports `electron` itself and
 * passes them in, so every other shell file can be run against the test double.
 */
export type ElectronModules = Pick<
  typeof electron,
  | 'app'
  | 'BrowserWindow'
  | 'Menu'
  | 'Tray'
  | 'nativeImage'
  | 'Notification'
  | 'ipcMain'
  | 'safeStorage'
  | 'powerMonitor'
  | 'net'
  | 'nativeTheme'
  | 'protocol'
  | 'session'
  | 'shell'
>;
