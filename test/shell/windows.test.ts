import { describe, expect, it } from 'vitest';
import { electronDouble } from '../support/electron-double.ts';
import { desktopHarness } from './desktop-harness.ts';

const { start } = desktopHarness();

async function openPage() {
  const { runtime } = await start({ argv: ['--hidden'] });
  runtime.windows.open('/');
  const page = electronDouble.windows[0];
  if (!page) throw new Error('no window');
  return page;
}

describe('the dashboard window', () => {
  it('is sandboxed, isolated, without Node, and loads our preload', async () => {
    const page = await openPage();
    expect(page.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: expect.stringMatching(/dist[/\\]preload[/\\]preload\.cjs$/),
    });
    expect(page.url).toBe('app://solvewatch/index.html#/');
  });

  it('may change its route but never navigate away', async () => {
    const page = await openPage();
    expect(page.webContents.navigate('app://solvewatch/index.html#/settings')).toBe(true);
    expect(page.webContents.navigate('https://evil.example/')).toBe(false);
    expect(page.webContents.navigate('app://solvewatch/other.html')).toBe(false);
    expect(page.webContents.navigate('file:///etc/passwd')).toBe(false);
    expect(page.url).toBe('app://solvewatch/index.html#/settings');
  });

  it('opens no windows; http(s) links go to the browser, anything else nowhere', async () => {
    const page = await openPage();
    expect(page.webContents.openWindow('https://captchaai.com/dashboard')).toBe('deny');
    expect(page.webContents.openWindow('file:///etc/passwd')).toBe('deny');
    expect(page.webContents.openWindow('javascript:alert(1)')).toBe('deny');
    expect(electronDouble.shell.opened).toEqual(['https://captchaai.com/dashboard']);
    expect(electronDouble.allWindowsEverCreated).toHaveLength(1);
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
