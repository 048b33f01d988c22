import { join } from 'node:path';
import type { TrayIconName } from './tray-model.ts';

export interface AppLocation {
  /** `app.getAppPath()`: the project folder in development, the app.asar inside a package. */
  appPath: string;
  isPackaged: boolean;
  /** `process.resourcesPath` of a packaged app (extraResources land there, outside the asar). */
  resourcesPath: string;
  platform: NodeJS.Platform;
}

/** The icons folder: assets/ beside package.json in development, resources/assets when packaged. */
export function assetsDir(at: AppLocation): string {
  return at.isPackaged ? join(at.resourcesPath, 'assets') : join(at.appPath, 'assets');
}

/** macOS wants monochrome template images in the menu bar; Windows renders .ico best. */
export function trayIconPath(name: TrayIconName, at: AppLocation): string {
  const file =
    at.platform === 'darwin'
      ? `tray-${name}Template.png`
      : at.platform === 'win32'
        ? `tray-${name}.ico`
        : `tray-${name}.png`;
  return join(assetsDir(at), file);
}

/** The coloured 16 px state images, beside monitor lines in the tray menu on every platform. */
export const menuIconPath = (name: TrayIconName, at: AppLocation): string =>
  join(assetsDir(at), `tray-${name}.png`);

export const rendererDir = (at: AppLocation): string => join(at.appPath, 'dist', 'renderer');
export const preloadPath = (at: AppLocation): string => join(at.appPath, 'dist', 'preload', 'preload.cjs');

/** The app icon for windows on Linux (macOS and Windows take it from the packaged app). */
export const windowIconPath = (at: AppLocation): string | undefined =>
  at.platform === 'linux' ? join(assetsDir(at), 'icon.png') : undefined;
