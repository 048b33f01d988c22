import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HttpTarget, startHttpTarget } from '../../src-main/fakes/http-target.ts';
import { chromiumPerFile } from './support/e2e-hooks.ts';
import { startServe } from './support/solvewatch-process.ts';

const { open } = chromiumPerFile();

const MONITORS = 40;
let target: HttpTarget;
beforeEach(async () => {
  target = await startHttpTarget({ status: 200, body: { status: 'ok' } });
});
afterEach(async () => {
  await target?.close();
});

const card = (page: Page, i: number) => page.getByRole('article', { name: `Endpoint ${i}`, exact: true });

describe('the dashboard with more cards than fit on screen', () => {
  it('brings live updates to the cards on screen and off it, and catches up a card scrolled to', async () => {
    const server = await startServe({
      monitors: Array.from({ length: MONITORS }, (_, i) => ({
        id: `m${i}`,
        name: `Endpoint ${i}`,
        type: 'http' as const,
        url: target.url,
        intervalSeconds: 1,
      })),
      alerts: { failThreshold: 1, recoverThreshold: 1 },
      notifications: { desktop: false, dailySummaryAt: null },
    });
    const { page } = await open(server.openUrl);
    const first = card(page, 0);
    const last = card(page, MONITORS - 1);
    await expect.poll(() => last.getAttribute('data-state'), { timeout: 30_000 }).toBe('ok');
    // The last card is far below the fold: the browser skips rendering it.
    expect(await last.evaluate((el) => el.getBoundingClientRect().top > window.innerHeight)).toBe(true);

    target.setResponse({ status: 500, body: 'upstream exploded' });
    await expect.poll(() => first.getAttribute('data-state'), { timeout: 30_000 }).toBe('critical');
    await expect.poll(() => last.getAttribute('data-state'), { timeout: 30_000 }).toBe('critical');
    await expect
      .poll(() => page.locator('article[data-state="critical"]').count(), { timeout: 15_000 })
      .toBe(MONITORS);

    // Scrolled to, it loads its history (uptime) and its "Last check" ticks again.
    await last.scrollIntoViewIfNeeded();
    const uptime = last.locator('dd').first();
    await expect.poll(() => uptime.textContent(), { timeout: 15_000 }).toMatch(/^\d+(\.\d+)? %$/);
    const lastCheck = last.locator('dd').nth(1);
    await expect.poll(() => lastCheck.textContent(), { timeout: 15_000 }).toMatch(/^(just now|\d+ s ago)$/);

    const search = page.getByRole('searchbox');
    await search.fill('Endpoint 7');
    await expect.poll(() => page.locator('article[data-state]').count(), { timeout: 15_000 }).toBe(1);
    await search.fill('');
    await page.getByLabel('State').selectOption('ok');
    await expect.poll(() => page.getByText(`0 of ${MONITORS} monitors`).count(), { timeout: 15_000 }).toBe(1);
  }, 120_000);
});
