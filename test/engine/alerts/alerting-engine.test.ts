import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConfigInput, ConfigSchema } from '../../../src-main/api/config-schema.ts';
import { ConfigFile } from '../../../src-main/engine/config/config-file.ts';
import { Engine } from '../../../src-main/engine/engine.ts';
import type { DesktopMessage } from '../../../src-main/engine/notify/desktop.ts';
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

type Embed = {
  title: string;
  color: number;
  description?: string;
  fields?: Array<{ name: string; value: string }>;
};
const embedsOf = (body: unknown) => (body as { embeds: Embed[] }).embeds;

async function setup(config: ConfigInput, clock?: ManualClock) {
  const dir = tempDir();
  const { history, db, close } = openHistoryDatabase(join(dir, 'history.sqlite'));
  const desktop: DesktopMessage[] = [];
  const engine = new Engine(ConfigSchema.parse(config), {
    settings: new ConfigFile(join(dir, 'config.json')),
    history,
    database: db,
    env: {},
    clock,
    desktop: { show: (m) => void desktop.push(m) },
  });
  cleanups.push(close, () => engine.stop());
  engine.start();
  return { engine, desktop, history };
}

/** A port nothing listens on: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

async function fakes() {
  const discord = await startFakeDiscord();
  const captcha = await startFakeCaptchaAi();
  captcha.validKeys.add(KEY);
  cleanups.push(
    () => discord.close(),
    () => captcha.close(),
  );
  return { discord, captcha };
}

const quiet = { desktop: false, groupWindowSeconds: 0, dailySummaryAt: null };

describe('alerts end to end', () => {
  it('sends warning, then critical at once, then one recovery for a draining and topped-up balance', async () => {
    const { discord, captcha } = await fakes();
    const { engine } = await setup({
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
      ],
      alerts: { failThreshold: 1, recoverThreshold: 2, cooldownSeconds: 300 },
      notifications: {
        ...quiet,
        discord: { webhookUrl: discord.webhookUrl(), mention: '<@&123456789012345678>' },
      },
    });
    for (const balance of [12, 8, 1.5, 1.4, 25, 25]) {
      captcha.setBalance(balance);
      await engine.checkNow({ id: 'solver' });
    }
    await engine.notificationsIdle();
    const messages = discord.received.map((r) => embedsOf(r.body));
    expect(messages).toHaveLength(3);
    expect(messages.map((m) => m.length)).toEqual([1, 1, 1]);
    const [warning, critical, recovered] = messages.map((m) => m[0] as Embed);
    expect(warning?.color).toBe(0xf39c12);
    expect(JSON.stringify(warning)).toContain('8.00');
    expect(critical?.color).toBe(0xe74c3c);
    expect(JSON.stringify(critical)).toContain('1.50');
    expect(recovered?.color).toBe(0x2ecc71);
    // The role is pinged for the critical message only.
    expect(discord.received.map((r) => (r.body as { content?: string }).content ?? null)).toEqual([
      null,
      '<@&123456789012345678>',
      null,
    ]);
    const alerts = await engine.getAlerts({});
    expect(alerts.firing).toEqual([]);
    expect(alerts.deliveries.filter((d) => d.outcome === 'delivered')).toHaveLength(3);
    expect(alerts.transitions.map((t) => t.kind)).toEqual(['resolved', 'escalated', 'fired']);
  });

  it('reminds only once the cooldown has passed', async () => {
    const { discord, captcha } = await fakes();
    const { engine } = await setup({
      monitors: [
        {
          id: 'solver',
          type: 'balance',
          provider: 'captchaai',
          baseUrl: captcha.url,
          apiKey: KEY,
          intervalSeconds: 3600,
        },
      ],
      alerts: { failThreshold: 1, recoverThreshold: 1, cooldownSeconds: 1 },
      notifications: { ...quiet, discord: { webhookUrl: discord.webhookUrl() } },
    });
    captcha.setBalance(5);
    await engine.checkNow({ id: 'solver' });
    await engine.checkNow({ id: 'solver' });
    await engine.notificationsIdle();
    expect(discord.received).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 1100));
    await engine.checkNow({ id: 'solver' });
    await engine.notificationsIdle();
    expect(discord.received).toHaveLength(2);
    expect(embedsOf(discord.received[1]?.body)[0]?.title).toMatch(/still/i);
  });

  it('groups five monitors going down in one round into one Discord message and one desktop notification', async () => {
    const { discord } = await fakes();
    const ports = await Promise.all(Array.from({ length: 5 }, closedPort));
    const { engine, desktop } = await setup({
      monitors: ports.map((p, i) => ({
        id: `api-${i}`,
        type: 'http',
        url: `http://127.0.0.1:${p}/`,
        intervalSeconds: 3600,
      })),
      alerts: { failThreshold: 1 },
      notifications: {
        desktop: true,
        groupWindowSeconds: 1,
        dailySummaryAt: null,
        discord: { webhookUrl: discord.webhookUrl() },
      },
    });
    await engine.checkNow({});
    await new Promise((r) => setTimeout(r, 1200));
    await engine.notificationsIdle();
    expect(discord.received).toHaveLength(1);
    expect(embedsOf(discord.received[0]?.body)).toHaveLength(5);
    expect(desktop).toHaveLength(1);
    expect(desktop[0]?.title).toMatch(/5 monitors/);
    expect(desktop[0]?.urgency).toBe('critical');
  });

  it('while snoozed records transitions but sends nothing; on resume tells what is still firing once', async () => {
    const { discord, captcha } = await fakes();
    const { engine } = await setup({
      monitors: [
        {
          id: 'solver',
          type: 'balance',
          provider: 'captchaai',
          baseUrl: captcha.url,
          apiKey: KEY,
          intervalSeconds: 3600,
        },
      ],
      alerts: { failThreshold: 1, recoverThreshold: 1, cooldownSeconds: 300 },
      notifications: { ...quiet, discord: { webhookUrl: discord.webhookUrl() } },
    });
    const snooze = await engine.snooze({ minutes: null });
    expect(snooze.global).toBeNull();
    expect((await engine.getState()).alerts.snoozedUntil).toBeNull();
    captcha.setBalance(1);
    await engine.checkNow({ id: 'solver' });
    await engine.notificationsIdle();
    expect(discord.received).toHaveLength(0);
    const during = await engine.getAlerts({});
    expect(during.firing).toMatchObject([
      { monitorId: 'solver', severity: 'critical', notified: false, muted: true },
    ]);
    expect(during.transitions[0]?.kind).toBe('fired.quiet');

    await engine.resumeAlerts({});
    await engine.checkNow({ id: 'solver' });
    await engine.checkNow({ id: 'solver' });
    await engine.notificationsIdle();
    expect(discord.received).toHaveLength(1);
    expect(embedsOf(discord.received[0]?.body)[0]?.color).toBe(0xe74c3c);
    await expect(engine.snooze({ monitorId: 'nope', minutes: 15 })).rejects.toThrow(
      'no monitor with id "nope"',
    );
  });

  it('when offline shows one desktop notice, sends nothing to Discord and no false recovery afterwards', async () => {
    const { discord } = await fakes();
    const { engine, desktop } = await setup({
      monitors: [
        { id: 'a', type: 'http', url: 'http://solvewatch-a.invalid/', intervalSeconds: 3600 },
        { id: 'b', type: 'http', url: 'http://solvewatch-b.invalid/', intervalSeconds: 3600 },
      ],
      alerts: { failThreshold: 1, recoverThreshold: 1 },
      notifications: {
        desktop: true,
        groupWindowSeconds: 0,
        dailySummaryAt: null,
        discord: { webhookUrl: discord.webhookUrl() },
      },
    });
    await engine.checkNow({});
    await engine.checkNow({});
    await engine.notificationsIdle();
    expect(discord.received).toHaveLength(0);
    expect(desktop.map((d) => d.title)).toHaveLength(1);
    expect(desktop[0]?.body).toMatch(/offline/i);
    expect((await engine.getAlerts({})).firing).toEqual([]);
  });

  it('reports a deleted Discord webhook as a broken channel and stops trying', async () => {
    const { discord, captcha } = await fakes();
    discord.setMode('unknown-webhook');
    const { engine } = await setup({
      monitors: [
        {
          id: 'solver',
          type: 'balance',
          provider: 'captchaai',
          baseUrl: captcha.url,
          apiKey: KEY,
          intervalSeconds: 3600,
        },
      ],
      alerts: { failThreshold: 1, recoverThreshold: 1, cooldownSeconds: 0 },
      notifications: { ...quiet, discord: { webhookUrl: discord.webhookUrl() } },
    });
    captcha.setBalance(1);
    await engine.checkNow({ id: 'solver' });
    await engine.notificationsIdle();
    const requests = discord.requests;
    captcha.setBalance(50);
    await engine.checkNow({ id: 'solver' });
    await engine.notificationsIdle();
    expect(discord.requests).toBe(requests);
    const state = await engine.getState();
    expect(state.alerts.brokenChannels).toEqual(['discord']);
    const channel = (await engine.getAlerts({})).channels.find((c) => c.channel === 'discord');
    expect(channel?.broken?.status).toBe(404);
    expect(JSON.stringify(await engine.getAlerts({}))).not.toContain(discord.webhookUrl().split('/').at(-1));
  });

  it('sends a test notification straight to a channel and says how it went', async () => {
    const { discord } = await fakes();
    const { engine } = await setup({
      notifications: { ...quiet, discord: { webhookUrl: discord.webhookUrl() } },
    });
    expect(await engine.sendTestNotification({ channel: 'discord' })).toMatchObject({ outcome: 'delivered' });
    expect(embedsOf(discord.received[0]?.body)[0]?.color).toBe(0x3498db);
    await expect(engine.sendTestNotification({ channel: 'webhook' })).rejects.toThrow('not configured');
  });

  it('sends a test on the settings as typed, before they are saved, keeping a stored secret', async () => {
    const { discord } = await fakes();
    const other = await startFakeDiscord();
    cleanups.push(() => other.close());
    const { engine } = await setup({
      notifications: { ...quiet, discord: { webhookUrl: discord.webhookUrl() } },
    });
    // A new URL typed in the form: the test goes there, the saved config stays as it was.
    const typed = await engine.sendTestNotification({
      channel: 'discord',
      notifications: { discord: { webhookUrl: other.webhookUrl() } },
    });
    expect(typed).toMatchObject({ outcome: 'delivered' });
    expect([other.received.length, discord.received.length]).toEqual([1, 0]);
    expect((await engine.getConfig()).notifications?.discord?.webhookUrl).toEqual({ stored: true });
    // The form shows the saved URL as stored: testing it uses the saved one.
    await engine.sendTestNotification({
      channel: 'discord',
      notifications: { discord: { webhookUrl: { stored: true } } },
    });
    expect(discord.received).toHaveLength(1);
    await expect(
      engine.sendTestNotification({
        channel: 'discord',
        notifications: { discord: { webhookUrl: 'https://example.com/not-a-webhook' } },
      }),
    ).rejects.toMatchObject({
      issues: [
        { path: 'notifications.discord.webhookUrl', message: 'must be on discord.com (or discordapp.com)' },
      ],
    });
  });

  it('sends the daily summary at the configured local time, green when checks mostly passed', async () => {
    const { discord, captcha } = await fakes();
    captcha.setBalance(40);
    const start = new Date(2026, 10, 23, 8, 0).getTime();
    const clock = new ManualClock(start);
    const { engine } = await setup(
      {
        monitors: [
          {
            id: 'solver',
            type: 'balance',
            provider: 'captchaai',
            baseUrl: captcha.url,
            apiKey: KEY,
            intervalSeconds: 3600,
          },
        ],
        notifications: {
          desktop: false,
          dailySummaryAt: '09:00',
          discord: { webhookUrl: discord.webhookUrl() },
        },
      },
      clock,
    );
    await engine.checkNow({ id: 'solver' });
    await clock.advance(59 * 60_000);
    await engine.notificationsIdle();
    expect(discord.received).toHaveLength(0);
    await clock.advance(60_000);
    await engine.notificationsIdle();
    expect(discord.received).toHaveLength(1);
    const [embed] = embedsOf(discord.received[0]?.body);
    expect(embed?.title).toMatch(/daily summary/i);
    expect(embed?.color).toBe(0x2ecc71);
    expect(JSON.stringify(embed)).toContain('40.00');
  });

  it('keeps a snooze across a restart', async () => {
    const dir = tempDir();
    const file = join(dir, 'history.sqlite');
    const make = () => {
      const { history, db, close } = openHistoryDatabase(file);
      const engine = new Engine(ConfigSchema.parse({ notifications: quiet }), {
        settings: new ConfigFile(join(dir, 'config.json')),
        history,
        database: db,
        env: {},
      });
      engine.start();
      return { history: { close }, engine };
    };
    const first = make();
    await first.engine.snooze({ minutes: null });
    await first.engine.stop();
    first.history.close();
    const second = make();
    cleanups.push(
      () => second.history.close(),
      () => second.engine.stop(),
    );
    expect((await second.engine.getState()).alerts.snoozedUntil).toBeNull();
    await second.engine.resumeAlerts({});
    expect((await second.engine.getState()).alerts.snoozedUntil).toBeUndefined();
  });
});
