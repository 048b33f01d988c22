import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chromiumPerFile } from './support/e2e-hooks.ts';
import { startServe } from './support/solvewatch-process.ts';

const { open } = chromiumPerFile();

const windows = (path: string) => JSON.parse(readFileSync(path, 'utf8')).maintenance;

describe('settings: maintenance windows', () => {
  it('adds a weekly window, starts one now and ends it, and the dashboard says so', async () => {
    const server = await startServe({
      monitors: [{ id: 'api', name: 'API', type: 'heartbeat', periodSeconds: 3600 }],
      notifications: { desktop: false, dailySummaryAt: null },
    });
    const { page, go } = await open(server.openUrl);
    await go('#/settings/maintenance');

    await page.getByLabel('Name', { exact: true }).fill('Weekly reboot');
    await page.getByLabel('Repeats').selectOption('cron');
    await page.getByLabel('Cron pattern').fill('0 3 * * funday');
    await page.getByRole('button', { name: 'Add window' }).click();
    await expect.poll(() => page.getByLabel('Cron pattern').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Cron pattern').fill('0 3 * * 0');
    await page.getByRole('button', { name: 'Add window' }).click();
    await expect
      .poll(() => windows(server.configPath), { timeout: 10_000 })
      .toMatchObject([{ name: 'Weekly reboot', cron: '0 3 * * 0' }]);

    await page.getByRole('button', { name: 'Start now' }).click();
    await expect.poll(() => windows(server.configPath).length, { timeout: 10_000 }).toBe(2);
    await go('#/');
    await expect.poll(() => page.getByText(/Maintenance/).count(), { timeout: 10_000 }).toBeGreaterThan(0);

    await go('#/settings/maintenance');
    await page.getByRole('button', { name: 'End now' }).first().click();
    await expect
      .poll(() => windows(server.configPath), { timeout: 10_000 })
      .toMatchObject([{ name: 'Weekly reboot' }]);
  }, 60_000);
});
