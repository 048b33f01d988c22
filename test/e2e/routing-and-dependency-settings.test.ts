import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../src-main/api/config-schema.ts';
import { type FakeDiscord, startFakeDiscord } from '../../src-main/fakes/discord-server.ts';
import { chromiumPerFile } from './support/e2e-hooks.ts';
import { startServe } from './support/solvewatch-process.ts';

const { open } = chromiumPerFile();

let discord: FakeDiscord;
beforeEach(async () => {
  discord = await startFakeDiscord();
});
afterEach(async () => {
  await discord?.close();
});

const config = (): ConfigInput => ({
  monitors: [
    { id: 'api', name: 'API', type: 'heartbeat', periodSeconds: 3600 },
    { id: 'solver', name: 'Solver', type: 'heartbeat', periodSeconds: 3600 },
  ],
  notifications: { desktop: false, dailySummaryAt: null, discord: { webhookUrl: discord.webhookUrl() } },
});

const savedConfig = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('settings: which alerts go where', () => {
  it('routes only Solver criticals to Discord and shows who hears each monitor', async () => {
    const server = await startServe(config());
    const { page, go } = await open(server.openUrl);
    await go('#/settings/notifications');

    const discordSection = page.locator('section', { has: page.getByRole('heading', { name: 'Discord' }) });
    await discordSection.getByLabel('Alerts from').selectOption('critical');
    await discordSection.getByLabel('Solver', { exact: true }).check();
    const reach = page.locator('section', {
      has: page.getByRole('heading', { name: 'Who hears each monitor' }),
    });
    await expect
      .poll(() => reach.getByRole('row', { name: /^Solver/ }).textContent())
      .toBe('SolvernobodyDiscord');
    await expect.poll(() => reach.getByRole('row', { name: /^API/ }).textContent()).toBe('APInobodynobody');

    await page.getByRole('button', { name: 'Save notifications' }).click();
    await expect
      .poll(() => savedConfig(server.configPath).notifications.discord, { timeout: 10_000 })
      .toEqual({ webhookUrl: discord.webhookUrl(), minSeverity: 'critical', monitors: ['solver'] });
  }, 60_000);
});

describe('settings: a tcp monitor with TLS that depends on another', () => {
  it('saves host, port, TLS trust, certificate thresholds and dependsOn', async () => {
    const server = await startServe(config());
    const { page, go } = await open(server.openUrl);
    await go('#/settings/monitors/new');

    await page.getByLabel('Name', { exact: true }).fill('Redis');
    await page.getByLabel('Type', { exact: true }).selectOption('tcp');
    await page.getByLabel('Host', { exact: true }).fill('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill('6380');
    await page.getByLabel('TLS handshake after connecting').check();
    await page.getByText('TLS certificate', { exact: true }).click();
    await page.getByLabel('Trusted CA').fill('/etc/ssl/private-ca.pem');
    await page.getByLabel('Warn when it expires within (days)').fill('30');
    await page.getByRole('group', { name: 'Depends on' }).getByLabel('API', { exact: true }).check();
    await page.getByRole('button', { name: 'Save monitor' }).click();

    await expect
      .poll(() => savedConfig(server.configPath).monitors.find((m: { id: string }) => m.id === 'redis'), {
        timeout: 10_000,
      })
      .toMatchObject({
        type: 'tcp',
        host: '127.0.0.1',
        port: 6380,
        tls: { ca: '/etc/ssl/private-ca.pem' },
        certWarnDays: 30,
        dependsOn: ['api'],
      });
  }, 60_000);

  it('names a dependency cycle next to the field and saves nothing', async () => {
    const server = await startServe({
      ...config(),
      monitors: [
        { id: 'api', name: 'API', type: 'heartbeat', periodSeconds: 3600, dependsOn: ['solver'] },
        { id: 'solver', name: 'Solver', type: 'heartbeat', periodSeconds: 3600 },
      ],
    });
    const before = readFileSync(server.configPath, 'utf8');
    const { page, go } = await open(server.openUrl);
    await go('#/settings/monitors/solver');
    await page.getByRole('group', { name: 'Depends on' }).getByLabel('API', { exact: true }).check();
    await page.getByRole('button', { name: 'Save monitor' }).click();
    await expect
      .poll(() => page.locator('#monitor-dependsOn .field-error').textContent(), {
        timeout: 10_000,
      })
      .toContain('dependency cycle');
    expect(readFileSync(server.configPath, 'utf8')).toBe(before);
  }, 60_000);
});
