import type { ElectronModules } from './electron-modules.ts';

type Session = ElectronModules['session']['defaultSession'];

/** The dashboard needs no camera, location, notifications API or anything else a page can ask for. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
