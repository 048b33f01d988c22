import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertsOverview, StateSnapshot } from '../../src-main/api/contract.ts';
import {
  FAKE_CAPTCHAAI_KEY,
  type FakeCaptchaAi,
  startFakeCaptchaAi,
} from '../../src-main/fakes/captchaai-server.ts';
import { type HttpTarget, startHttpTarget } from '../../src-main/fakes/http-target.ts';
import { chromiumPerFile } from './support/e2e-hooks.ts';
import { startServe } from './support/solvewatch-process.ts';

const { open } = chromiumPerFile();

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function fakes(): Promise<{ target: HttpTarget; captcha: FakeCaptchaAi }> {
  const target = await startHttpTarget({ status: 200, body: { status: 'ok' } });
  const captcha = await startFakeCaptchaAi();
  captcha.setBalance(2.79);
  closers.push(
    () => target.close(),
    () => captcha.close(),
  );
  return { target, captcha };
}

const PLACEHOLDER = /\[[A-Z_]+\]/;
const card = (page: Page, name: string) => page.getByRole('article', { name });

/** The text a person reads on the page, the "Condition" disclosures (the details) left out. */
const readableText = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const d of copy.querySelectorAll('details')) d.remove();
    return copy.textContent ?? '';
  });

describe.each([
  { width: 1100, height: 750, colorScheme: 'light' as const },
  { width: 420, height: 640, colorScheme: 'dark' as const },
])('the story at a glance ($width×$height, $colorScheme)', ({ width, height, colorScheme }) => {
  it('shows a past outage in the strip, leads with the breached value, and speaks in plain words', async () => {
    const { target, captcha } = await fakes();
    const server = await startServe({
      monitors: [
        { id: 'api', name: 'Checkout API', type: 'http', url: target.url, intervalSeconds: 1 },
        {
          id: 'solver',
          name: 'Solver',
          type: 'balance',
          provider: 'captchaai',
          baseUrl: captcha.url,
          apiKey: FAKE_CAPTCHAAI_KEY,
          intervalSeconds: 300,
        },
      ],
      alerts: { failThreshold: 1, recoverThreshold: 1 },
      notifications: { desktop: false, dailySummaryAt: null, groupWindowSeconds: 0 },
    });
    const { page } = await open(server.openUrl, { viewport: { width, height }, colorScheme });
    const state = () => server.api<StateSnapshot>('/api/state');
    const api = () => state().then((s) => s.monitors.find((m) => m.id === 'api'));

    // A short outage: a few 500s between good checks.
    await expect
      .poll(async () => (await api())?.recentChecks?.states.length ?? 0, { timeout: 20_000 })
      .toBeGreaterThan(2);
    target.setResponse({ status: 500, body: 'upstream exploded' });
    await expect.poll(async () => (await api())?.state, { timeout: 20_000 }).toBe('critical');
    const checkout = card(page, 'Checkout API');
    await expect
      .poll(() => checkout.locator('.headline-value').textContent(), { timeout: 10_000 })
      .toBe('500');
    target.setResponse({ status: 200, body: { status: 'ok' } });
    await expect.poll(async () => (await api())?.state, { timeout: 20_000 }).toBe('ok');
    await expect
      .poll(async () => (await api())?.recentChecks?.states.endsWith('oo'), { timeout: 20_000 })
      .toBe(true);

    const strip = checkout.getByRole('img', {
      name: /^Last \d+ checks from .+ to .+: \d+ Critical, \d+ OK$/,
    });
    await strip.waitFor();
    expect(await strip.locator('.strip-critical').count()).toBeGreaterThan(0);

    // The balance below its warning leads with the balance and says so in words (a 300 s monitor's
    // first check at start is spread over its interval: ask for it).
    await server.api('/api/check', { method: 'POST', body: { id: 'solver' } });
    const solver = card(page, 'Solver');
    await expect.poll(() => solver.getAttribute('data-state'), { timeout: 20_000 }).toBe('warning');
    expect(await solver.locator('.headline-value').textContent()).toBe('$2.79');
    await expect
      .poll(() => readableText(page, 'article[aria-label="Solver"]'))
      .toContain('Balance $2.79 — below the $10.00 warning');
    await solver.getByText('Condition').click();
    expect(await solver.locator('details code').textContent()).toBe('[BALANCE] (2.79) < 10');
    for (const name of ['Checkout API', 'Solver'])
      expect(await readableText(page, `article[aria-label="${name}"]`)).not.toMatch(PLACEHOLDER);

    // The alerts page: every row in words, the recovery with its outage length.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    const transitions = page.getByRole('region', { name: 'Recent transitions' });
    await expect
      .poll(() => transitions.getByText(/^Back to normal after \d+ s \(was: HTTP 500/).count(), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
    const firing = page.getByRole('region', { name: 'Firing now' });
    await expect.poll(() => firing.getByText('Balance $2.79 — below the $10.00 warning').count()).toBe(1);
    expect(await readableText(page, 'main')).not.toMatch(PLACEHOLDER);
    expect(await page.getByRole('button', { name: 'Refresh' }).count()).toBe(0);
  }, 120_000);
});

describe('acting on monitors', () => {
  it('checks a monitor with a 300 s interval the moment it is saved', async () => {
    const { captcha } = await fakes();
    const server = await startServe({
      monitors: [],
      notifications: { desktop: false, dailySummaryAt: null },
    });
    const { page } = await open(server.openUrl);
    await server.api('/api/monitors/solver', {
      method: 'PUT',
      body: {
        name: 'Solver',
        type: 'balance',
        provider: 'captchaai',
        baseUrl: captcha.url,
        apiKey: FAKE_CAPTCHAAI_KEY,
        intervalSeconds: 300,
      },
    });
    const solver = card(page, 'Solver');
    await expect.poll(() => solver.getAttribute('data-state'), { timeout: 10_000 }).toBe('warning');
    expect(await solver.locator('.headline-value').textContent()).toBe('$2.79');
  }, 60_000);

  it('records a snoozed monitor failing every second at most once per cooldown, folded on the alerts page', async () => {
    const { target } = await fakes();
    const server = await startServe({
      monitors: [{ id: 'api', name: 'Checkout API', type: 'http', url: target.url, intervalSeconds: 1 }],
      alerts: { failThreshold: 1, recoverThreshold: 1, cooldownSeconds: 4 },
      notifications: { desktop: false, dailySummaryAt: null, groupWindowSeconds: 0 },
    });
    const { page, go } = await open(server.openUrl);
    target.setResponse({ status: 500, body: 'down' });
    const overview = () => server.api<AlertsOverview>('/api/alerts?limit=1000');
    await expect.poll(async () => (await overview()).firing.length, { timeout: 20_000 }).toBe(1);
    await server.api('/api/snooze', { method: 'POST', body: { monitorId: 'api', minutes: 60 } });
    await go('#/');
    await card(page, 'Checkout API')
      .getByText(/^Snoozed until /)
      .waitFor();
    const before = (await overview()).transitions.length;
    // Twelve snoozed seconds of checks every second.
    await new Promise((r) => setTimeout(r, 12_000));
    const after = (await overview()).transitions;
    // Newest first: the rows written while snoozed are the first ones.
    const quiet = after.slice(0, after.length - before).filter((t) => t.kind === 'reminder.quiet');
    expect(quiet.length).toBeLessThanOrEqual(4);
    await go('#/alerts');
    const rows = page.getByRole('region', { name: 'Recent transitions' }).getByRole('listitem');
    await rows.first().waitFor();
    expect(await rows.filter({ hasText: 'Reminder (not notified)' }).count()).toBeLessThanOrEqual(1);
  }, 90_000);
});
