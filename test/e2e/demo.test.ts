import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MIN_PIPELINE_CYCLE_SECONDS } from '../../src-main/demo/demo-task-events.ts';
import { chromiumPerFile } from './support/e2e-hooks.ts';
import { startDemo } from './support/solvewatch-process.ts';

const { open } = chromiumPerFile();

const CYCLE_SECONDS = 15;
/** The pipeline's task events take a cycle of their own, at least this long whatever the demo cycle. */
const PIPELINE_CYCLE_SECONDS = MIN_PIPELINE_CYCLE_SECONDS;

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

  it('shows the error spike on the pipeline card, and its Error Rate Spike and the lost callbacks embeds in the inbox within one cycle', async () => {
    const demo = await startDemo(PIPELINE_CYCLE_SECONDS);
    const { page, go } = await open(demo.openUrl);
    const card = page.getByRole('article', { name: 'Solver pipeline (demo)' });
    await card.waitFor({ timeout: 20_000 });

    // The spike comes at 0.67–0.725 of the cycle: the card turns critical and leads with the error rate.
    await page.waitForFunction(
      () => {
        const c = document.querySelector('article[aria-label="Solver pipeline (demo)"]');
        return (
          c?.getAttribute('data-state') === 'critical' &&
          c.querySelector('.headline-label')?.textContent === 'Error rate' &&
          (c.textContent ?? '').includes('top ERROR_CAPTCHA_UNSOLVABLE')
        );
      },
      undefined,
      { timeout: PIPELINE_CYCLE_SECONDS * 1000, polling: 250 },
    );

    await go('#/demo');
    const inbox = page.getByRole('list', { name: 'Messages, newest first' });
    const spike = inbox.locator('.embed', { hasText: '⚠️ Error Rate Spike' }).first();
    await spike.waitFor({ timeout: 20_000 });
    expect(await spike.locator('.embed-description').textContent()).toMatch(
      /^Error rate: \d+\.\d% \(\d+\/\d+\)$/,
    );
    const breakdown =
      (await spike.locator('.embed-field', { hasText: 'Error Breakdown' }).textContent()) ?? '';
    expect(breakdown).toContain('ERROR_CAPTCHA_UNSOLVABLE');
    expect(breakdown).toContain('ERROR_TIMEOUT');

    // Earlier in the cycle (0.03–0.13) the quiet spell's callbacks were lost: the delivery-rate embed names them.
    const lost = inbox.locator('.embed', { hasText: '📭 Callback Delivery Rate Low' }).first();
    await lost.waitFor({ timeout: 5_000 });
    expect(await lost.locator('.embed-description').textContent()).toMatch(/^Delivery rate: \d+\.\d%/);
    const missedIds =
      (await lost.locator('.embed-field', { hasText: 'Missed Task IDs' }).textContent()) ?? '';
    expect(missedIds).toMatch(/task-[0-9a-f]+-\d+/);
  }, 150_000);
});
