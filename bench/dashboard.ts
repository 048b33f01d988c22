import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchChromium } from '../test/support/chromium.ts';
import type { BenchRow } from './engine.ts';
import { startLoopbackTarget } from './loopback-target.ts';
import { startServe } from './serve-process.ts';

const MONITORS = 1000;
const INTERVAL_S = 10;
const MEASURE_MS = 20_000;

/**
 * The window with 1,000 monitors checked every 10 s (100 live events a second): the real `serve`,
 * the built UI in Chromium, the page's own Performance metrics over CDP.
 */
export async function benchDashboard(): Promise<BenchRow[]> {
  const target = await startLoopbackTarget();
  const dir = mkdtempSync(join(tmpdir(), 'solvewatch-bench-dashboard-'));
  const monitors = Array.from({ length: MONITORS }, (_, i) => ({
    id: `m${i}`,
    name: `Endpoint ${i}`,
    type: 'http',
    url: target.url,
    intervalSeconds: INTERVAL_S,
  }));
  const serve = await startServe(dir, { monitors, notifications: { desktop: false } });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 750 } });
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.failure()?.errorText ?? 'failed'));
    const opened = Date.now();
    await page.goto(`${serve.url}/#token=bench-token`);
    await page.waitForFunction(
      (n) => document.querySelectorAll('article[data-state]').length >= n,
      MONITORS,
      {
        timeout: 60_000,
      },
    );
    const cardsMs = Date.now() - opened;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metric = async (name: string) =>
      ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? 0) as number;
    await sleep(5_000);
    const busyFrom = await metric('TaskDuration');
    const from = Date.now();
    await sleep(MEASURE_MS);
    const busy = (await metric('TaskDuration')) - busyFrom;
    const busyShare = busy / ((Date.now() - from) / 1000);
    const heap = await metric('JSHeapUsedSize');
    const label = `dashboard, ${MONITORS} monitors @ ${INTERVAL_S} s`;
    return [
      {
        figure: `${label}: all cards present after`,
        value: `${(cardsMs / 1000).toFixed(1)} s`,
        target: '≤ 3 s',
      },
      { figure: `${label}: main thread busy`, value: `${(busyShare * 100).toFixed(1)} %`, target: '≤ 10 %' },
      { figure: `${label}: JS heap`, value: `${(heap / 1_048_576).toFixed(0)} MiB`, target: '≤ 150 MiB' },
      { figure: `${label}: failed requests`, value: String(failed.length), target: '0' },
    ];
  } finally {
    await browser.close();
    await serve.stop();
    target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
