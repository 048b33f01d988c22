import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ConfigInput, ConfigSchema } from '../../../src-main/api/config-schema.ts';
import { ConfigFile } from '../../../src-main/engine/config/config-file.ts';
import { Engine } from '../../../src-main/engine/engine.ts';
import { startFakeCaptchaAi } from '../../../src-main/fakes/captchaai-server.ts';
import { startFakeDiscord } from '../../../src-main/fakes/discord-server.ts';
import { openHistoryDatabase } from '../../support/history-database.ts';
import { ManualClock } from '../../support/manual-clock.ts';
import { temporaryDirs } from '../../support/temp-dir.ts';

const KEY = 'solver-key-0123456789';
const tempDir = temporaryDirs();
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const START = Date.parse('2026-03-08T03:05:00Z'); // a Sunday
const iso = (ms: number) => new Date(ms).toISOString();

async function setup(maintenance: ConfigInput['maintenance'], clock = new ManualClock(START)) {
  const discord = await startFakeDiscord();
  const captcha = await startFakeCaptchaAi();
  captcha.validKeys.add(KEY);
  captcha.setBalance(40);
  cleanups.push(
    () => discord.close(),
    () => captcha.close(),
  );
  const dir = tempDir();
  const { history, db, close } = openHistoryDatabase(join(dir, 'history.sqlite'));
  const settings = new ConfigFile(join(dir, 'config.json'));
  const config = ConfigSchema.parse({
    monitors: [
      {
        id: 'solver',
        type: 'balance',
        provider: 'captchaai',
        baseUrl: captcha.url,
        apiKey: KEY,
        intervalSeconds: 3600,
      },
      { id: 'other', type: 'heartbeat', periodSeconds: 86_400 },
    ],
    alerts: { failThreshold: 1, recoverThreshold: 1, cooldownSeconds: 3600 },
    notifications: {
      desktop: false,
      groupWindowSeconds: 0,
      dailySummaryAt: null,
      discord: { webhookUrl: discord.webhookUrl() },
    },
    maintenance,
  });
  // The first scheduled check of the hourly monitor comes ~59 min in: only the tests' own checks run before.
  const engine = new Engine(config, { settings, history, database: db, env: {}, clock, random: () => 0.99 });
  cleanups.push(close, () => engine.stop());
  engine.start();
  const check = async (balance: number) => {
    captcha.setBalance(balance);
    await engine.checkNow({ id: 'solver' });
    await engine.notificationsIdle();
  };
  const solver = async () => (await engine.getState()).monitors.find((m) => m.id === 'solver');
  return { engine, discord, clock, settings, check, solver };
}

describe('maintenance windows in the engine', () => {
  it('sends nothing for a failing monitor in a window, and one message when it ends while still failing', async () => {
    const { engine, discord, clock, check, solver } = await setup([
      {
        id: 'deploy',
        name: 'Deploy',
        monitors: ['solver'],
        start: iso(START - 60_000),
        end: iso(START + 600_000),
      },
    ]);
    await check(1);
    await check(1);
    await check(0.5);
    expect(discord.received).toHaveLength(0);
    expect((await solver())?.maintenance).toBe(true);
    expect((await engine.getState()).monitors.find((m) => m.id === 'other')?.maintenance).toBeUndefined();
    const during = await engine.getAlerts({});
    expect(during.firing).toMatchObject([{ monitorId: 'solver', notified: false, muted: true }]);
    expect(during.transitions[0]).toMatchObject({ kind: 'fired.quiet' });
    expect(during.transitions[0]?.message).toMatch(/\(maintenance\)$/);

    // At the window's end its monitors are checked at once: what differs is told then, not at the next interval.
    await clock.advance(11 * 60_000);
    await engine.notificationsIdle();
    expect(discord.received).toHaveLength(1);
    expect(JSON.stringify(discord.received[0]?.body)).toContain('0.50');
    await check(1);
    await check(1);
    expect(discord.received).toHaveLength(1);
    expect((await solver())?.maintenance).toBeUndefined();
  });

  it('sends nothing when the monitor recovered inside the window', async () => {
    const { discord, clock, check } = await setup([
      { id: 'deploy', name: 'Deploy', start: iso(START - 60_000), end: iso(START + 600_000) },
    ]);
    await check(40);
    await check(1);
    await check(40);
    await clock.advance(11 * 60_000);
    await check(40);
    await check(40);
    expect(discord.received).toHaveLength(0);
  });

  it('tells a recovery once the window ends when the alert was told before it', async () => {
    const { discord, clock, check } = await setup([
      { id: 'deploy', name: 'Deploy', start: iso(START + 60_000), end: iso(START + 600_000) },
    ]);
    await check(1);
    expect(discord.received).toHaveLength(1);
    await clock.advance(2 * 60_000);
    await check(40);
    expect(discord.received).toHaveLength(1);
    await clock.advance(10 * 60_000);
    await check(40);
    expect(discord.received).toHaveLength(2);
  });

  it('mutes during a recurring cron occurrence only', async () => {
    const { discord, clock, check, solver } = await setup([
      { id: 'weekly', name: 'Weekly', cron: '0 3 * * 0', durationMinutes: 30 },
    ]);
    await check(1);
    expect(discord.received).toHaveLength(0);
    expect((await solver())?.maintenance).toBe(true);
    await clock.advance(30 * 60_000);
    await check(1);
    expect(discord.received).toHaveLength(1);
  });

  it('starts an ad-hoc window saved into the config, and ends it now', async () => {
    const { engine, discord, check, settings, solver } = await setup([]);
    const window = await engine.startMaintenance({ monitors: ['solver'], minutes: 30 });
    expect(window).toEqual({
      id: expect.stringMatching(/^adhoc-/),
      name: 'Maintenance',
      monitors: ['solver'],
      start: iso(START),
      end: iso(START + 30 * 60_000),
    });
    const saved = settings.load();
    expect(saved.ok && saved.config.maintenance).toEqual([window]);
    await check(1);
    expect(discord.received).toHaveLength(0);
    expect((await solver())?.maintenance).toBe(true);

    expect(await engine.endMaintenance({ id: window.id })).toEqual({ ok: true });
    expect(engine.currentConfig().maintenance).toEqual([]);
    await check(1);
    expect(discord.received).toHaveLength(1);
    await expect(engine.endMaintenance({ id: window.id })).rejects.toMatchObject({ status: 404 });
    await expect(engine.startMaintenance({ monitors: ['nope'], minutes: 5 })).rejects.toMatchObject({
      status: 400,
      issues: [{ path: 'maintenance[0].monitors[0]', message: 'unknown monitor "nope"' }],
    });
  });

  it('ends the occurrence of a recurring window under way, not its schedule', async () => {
    const { engine, discord, clock, check } = await setup([
      { id: 'weekly', name: 'Weekly', cron: '0 3 * * 0', durationMinutes: 30 },
    ]);
    await engine.endMaintenance({ id: 'weekly' });
    await check(1);
    expect(discord.received).toHaveLength(1);
    expect(engine.currentConfig().maintenance).toMatchObject([{ id: 'weekly', endedAt: iso(START) }]);
    await expect(engine.endMaintenance({ id: 'weekly' })).rejects.toMatchObject({ status: 409 });
    await check(40);
    await clock.advance(7 * 86_400_000);
    await check(1);
    expect(discord.received).toHaveLength(2); // the recovery; next Sunday's failure is muted
  });

  it('checks the monitors of a window ended by "end now" at once, telling what differs', async () => {
    const { engine, discord, check } = await setup([]);
    const window = await engine.startMaintenance({ monitors: ['solver'], minutes: 30 });
    await check(1);
    expect(discord.received).toHaveLength(0);
    await engine.endMaintenance({ id: window.id });
    await vi.waitFor(
      async () => {
        await engine.notificationsIdle();
        expect(discord.received).toHaveLength(1);
      },
      { timeout: 5000, interval: 20 },
    );
  });
});
