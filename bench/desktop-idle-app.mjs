// Child of bench/desktop-idle.ts: runs the built desktop main process (dist/main/electron.js) under
// Node, with the electron test double in place of Electron, and reports once the tray is up.
import { electronDouble } from '../test/support/electron-double.ts';

const [bundle, userData, appPath] = process.argv.slice(2);
electronDouble.app.setPath('userData', userData);
electronDouble.app.appPath = appPath;
await import(bundle);
while (!electronDouble.trays[0]?.menu) await new Promise((r) => setTimeout(r, 20));
process.send?.({ ready: true });
process.on('message', () => {
  process.send?.({
    windows: electronDouble.windows.filter((w) => !w.isDestroyed()).length,
    tooltip: electronDouble.trays[0]?.tooltip ?? null,
  });
});
