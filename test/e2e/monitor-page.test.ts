import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { StateSnapshot } from '../../src-main/api/contract.ts';
import { FAKE_CAPTCHAAI_KEY, startFakeCaptchaAi } from '../../src-main/fakes/captchaai-server.ts';
import { startHttpTarget } from '../../src-main/fakes/http-target.ts';
import { chromiumPerFile } from './support/e2e-hooks.ts';
import { type SolvewatchProcess, startServe } from './support/solvewatch-process.ts';

const { open } = chromiumPerFile();

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Pixels drawn in the outermost row or column of each chart canvas in `selector`: a tick label cut
 * by the canvas edge leaves ink there; a whole one never reaches it (the plot sits inside padding).
 */
const inkAtEdges = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((canvases) =>
    canvases.map((el) => {
      const canvas = el as HTMLCanvasElement;
      const { width, height } = canvas;
      const data = canvas.getContext('2d')?.getImageData(0, 0, width, height).data;
      if (!data) return { width, height, ink: -1 };
      const inked = (x: number, y: number) => (data[(y * width + x) * 4 + 3] ?? 0) > 0;
      let ink = 0;
      for (let y = 0; y < height; y++) if (inked(0, y) || inked(width - 1, y)) ink++;
      for (let x = 0; x < width; x++) if (inked(x, 0) || inked(x, height - 1)) ink++;
      return { width, height, ink };
    }),
  );

/** Tabs from the top of the page until `name` has the focus (at most `limit` presses). */
async function tabTo(page: Page, isTarget: () => boolean, limit = 80): Promise<boolean> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(isTarget)) return true;
  }
  return false;
}

async function monitors(): Promise<{ server: SolvewatchProcess; setBalance: (b: number) => void }> {
  const target = await startHttpTarget({ status: 200, body: { status: 'ok' } });
  const captcha = await startFakeCaptchaAi();
  closers.push(
    () => target.close(),
    () => captcha.close(),
  );
  captcha.setBalance(1);
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
        intervalSeconds: 86_400, // checked only when the test says so: a scheduled check would change the uptime
      },
      { id: 'beat', name: 'Worker heartbeat', type: 'heartbeat', periodSeconds: 4, graceSeconds: 4 },
    ],
    alerts: { failThreshold: 1, recoverThreshold: 1 },
    notifications: { desktop: false, dailySummaryAt: null, groupWindowSeconds: 0 },
  });
  const monitor = async (id: string) =>
    (await server.api<StateSnapshot>('/api/state')).monitors.find((m) => m.id === id);

  // A short outage of the HTTP endpoint between good checks.
  await expect
    .poll(async () => (await monitor('api'))?.recentChecks?.states.length ?? 0, { timeout: 20_000 })
    .toBeGreaterThan(2);
  target.setResponse({ status: 500, body: 'upstream exploded' });
  await expect.poll(async () => (await monitor('api'))?.state, { timeout: 20_000 }).toBe('critical');
  target.setResponse({ status: 200, body: { status: 'ok' } });
  await expect.poll(async () => (await monitor('api'))?.state, { timeout: 20_000 }).toBe('ok');

  // The balance: critical (an outage by the README's uptime), topped up, then spending.
  const check = () => server.api('/api/check', { method: 'POST', body: { id: 'solver' } });
  await check();
  captcha.setBalance(10);
  await check();
  // A cent in about two seconds: $18 an hour, about half an hour left.
  await sleep(2000);
  captcha.setBalance(9.99);
  await check();
  await expect
    .poll(async () => (await monitor('solver'))?.values.burn_per_hour ?? 0, { timeout: 10_000 })
    .toBeGreaterThan(0);

  // Three beats a little over a check apart.
  for (let i = 0; i < 3; i++) {
    await fetch(`${server.url}/push/beat`, { method: 'POST' });
    await sleep(1500);
  }
  await expect.poll(async () => (await monitor('beat'))?.state, { timeout: 10_000 }).toBe('ok');
  return { server, setBalance: (b) => captcha.setBalance(b) };
}

describe('the monitor page (420×640, dark)', () => {
  it('reads values by kind, agrees with the card, shows past states, whole tick labels and tables', async () => {
    const { server } = await monitors();
    const { page, go } = await open(server.openUrl, {
      viewport: { width: 420, height: 640 },
      colorScheme: 'dark',
    });

    // The balance card: money with its currency, the time left and the clock time it runs out.
    const solverCard = page.getByRole('article', { name: 'Solver' });
    const trend = /^−\$[\d,.]+ \/ h · about \d+ min left · empty at \d{1,2}:\d{2}( [AP]M)?$/;
    await expect
      .poll(() => solverCard.locator('.card-trend').textContent(), { timeout: 10_000 })
      .toMatch(trend);
    await expect
      .poll(() => solverCard.locator('.card-stats dd').first().textContent(), { timeout: 10_000 })
      .toBe('66.66 %');

    await go('#/monitors/solver');
    const now = page.getByRole('region', { name: 'Now' });
    await expect.poll(() => now.locator('.headline-value').textContent(), { timeout: 10_000 }).toBe('$9.99');
    expect(await now.locator('.card-trend').textContent()).toMatch(trend);
    const terms = await now.locator('dt').allTextContents();
    expect(terms).not.toContain('Currency');
    expect(terms).not.toContain('Hours to empty');
    expect(terms).not.toContain('Balance');
    // Uptime: the card's figure, to the digit, on the page's 24 h window.
    await page.getByRole('button', { name: '24h', exact: true }).click();
    const uptime = page.locator('.stat', { hasText: 'Uptime' }).locator('dd');
    await expect.poll(() => uptime.textContent(), { timeout: 10_000 }).toBe('66.66 %');
    const balanceChart = page.getByTestId('chart-value');
    await balanceChart.locator('canvas').first().waitFor();
    await balanceChart.getByText('Show as table').click();
    await balanceChart.locator('.chart-table tbody tr').first().waitFor();
    const balanceCells = await balanceChart.locator('.chart-table tbody td:nth-child(2)').allTextContents();
    expect(balanceCells.length).toBeGreaterThan(0);
    for (const cell of balanceCells) expect(cell).toMatch(/^\$\d+\.\d{2}$/);

    // The HTTP page: the outage in the state band, every chart's labels whole.
    await go('#/monitors/api');
    const band = page.getByTestId('chart-states').getByRole('img');
    await expect.poll(() => band.getAttribute('aria-label'), { timeout: 10_000 }).toMatch(/Critical from /);
    expect(await band.locator('[data-state="critical"]').count()).toBeGreaterThan(0);
    expect(await band.locator('[data-state="ok"]').count()).toBeGreaterThan(0);
    for (const width of [420, 1100]) {
      await page.setViewportSize({ width, height: width === 420 ? 640 : 750 });
      await page.locator('[data-testid="chart-latency"] canvas').first().waitFor();
      await page.locator('[data-testid="chart-uptime"] canvas').first().waitFor();
      await expect
        .poll(async () => await inkAtEdges(page, '.chart-card canvas'), { timeout: 10_000 })
        .toEqual(expect.arrayContaining([expect.objectContaining({ ink: 0 })]));
      for (const canvas of await inkAtEdges(page, '.chart-card canvas')) expect(canvas.ink).toBe(0);
    }
    await page.setViewportSize({ width: 420, height: 640 });

    // The latency chart's points by keyboard: Tab to its "Show as table", Enter, then into the table.
    const onSummary = () =>
      document.activeElement?.matches('[data-testid="chart-latency"] .chart-table summary') ?? false;
    expect(await tabTo(page, onSummary)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByTestId('chart-latency').locator('.chart-table-scroll').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(
      /^Latency over the .+, as a table$/,
    );
    const rows = page.getByTestId('chart-latency').locator('.chart-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    for (const row of await rows.all()) {
      const [time, value] = await row.locator('td').allTextContents();
      expect(time).toMatch(/\d{1,2}:\d{2}/);
      expect(value).toMatch(/ ms$/);
    }

    // The heartbeat page: beats over time, no latency of checks it never makes.
    await go('#/monitors/beat');
    const beats = page.getByTestId('chart-beats');
    await beats.locator('canvas').first().waitFor();
    expect(await page.getByTestId('chart-latency').count()).toBe(0);
    expect(await page.getByText('Check p95 latency').count()).toBe(0);
    expect(await beats.locator('figcaption').textContent()).toMatch(/^Beats per \d+ (s|min)$/);
    await beats.getByText('Show as table').click();
    await beats.locator('.chart-table tbody tr').first().waitFor();
    const counts = (await beats.locator('.chart-table tbody td:nth-child(2)').allTextContents()).map(Number);
    const total = counts.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(2);
    expect(total).toBeLessThanOrEqual(3);
  }, 120_000);
});
