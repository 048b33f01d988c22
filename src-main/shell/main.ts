import { homedir } from 'node:os';
import * as electron from 'electron';
import { createDemo } from '../demo/demo-pipeline.ts';
import { startDesktopApp } from './desktop-app.ts';

// The only module that imports `electron`: everything else gets it passed in.
startDesktopApp(electron, {
  argv: process.argv,
  platform: process.platform,
  env: process.env,
  execPath: process.execPath,
  homeDir: homedir(),
  resourcesPath: process.resourcesPath ?? '',
  createDemo: (log) => createDemo({ log }),
  ...(!electron.app.isPackaged && { echo: (line: string) => console.log(line) }),
});

// Ctrl+C in the terminal of `npm start`, or a service manager stopping us: quit cleanly (history flushed).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => electron.app.quit());
