import type { ElectronModules } from './electron-modules.ts';

/**
 * Replaces Electron's default menu (Reload, Toggle DevTools… behind Alt on Linux and Windows) with
 * none. macOS keeps an app and an Edit menu: there copy and paste in the window only work through
 * menu accelerators (https://www.electronjs.org/docs/latest/api/menu#main-process).
 */
export function setAppMenu(Menu: ElectronModules['Menu'], platform: NodeJS.Platform): void {
  Menu.setApplicationMenu(
    platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }]) : null,
  );
}
