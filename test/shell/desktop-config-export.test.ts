import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../src-main/api/config-schema.ts';
import {
  FAKE_CAPTCHAAI_KEY,
  type FakeCaptchaAi,
  startFakeCaptchaAi,
} from '../../src-main/fakes/captchaai-server.ts';
import { type FakeDiscord, startFakeDiscord } from '../../src-main/fakes/discord-server.ts';
import type { DesktopRuntime } from '../../src-main/shell/desktop-app.ts';
import { exportConfig } from '../../src-renderer/pages/settings/config-export.ts';
import { electronDouble } from '../support/electron-double.ts';
import { desktopHarness } from './desktop-harness.ts';

const { start, tempDir } = desktopHarness();

const fakes: Array<FakeCaptchaAi | FakeDiscord> = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

const BEAT_TOKEN = 'beat-token-0123456789';

/** The page of the app's window, calling the API over IPC as the renderer does. */
function windowPage(runtime: DesktopRuntime) {
  const page = runtime.windows.open('/settings/import-export');
  electronDouble.ipcRenderer.attach(page as never);
  return (name: string, input: unknown = {}) =>
    electronDouble.ipcRenderer.invoke(`solvewatch:${name}`, input) as Promise<
      { ok: true; value: unknown } | { ok: false; error: { status: number; message: string } }
    >;
}

describe('desktop app: a config exported with its secret values', () => {
  it('holds the values, and imported on another computer the monitors and channels work with them', async () => {
    const solver = await startFakeCaptchaAi();
    const discord = await startFakeDiscord();
    fakes.push(solver, discord);
    const webhookUrl = discord.webhookUrl();
    const config: ConfigInput = {
      monitors: [
        {
          id: 'bal',
          name: 'Solver balance',
          type: 'balance',
          provider: 'captchaai',
          baseUrl: solver.url,
          apiKey: FAKE_CAPTCHAAI_KEY,
          intervalSeconds: 3600,
        },
        { id: 'beat', name: 'Worker', type: 'heartbeat', periodSeconds: 3600, token: BEAT_TOKEN },
      ],
      notifications: { groupWindowSeconds: 0, dailySummaryAt: null, discord: { webhookUrl } },
    };
    const first = await start({ config, argv: ['--hidden'] });
    const call = windowPage(first.runtime);

    // The payload is validated: without the user's confirmation nothing is handed out.
    expect(await call('exportConfigWithSecrets', {})).toMatchObject({ ok: false, error: { status: 400 } });
    const exported = await call('exportConfigWithSecrets', { confirmed: true });
    if (!exported.ok) throw new Error(exported.error.message);
    const file = join(tempDir(), 'solvewatch-config.json');
    writeFileSync(file, JSON.stringify(exportConfig(exported.value as ConfigInput, false), null, 2));
    const text = readFileSync(file, 'utf8');
    for (const secret of [FAKE_CAPTCHAAI_KEY, webhookUrl, BEAT_TOKEN]) expect(text).toContain(secret);
    await first.quit();
    expect(readFileSync(join(first.dir, 'logs', 'solvewatch.log'), 'utf8')).not.toContain(FAKE_CAPTCHAAI_KEY);

    electronDouble.reset();
    const second = await start({ argv: ['--hidden'] });
    const import_ = windowPage(second.runtime);
    const parsed = JSON.parse(text) as unknown;
    expect(await import_('validateConfig', { config: parsed })).toEqual({ ok: true, value: { ok: true } });
    expect(await import_('saveConfig', { config: parsed })).toEqual({ ok: true, value: { ok: true } });

    await second.runtime.engine.checkNow({ id: 'bal' });
    const balance = (await second.runtime.engine.getState()).monitors.find((m) => m.id === 'bal');
    expect(balance).toMatchObject({ state: 'ok', value: 25.5 });
    expect(second.runtime.engine.recordHeartbeat('beat', BEAT_TOKEN)).toBe('recorded');
    expect(await second.runtime.engine.sendTestNotification({ channel: 'discord' })).toMatchObject({
      outcome: 'delivered',
    });
    expect(discord.received).toHaveLength(1);
    // Restored on the new computer, the secrets are sealed by its keychain again.
    const settingsFile = readFileSync(join(second.dir, 'settings.json'), 'utf8');
    expect(settingsFile).not.toContain(FAKE_CAPTCHAAI_KEY);
    expect(settingsFile).not.toContain(BEAT_TOKEN);
  });

  it('the ordinary config the window reads holds none of them', async () => {
    const solver = await startFakeCaptchaAi();
    fakes.push(solver);
    const { runtime } = await start({
      argv: ['--hidden'],
      config: {
        monitors: [
          {
            id: 'bal',
            type: 'balance',
            provider: 'captchaai',
            baseUrl: solver.url,
            apiKey: FAKE_CAPTCHAAI_KEY,
          },
        ],
      },
    });
    const call = windowPage(runtime);
    const host = await call('getHost');
    expect(host).toMatchObject({ ok: true, value: { kind: 'desktop', secretExport: true } });
    expect(JSON.stringify(await call('getConfig'))).not.toContain(FAKE_CAPTCHAAI_KEY);
  });
});
