import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConfigInput, ConfigSchema } from '../../../src-main/api/config-schema.ts';
import { checkDetail, checkWords } from '../../../src-main/api/plain-words.ts';
import { ConfigFile } from '../../../src-main/engine/config/config-file.ts';
import { Engine } from '../../../src-main/engine/engine.ts';
import type { DesktopMessage } from '../../../src-main/engine/notify/desktop.ts';
import { startFakeCallbackHealth } from '../../../src-main/fakes/callback-health-server.ts';
import { startFakeCaptchaAi } from '../../../src-main/fakes/captchaai-server.ts';
import { startFakeDiscord } from '../../../src-main/fakes/discord-server.ts';
import { startHttpTarget } from '../../../src-main/fakes/http-target.ts';
import { trayModel } from '../../../src-main/shell/tray-model.ts';
import { openHistoryDatabase } from '../../support/history-database.ts';
import { temporaryDirs } from '../../support/temp-dir.ts';

const KEY = 'solver-key-0123456789';
const tempDir = temporaryDirs();
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Embed = { description?: string; fields?: Array<{ name: string; value: string }> };

describe('plain words on every surface', () => {
  it('tells a low balance, an HTTP 500 and an error-rate spike without a [PLACEHOLDER] outside the details', async () => {
    const discord = await startFakeDiscord();
    const captcha = await startFakeCaptchaAi();
    captcha.validKeys.add(KEY);
    captcha.setBalance(2.79);
    const api = await startHttpTarget({ status: 500 });
    const health = await startFakeCallbackHealth({
      metrics: { total_received: 3141, total_errors: 377 },
    });
    cleanups.push(
      () => discord.close(),
      () => captcha.close(),
      () => api.close(),
      () => health.close(),
    );
    const config: ConfigInput = {
      monitors: [
        {
          id: 'solver',
          name: 'Solver',
          type: 'balance',
          provider: 'captchaai',
          baseUrl: captcha.url,
          apiKey: KEY,
          intervalSeconds: 3600,
        },
        { id: 'api', name: 'API', type: 'http', url: api.url, intervalSeconds: 3600 },
        {
          id: 'callbacks',
          name: 'Callbacks',
          type: 'callback-health',
          url: health.url,
          intervalSeconds: 3600,
        },
      ],
      alerts: { failThreshold: 1 },
      notifications: {
        groupWindowSeconds: 0,
        dailySummaryAt: null,
        discord: { webhookUrl: discord.webhookUrl() },
      },
    };
    const dir = tempDir();
    const { history, db, close } = openHistoryDatabase(join(dir, 'history.sqlite'));
    const desktop: DesktopMessage[] = [];
    const engine = new Engine(ConfigSchema.parse(config), {
      settings: new ConfigFile(join(dir, 'config.json')),
      history,
      database: db,
      env: {},
      desktop: { show: (m) => void desktop.push(m) },
    });
    cleanups.push(close, () => engine.stop());
    engine.start();
    for (const id of ['solver', 'api', 'callbacks']) await engine.checkNow({ id });
    await engine.notificationsIdle();

    const state = await engine.getState({});
    const words = Object.fromEntries(state.monitors.map((m) => [m.id, checkWords(m, 'en-US')]));
    expect(words).toEqual({
      solver: 'Balance $2.79 — below the $10.00 warning',
      api: 'HTTP 500 (expected 2xx)',
      callbacks: 'Error rate 12 % of 3,141 callbacks — above 5 %',
    });
    // The condition stays available as the detail.
    expect(checkDetail(state.monitors.find((m) => m.id === 'solver') ?? { breached: [] })).toBe(
      '[BALANCE] (2.79) < 10',
    );

    const alerts = await engine.getAlerts({});
    const tray = trayModel(state, { startAtLogin: null, locale: 'en-US', timeZone: 'UTC' });
    const embeds = discord.received.flatMap((r) => (r.body as { embeds: Embed[] }).embeds);
    const surfaces = [
      ...Object.values(words),
      ...alerts.firing.map((a) => a.summary),
      ...alerts.transitions.map((t) => t.message),
      ...tray.menu.flatMap((i) => ('label' in i ? [i.label] : [])),
      tray.tooltip,
      ...desktop.flatMap((m) => [m.title, m.body]),
      ...embeds.map((e) => e.description ?? ''),
    ];
    expect(alerts.transitions).toHaveLength(3);
    expect(desktop.length).toBeGreaterThan(0);
    expect(embeds).toHaveLength(3);
    for (const text of surfaces) expect(text).not.toMatch(/\[[A-Z_]+\]/);
    // Discord keeps the resolved condition as a code line.
    const conditions = embeds.flatMap((e) => e.fields ?? []).filter((f) => f.name === 'Condition');
    expect(conditions.map((f) => f.value)).toContain('`[BALANCE] (2.79) < 10`');
  });
});
