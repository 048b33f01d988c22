import { mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startHttpTarget } from '../../src-main/fakes/http-target.ts';
import { chromiumPerFile } from './support/e2e-hooks.ts';
import { type SolvewatchProcess, startDemo, startServe } from './support/solvewatch-process.ts';

const { open } = chromiumPerFile();

const OUT_DIR = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));
const SIZES = [
  { width: 420, height: 640 },
  { width: 1100, height: 750 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

interface Screen {
  name: string;
  /** Navigates and waits until the page shows what it is about. */
  show(page: Page, go: (hash: string) => Promise<void>): Promise<void>;
}

/** Every page of the demo's app, each with the content that proves it loaded; in order, as one may continue the previous. */
function demoScreens(monitorId: string, targetUrl: string): Screen[] {
  return [
    {
      name: 'dashboard',
      show: async (page, go) => {
        await go('#/');
        await page.locator('article[data-state] canvas').first().waitFor();
      },
    },
    {
      name: 'monitor-history',
      show: async (page, go) => {
        await go(`#/monitors/${encodeURIComponent(monitorId)}`);
        await page.locator('[data-testid="chart-latency"] canvas').waitFor();
      },
    },
    {
      name: 'monitor-history-1h',
      show: async (page) => {
        await page.getByRole('button', { name: '1h', exact: true }).click();
        await page.getByRole('button', { name: '1h', pressed: true }).waitFor();
        await page.locator('[data-testid="chart-latency"] canvas').waitFor();
      },
    },
    // Each demo monitor's own page (balance, http, heartbeat), their charts drawn.
    ...(['demo-balance', 'demo-solver-api', 'demo-heartbeat', 'demo-pipeline'] as const).map((id) => ({
      name: `monitor-${id}`,
      show: async (page: Page, go: (hash: string) => Promise<void>) => {
        await go(`#/monitors/${id}`);
        await page.locator('[data-testid="chart-uptime"] canvas').waitFor();
      },
    })),
    {
      name: 'alerts',
      show: async (page, go) => {
        await go('#/alerts');
        await page.getByRole('heading', { name: 'Deliveries' }).waitFor();
      },
    },
    {
      name: 'settings-monitors',
      show: async (page, go) => {
        await go('#/settings');
        await page
          .getByRole('link', { name: /^Edit / })
          .first()
          .waitFor();
      },
    },
    {
      name: 'monitor-form-error',
      show: async (page, go) => {
        await go('#/settings/monitors/new');
        await page.getByLabel('Name', { exact: true }).fill('Checkout API');
        await page.getByLabel('URL', { exact: true }).fill(targetUrl);
        await page.getByLabel('Check interval (seconds)').fill('0');
        await page.getByRole('button', { name: 'Save monitor' }).click();
        await page.locator('.field-error').first().waitFor();
      },
    },
    {
      name: 'settings-notifications',
      show: async (page, go) => {
        await go('#/settings/notifications');
        await page.getByRole('heading', { name: 'Discord' }).waitFor();
      },
    },
    {
      name: 'settings-general',
      show: async (page, go) => {
        await go('#/settings/general');
        await page.getByRole('heading', { name: 'History retention' }).waitFor();
      },
    },
    {
      name: 'demo-inbox',
      show: async (page, go) => {
        await go('#/demo');
        await page
          .getByRole('list', { name: 'Messages, newest first' })
          .getByRole('listitem')
          .first()
          .waitFor();
      },
    },
  ];
}

async function shoot(page: Page, name: string, size: (typeof SIZES)[number], scheme: string): Promise<void> {
  await page.locator('.loading[role="status"]').first().waitFor({ state: 'detached' });
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(sideways, `${name} at ${size.width} px scrolls sideways by`).toBeLessThanOrEqual(0);
  // From the top, so the sticky header is not captured over the middle of a scrolled page.
  await page.evaluate(() => window.scrollTo(0, 0));
  const path = `${OUT_DIR}${name}-${size.width}x${size.height}-${scheme}.png`;
  await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  expect(statSync(path).size).toBeGreaterThan(1000);
}

/** Waits until the demo has history and Discord messages to show. */
async function demoWithContent(demo: SolvewatchProcess): Promise<string> {
  type Demo = { inbox: unknown[]; monitorIds: string[] };
  await expect
    .poll(async () => (await demo.api<Demo>('/api/demo')).inbox.length, { timeout: 60_000, interval: 500 })
    .toBeGreaterThan(1);
  const { monitorIds } = await demo.api<Demo>('/api/demo');
  const callbacks = monitorIds.find((id) => id.includes('callbacks')) ?? monitorIds[0];
  if (!callbacks) throw new Error('the demo runs no monitors');
  return callbacks;
}

describe('screenshots for review (test-output/screenshots)', () => {
  it('captures every page at tray and window sizes, light and dark', async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    const target = await startHttpTarget();
    try {
      const [empty, demo] = await Promise.all([startServe({ monitors: [] }), startDemo(20)]);
      const screens = demoScreens(await demoWithContent(demo), target.url);
      for (const size of SIZES) {
        for (const scheme of SCHEMES) {
          const options = { viewport: size, colorScheme: scheme };
          const first = await open(empty.openUrl, options);
          await first.page.getByRole('heading', { name: 'Welcome to Solvewatch' }).waitFor();
          await shoot(first.page, 'onboarding', size, scheme);
          await first.close();

          const session = await open(demo.openUrl, options);
          for (const screen of screens) {
            await screen.show(session.page, session.go);
            await shoot(session.page, screen.name, size, scheme);
          }
          await session.close();
        }
      }
    } finally {
      await target.close();
    }
  }, 180_000);
});
