// Child process of built-bundles.test.ts: starts the built dist/main/electron.js against the electron
// double and prints what the app did, as one JSON line after "RESULT ".
import { electronDouble } from '../support/electron-double.ts';

const [bundle, userData, appPath] = process.argv.slice(2);
electronDouble.app.setPath('userData', userData);
electronDouble.app.appPath = appPath;

await import(bundle);
const deadline = Date.now() + 10_000;
while (!electronDouble.trays[0]?.menu && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
const tray = electronDouble.trays[0];
const result = {
  tray: tray
    ? { tooltip: tray.tooltip, labels: tray.currentMenu.allItems().map((i) => i.label ?? i.type) }
    : null,
  privileged: electronDouble.protocol.privileged.map((p) => p.scheme),
  registeredBeforeReady: electronDouble.protocol.registeredBeforeReady,
  channels: [...electronDouble.ipcMain.handlers.keys()],
  windows: electronDouble.windows.map((w) => w.url),
};
electronDouble.app.quit();
while (!electronDouble.app.quitted && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
result.quitted = electronDouble.app.quitted;
result.trayDestroyed = tray?.destroyed ?? null;
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
process.exit(0);
