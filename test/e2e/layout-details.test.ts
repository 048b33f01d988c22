import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';

import { type FakeCaptchaAi, startFakeCaptchaAi } from '../../src-main/fakes/captchaai-server.ts';
import { chromiumPerFile } from './support/e2e-hooks.ts';
import { startDemo, startServe } from './support/solvewatch-process.ts';

const { open } = chromiumPerFile();
const VIEWPORT = { width: 1100, height: 750 };

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

/** How many lines an element's text takes, from its height and line height. */
const linesOf = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const lineHeight = Number.parseFloat(getComputedStyle(el).lineHeight);
    return Math.round(el.getBoundingClientRect().height / lineHeight);
  });

describe('layout details (1100×750)', () => {
  it('keeps a long card title to two lines, a long error code inside its column, and Save and Test in view', async () => {
    const captcha: FakeCaptchaAi = await startFakeCaptchaAi();
    closers.push(() => captcha.close());
    const server = await startServe({
      monitors: [
        {
          id: 'solver',
          name: 'Solver balance of the production CAPTCHA pipeline, EU region (demo)',
          type: 'balance',
          provider: 'captchaai',
          baseUrl: captcha.url,
          apiKey: 'not-the-right-key-0123456789',
          intervalSeconds: 300,
        },
      ],
      notifications: { desktop: false, dailySummaryAt: null },
    });
    const { page, go } = await open(server.openUrl, { viewport: VIEWPORT });
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor({ timeout: 20_000 });
    await page.locator('.card-title').waitFor();
    expect(await linesOf(page, '.card-title')).toBeLessThanOrEqual(2);

    await go('#/settings/monitors/solver');
    await page.getByRole('button', { name: 'Test now' }).click();
    const result = page
      .getByRole('status')
      .filter({ has: page.getByRole('heading', { name: 'Test result' }) });
    await result.getByText('ERROR_WRONG_USER_KEY').first().waitFor({ timeout: 20_000 });
    // No value runs into the next column: each stays inside its own grid cell.
    const overflowing = await result.locator('.value-item').evaluateAll((items) =>
      items
        .filter((item) => {
          const box = item.getBoundingClientRect();
          const dd = item.querySelector('dd');
          return (
            dd !== null &&
            (dd.scrollWidth > dd.clientWidth + 1 || dd.getBoundingClientRect().right > box.right + 1)
          );
        })
        .map((item) => item.textContent),
    );
    expect(overflowing).toEqual([]);

    // The form is taller than the window, yet Save and Test are in view at the top and the middle of it.
    const formHeight = await page
      .locator('form')
      .first()
      .evaluate((f) => f.getBoundingClientRect().height);
    expect(formHeight).toBeGreaterThan(VIEWPORT.height);
    for (const y of [0, Math.round(formHeight / 2)]) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      for (const name of ['Save monitor', 'Test now']) {
        const box = await page.getByRole('button', { name }).boundingBox();
        expect(box, name).not.toBeNull();
        expect((box?.y ?? -1) >= 0 && (box?.y ?? 0) + (box?.height ?? 0) <= VIEWPORT.height, name).toBe(true);
      }
    }
  }, 60_000);

  it('lays out at most three inline fields a row in the demo inbox, as Discord does', async () => {
    const demo = await startDemo(15);
    const { page, go } = await open(demo.openUrl, { viewport: VIEWPORT });
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor({ timeout: 20_000 });
    await go('#/demo');
    await page.getByRole('heading', { name: 'Demo Discord inbox' }).waitFor();
    // The first embed with four or more inline fields (a balance or error-rate alert of the demo).
    const rows = async () =>
      page.locator('.embed-fields').evaluateAll((lists) => {
        const wide = lists.find((l) => l.querySelectorAll('.embed-field-inline').length >= 4);
        if (!wide) return null;
        const tops = [...wide.querySelectorAll('.embed-field-inline')].map((f) =>
          Math.round(f.getBoundingClientRect().top),
        );
        return [...new Set(tops)].map((top) => tops.filter((t) => t === top).length);
      });
    await expect.poll(rows, { timeout: 90_000, interval: 1000 }).not.toBeNull();
    const perRow = (await rows()) ?? [];
    expect(Math.max(...perRow)).toBe(3);
    expect(perRow.length).toBeGreaterThan(1);
  }, 120_000);
});
