import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { launchChromium } from '../../support/chromium.ts';
import { type AppSession, closeAllSessions, offLoopback, openApp } from './browser-session.ts';
import { runningOutput, stopAll } from './solvewatch-process.ts';

/**
 * Hooks every browser test file shares: one Chromium per file; sessions and `solvewatch` processes
 * ended after each test, even a failed one; and the network guard checked for every session.
 */
export function chromiumPerFile(): {
  browser: () => Browser;
  open: (openUrl: string, options?: BrowserContextOptions) => Promise<AppSession>;
} {
  let browser: Browser | undefined;
  const sessions: AppSession[] = [];

  beforeAll(async () => {
    const buildError = inject('rendererBuildError');
    if (buildError) throw new Error(`vite build of the renderer failed:\n${buildError}`);
    browser = await launchChromium();
  }, 60_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') console.error(runningOutput());
    const opened = sessions.splice(0);
    await closeAllSessions();
    await stopAll();
    for (const s of opened) {
      expect(offLoopback(s), 'requests that left 127.0.0.1').toEqual([]);
      expect(s.pageErrors, 'uncaught exceptions in the page').toEqual([]);
    }
  }, 30_000);

  afterAll(async () => {
    await closeAllSessions();
    await stopAll();
    await browser?.close();
  }, 30_000);

  const current = () => {
    if (!browser) throw new Error('Chromium is not running (see the beforeAll error)');
    return browser;
  };
  return {
    browser: current,
    open: async (openUrl, options) => {
      const session = await openApp(current(), openUrl, options);
      sessions.push(session);
      return session;
    },
  };
}
