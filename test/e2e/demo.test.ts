import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPerFile } from './support/e2e-hooks.ts';
import { startDemo } from './support/solvewatch-process.ts';

const { open } = chromiumPerFile();

const CYCLE_SECONDS = 15;

/** Records every `data-state` any dashboard card shows from now on (a MutationObserver, so brief states count). */
async function recordCardStates(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen = new Set<string>();
    const scan = () => {
      for (const card of document.querySelectorAll('article[data-state]'))
        seen.add(card.getAttribute('data-state') ?? '');
    };
    new MutationObserver(scan).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-state'],
    });
    scan();
    (window as unknown as { cardStatesSeen: Set<string> }).cardStatesSeen = seen;
  });
  return () =>
    page.evaluate(() => [...(window as unknown as { cardStatesSeen: Set<string> }).cardStatesSeen].sort());
}

describe('solvewatch demo', () => {
  it('shows every state on the dashboard within its cycle and lists its Discord messages', async () => {
    const demo = await startDemo(CYCLE_SECONDS);
    const { page, go } = await open(demo.openUrl);

    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor({ timeout: 20_000 });
    const seen = await recordCardStates(page);
    await expect
      .poll(seen, { timeout: 4 * CYCLE_SECONDS * 1000, interval: 500 })
      .toEqual(expect.arrayContaining(['ok', 'warning', 'critical']));

    await go('#/demo');
    await page.getByRole('heading', { name: 'Demo Discord inbox' }).waitFor();
    const inbox = page.getByRole('list', { name: 'Messages, newest first' });
    await expect.poll(() => inbox.getByRole('listitem').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  }, 120_000);
});
