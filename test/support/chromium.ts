import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where Chromium or Chrome usually lives; `CHROMIUM_PATH` wins over all of them. */
const KNOWN_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The browser the end-to-end tests drive; throws (so the tests fail, not skip) when none is installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, knownPaths = KNOWN_PATHS): string {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to "${fromEnv}", but no such file exists`);
  }
  const found = knownPaths.find((path) => existsSync(path));
  if (found) return found;
  throw new Error(
    `No Chromium or Chrome found (looked in ${knownPaths.join(', ')}). ` +
      'Install one with `sudo apt-get install chromium` (Debian/Ubuntu), ' +
      'or set CHROMIUM_PATH to the browser executable.',
  );
}

/** A headless Chromium with a fresh profile that stays off the network on its own account. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: LAUNCH_ARGS });
}
