import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../src-main/api/config-schema.ts';
import { DISCORD_COLORS } from '../../src-main/engine/notify/discord-payload.ts';
import { type FakeDiscord, startFakeDiscord } from '../../src-main/fakes/discord-server.ts';
import { type HttpTarget, startHttpTarget } from '../../src-main/fakes/http-target.ts';
import { offLoopback, openApp } from './support/browser-session.ts';
import { chromiumPerFile } from './support/e2e-hooks.ts';
import { startServe } from './support/solvewatch-process.ts';

const { browser, open } = chromiumPerFile();

let target: HttpTarget;
let discord: FakeDiscord;
beforeEach(async () => {
  target = await startHttpTarget({ status: 200, body: { status: 'ok' } });
  discord = await startFakeDiscord();
});
afterEach(async () => {
  await Promise.all([target?.close(), discord?.close()]);
});

/** Fast alerts, Discord pointed at the fake, nothing that would reach past loopback. */
function baseConfig(monitors: ConfigInput['monitors'] = []): ConfigInput {
  return {
    monitors,
    alerts: { failThreshold: 1, recoverThreshold: 1 },
    notifications: {
      desktop: false,
      dailySummaryAt: null,
      groupWindowSeconds: 0,
      discord: { webhookUrl: discord.webhookUrl() },
    },
  };
}

const card = (page: Page, name: string) => page.getByRole('article', { name });
const mainNav = (page: Page, link: 'Dashboard' | 'Alerts' | 'Settings') =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();

describe('adding an endpoint and watching it fail', () => {
  it('turns its card green, then red with a firing alert and a Discord embed when the endpoint fails', async () => {
    const server = await startServe(baseConfig());
    const { page } = await open(server.openUrl);

    await page.getByRole('heading', { name: 'Welcome to Solvewatch' }).waitFor();
    await page.getByRole('button', { name: 'Add an endpoint' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Checkout API');
    await page.getByLabel('Type', { exact: true }).selectOption('http');
    await page.getByLabel('URL', { exact: true }).fill(target.url);
    await page.getByLabel('Check interval (seconds)').fill('2');
    await page.getByRole('button', { name: 'Save monitor' }).click();
    await page.getByRole('link', { name: 'Edit Checkout API' }).waitFor();

    await mainNav(page, 'Dashboard');
    const checkout = card(page, 'Checkout API');
    await expect.poll(() => checkout.getAttribute('data-state'), { timeout: 30_000 }).toBe('ok');
    await expect.poll(() => checkout.textContent()).toContain('OK');
    expect(target.requests.length).toBeGreaterThan(0);

    target.setResponse({ status: 500, body: 'upstream exploded' });
    await expect.poll(() => checkout.getAttribute('data-state'), { timeout: 30_000 }).toBe('critical');
    await expect.poll(() => checkout.textContent()).toContain('Critical');

    await mainNav(page, 'Alerts');
    const firing = page.getByRole('region', { name: 'Firing now' });
    await expect
      .poll(() => firing.getByRole('link', { name: 'Checkout API' }).count(), { timeout: 15_000 })
      .toBe(1);

    type Embed = { title?: string; description?: string; color?: number };
    const embedsAboutCheckout = () =>
      discord.received
        .flatMap((m) => (m.body as { embeds?: Embed[] }).embeds ?? [])
        .filter((e) => `${e.title} ${e.description}`.includes('Checkout API'));
    await expect
      .poll(() => embedsAboutCheckout().map((e) => e.color), { timeout: 30_000 })
      .toContain(DISCORD_COLORS.error);
  }, 120_000);
});

describe('monitor form validation', () => {
  it.each([
    ['Latency warning threshold (ms)', '-5'],
    ['Check interval (seconds)', '0'],
  ])(
    'shows the error for %s = %s next to the field and saves nothing',
    async (field, value) => {
      const server = await startServe(baseConfig());
      const configBefore = readFileSync(server.configPath, 'utf8');
      const { page, go } = await open(server.openUrl);

      await go('#/settings/monitors/new');
      await page.getByLabel('Name', { exact: true }).fill('Checkout API');
      await page.getByLabel('URL', { exact: true }).fill(target.url);
      const input = page.getByLabel(field, { exact: true });
      await input.fill(value);
      await page.getByRole('button', { name: 'Save monitor' }).click();

      await expect.poll(() => input.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
      const describedBy = (await input.getAttribute('aria-describedby'))?.split(/\s+/) ?? [];
      const error = page.locator(describedBy.map((id) => `.field-error[id="${id}"]`).join(', ') || '.none');
      await expect.poll(() => error.textContent()).toMatch(/must|≥|at least/i);
      expect(await page.locator('.field-error').count()).toBe(1);
      const [fieldBox, errorBox] = await Promise.all([input.boundingBox(), error.boundingBox()]);
      expect(fieldBox && errorBox && Math.abs(errorBox.y - (fieldBox.y + fieldBox.height))).toBeLessThan(80);

      expect(readFileSync(server.configPath, 'utf8')).toBe(configBefore);
      const saved = await server.api<{ monitors?: unknown[] }>('/api/config');
      expect(saved.monitors ?? []).toEqual([]);
    },
    60_000,
  );
});

describe('monitor history', () => {
  it('draws the latency chart from real checks and exports them as CSV', async () => {
    const server = await startServe(
      baseConfig([
        { id: 'checkout', name: 'Checkout API', type: 'http', url: target.url, intervalSeconds: 1 },
      ]),
    );
    const { page, go } = await open(server.openUrl);
    await go('#/monitors/checkout');
    await page.getByRole('heading', { name: 'Checkout API', level: 1 }).waitFor();
    await page.getByRole('button', { name: '1h', exact: true }).click();

    // A line needs two neighbouring buckets with a latency (10 s buckets in the 1 h window).
    type History = { series: { latencyMs: (number | null)[] } };
    await expect
      .poll(
        async () => {
          const { series } = await server.api<History>('/api/monitors/checkout/history?window=1h');
          return series.latencyMs.some((v, i) => v !== null && series.latencyMs[i + 1] != null);
        },
        { timeout: 45_000, interval: 1000 },
      )
      .toBe(true);
    // The page refetches its window at most every 30 s (HISTORY_REFRESH_MS in monitor-page.tsx), so
    // the second bucket may reach the chart up to 30 s after the API has it.
    await expect
      .poll(() => linePixels(page, 'chart-latency', '--chart-latency'), { timeout: 40_000 })
      .toBeGreaterThan(20);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe('time,latency_ms,uptime,value');
    const measured = csv
      .slice(1)
      .map((row) => row.split(','))
      .filter(([, latency]) => latency !== '');
    expect(measured.length).toBeGreaterThanOrEqual(2);
    for (const [time, latency, uptime] of measured) {
      expect(new Date(time ?? '').toISOString()).toBe(time);
      expect(Number(latency)).toBeGreaterThan(0);
      expect(Number(uptime)).toBe(1);
    }
  }, 120_000);
});

describe('the network guard', () => {
  it('stops and reports a request that would leave 127.0.0.1', async () => {
    const server = await startServe(baseConfig());
    // Opened outside chromiumPerFile() so the deliberate leak does not fail the after-test check.
    const session = await openApp(browser(), server.openUrl);
    try {
      // A navigation, since the app's Content-Security-Policy already stops fetches to other hosts inside the page.
      const leak = await session.context.newPage();
      await expect(leak.goto('http://192.0.2.1/leak')).rejects.toThrow(/ERR_BLOCKED_BY_CLIENT/);
      expect(offLoopback(session)).toEqual(['http://192.0.2.1/leak']);
      expect(session.requests.filter((url) => url.startsWith(server.url)).length).toBeGreaterThan(0);
    } finally {
      await session.close();
    }
  }, 60_000);
});

/** Opaque pixels of a chart's line colour on its uPlot canvas; axes and grid use other colours, so 0 means no line. */
function linePixels(page: Page, testId: string, colorVar: string): Promise<number> {
  return page.evaluate(
    ([id, cssVar]) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid="${id}"] canvas`);
      const drawn = canvas?.getContext('2d');
      const probe = document.createElement('canvas').getContext('2d');
      if (!canvas || !drawn || !probe) return 0;
      probe.fillStyle = getComputedStyle(document.documentElement).getPropertyValue(cssVar).trim();
      probe.fillRect(0, 0, 1, 1);
      const [r = 0, g = 0, b = 0] = probe.getImageData(0, 0, 1, 1).data;
      const px = drawn.getImageData(0, 0, canvas.width, canvas.height).data;
      let count = 0;
      for (let i = 0; i < px.length; i += 4) {
        const near =
          Math.abs((px[i] ?? 0) - r) < 40 &&
          Math.abs((px[i + 1] ?? 0) - g) < 40 &&
          Math.abs((px[i + 2] ?? 0) - b) < 40;
        if (near && (px[i + 3] ?? 0) > 200) count++;
      }
      return count;
    },
    [testId, colorVar] as const,
  );
}
