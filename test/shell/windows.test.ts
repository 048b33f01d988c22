import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronDouble } from '../support/electron-double.ts';
import { desktopHarness } from './desktop-harness.ts';

const { start } = desktopHarness();

async function openPage() {
  const started = await start({ argv: ['--hidden'] });
  started.runtime.windows.open('/');
  const page = electronDouble.windows[0];
  if (!page) throw new Error('no window');
  return Object.assign(page, { started });
}

describe('the dashboard window', () => {
  it('is sandboxed, isolated, without Node, and loads our preload', async () => {
    const page = await openPage();
    expect(page.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: true,
      preload: expect.stringMatching(/dist[/\\]preload[/\\]preload\.cjs$/),
    });
    expect(page.url).toBe('app://solvewatch/index.html#/');
  });

  it('has no developer tools in a packaged app', async () => {
    electronDouble.app.isPackaged = true;
    const page = await openPage();
    expect(page.options.webPreferences).toMatchObject({ devTools: false });
  });

  it('switches route in-page when the shell opens another view, without reloading', async () => {
    const page = await openPage();
    const inPage: string[] = [];
    page.webContents.on('did-navigate-in-page', (_event, url: string) => inPage.push(url));
    let reloads = 0;
    page.on('ready-to-show', () => reloads++);
    page.started.runtime.windows.open('/settings');
    await Promise.resolve();
    expect(inPage).toEqual(['app://solvewatch/index.html#/settings']);
    expect(reloads).toBe(0);
    expect(electronDouble.allWindowsEverCreated).toHaveLength(1);
  });

  it('logs a load that was cut short rather than leaving its rejection unhandled', async () => {
    const page = await openPage();
    page.failLoadsWith = 'ERR_ABORTED (-3)';
    page.started.runtime.windows.open('/settings');
    await new Promise((resolve) => setImmediate(resolve));
    const log = readFileSync(join(page.started.dir, 'logs', 'solvewatch.log'), 'utf8');
    expect(log).toContain('ERR_ABORTED');
  });

  it('may change its route but never navigate away', async () => {
    const page = await openPage();
    expect(page.webContents.navigate('app://solvewatch/index.html#/settings')).toBe(true);
    expect(page.webContents.navigate('https://evil.example/')).toBe(false);
    expect(page.webContents.navigate('app://solvewatch/other.html')).toBe(false);
    expect(page.webContents.navigate('file:///etc/passwd')).toBe(false);
    expect(page.url).toBe('app://solvewatch/index.html#/settings');
  });

  it('opens no windows; http(s) links the user opens go to the browser, anything else nowhere', async () => {
    const page = await openPage();
    expect(page.webContents.openWindow('https://captchaai.com/dashboard')).toBe('deny');
    expect(page.webContents.openWindow('https://docs.example/', { disposition: 'background-tab' })).toBe(
      'deny',
    );
    expect(page.webContents.openWindow('file:///etc/passwd')).toBe('deny');
    expect(page.webContents.openWindow('javascript:alert(1)')).toBe('deny');
    expect(electronDouble.shell.opened).toEqual(['https://captchaai.com/dashboard', 'https://docs.example/']);
    expect(electronDouble.allWindowsEverCreated).toHaveLength(1);
  });

  it.each([
    ['a popup (window.open with features)', { disposition: 'new-window', features: 'width=600,height=400' }],
    ['a shift-click or scripted new window', { disposition: 'new-window', features: '' }],
    ['a navigation of no known kind', { disposition: 'other', features: '' }],
    ['a tab with popup features', { disposition: 'foreground-tab', features: 'popup' }],
  ] as const)('does not hand %s to the browser', async (_, how) => {
    const page = await openPage();
    expect(page.webContents.openWindow('https://phish.example/', how)).toBe('deny');
    expect(electronDouble.shell.opened).toEqual([]);
  });

  it('gets no permission a page can ask for', async () => {
    await openPage();
    const session = electronDouble.session;
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(await session.requestPermission(permission)).toBe(false);
      expect(session.checkPermission(permission, 'app://solvewatch')).toBe(false);
    }
  });
});
