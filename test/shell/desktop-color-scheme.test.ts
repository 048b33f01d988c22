import { describe, expect, it } from 'vitest';
import { electronDouble } from '../support/electron-double.ts';
import { desktopHarness } from './desktop-harness.ts';

const { start } = desktopHarness();

describe('desktop app: the colour scheme of native dialogs', () => {
  it('follows the system until the user chooses one', async () => {
    electronDouble.nativeTheme.systemDark = true;
    const { runtime } = await start({ argv: ['--hidden'] });
    expect(electronDouble.nativeTheme.themeSource).toBe('system');
    expect(electronDouble.nativeTheme.shouldUseDarkColors).toBe(true);
    expect(await runtime.engine.getHost()).toMatchObject({ colorScheme: 'system' });
  });

  it('applies the scheme chosen in the window to the file picker at once, and again after a restart', async () => {
    const first = await start({ argv: ['--hidden'] });
    const page = first.runtime.windows.open('/settings/general');
    electronDouble.ipcRenderer.attach(page as never);
    const chosen = await electronDouble.ipcRenderer.invoke('solvewatch:setHostPreferences', {
      colorScheme: 'dark',
    });
    expect(chosen).toMatchObject({ ok: true, value: { colorScheme: 'dark' } });
    expect(electronDouble.nativeTheme.themeSource).toBe('dark');
    expect(electronDouble.nativeTheme.shouldUseDarkColors).toBe(true);
    // The payload is validated: no scheme Electron would not take reaches it.
    const refused = await electronDouble.ipcRenderer.invoke('solvewatch:setHostPreferences', {
      colorScheme: 'sepia',
    });
    expect(refused).toMatchObject({ ok: false, error: { status: 400 } });
    expect(electronDouble.nativeTheme.themeSource).toBe('dark');
    await first.quit();

    electronDouble.reset();
    const second = await start({ dir: first.dir, argv: ['--hidden'] });
    expect(electronDouble.nativeTheme.themeSource).toBe('dark');
    await second.runtime.engine.setHostPreferences({ colorScheme: 'light' });
    expect(electronDouble.nativeTheme.themeSource).toBe('light');
    expect(electronDouble.nativeTheme.shouldUseDarkColors).toBe(false);
  });
});
