import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { MonitorHistory } from '../../src-main/api/contract.ts';
import { HISTORY_WINDOWS } from '../../src-main/api/history-types.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { serveOnLoopback } from '../support/serve-on-loopback.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const SECRET = 'whsec_history_0123456789';
const START = Date.UTC(2026, 10, 20, 8);
const tempDir = temporaryDirs();
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const monitors = [
  { id: 'solver', type: 'pipeline', signingSecret: SECRET, intervalSeconds: 3600 },
  { id: 'site', type: 'http', url: 'http://127.0.0.1:9/', intervalSeconds: 3600 },
];

async function startServe(dataDir: string, clock: ManualClock) {
  const { headless } = await serveOnLoopback(dataDir, { monitors }, { clock });
  let stopped = false;
  const stop = async () => {
    if (!stopped) await headless.stop();
    stopped = true;
  };
  cleanups.push(stop);
  const base = headless.server.url;
  const history = async (id: string, window: string): Promise<MonitorHistory> => {
    const res = await fetch(`${base}/api/monitors/${id}/history?window=${window}`, {
      headers: { authorization: `Bearer ${headless.token}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as MonitorHistory;
  };
  const post = async (events: unknown[], secret = SECRET) => {
    const body = JSON.stringify(events);
    const res = await fetch(`${base}/events/solver`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-webhook-signature': createHmac('sha256', secret).update(body).digest('hex'),
      },
      body,
    });
    return res.status;
  };
  return { history, post, stop };
}

describe('the history API of a pipeline monitor over serve', () => {
  it('returns the pipeline series of every window, across a restart', async () => {
    const dataDir = tempDir();
    const clock = new ManualClock(START);
    const first = await startServe(dataDir, clock);
    // Three hours of results, one batch every 20 minutes; the last hour has one retry and one forgery.
    for (let i = 0; i < 9; i++) {
      const batch = [
        { event: 'task.completed', taskId: `ok-${i}`, solveMs: 9000 },
        { event: 'task.completed', taskId: `ok2-${i}`, solveMs: 11_000 },
        { event: 'task.failed', taskId: `f-${i}`, errorCode: 'ERROR_CAPTCHA_UNSOLVABLE' },
      ];
      expect(await first.post(batch)).toBe(202);
      clock.jump(20 * 60_000);
    }
    expect(await first.post([{ event: 'task.completed', taskId: 'ok-8' }])).toBe(202);
    expect(await first.post([{ event: 'task.completed', taskId: 'x' }], 'not-the-secret')).toBe(401);
    await first.stop();

    const again = await startServe(dataDir, clock);
    for (const window of HISTORY_WINDOWS) {
      const h = await again.history('solver', window);
      expect(h.window).toBe(window);
      const p = h.pipeline;
      if (!p) throw new Error(`no pipeline history for ${window}`);
      const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
      const expected = window === '1h' ? { completed: 6, failed: 3 } : { completed: 18, failed: 9 };
      expect(p.totals, window).toMatchObject({ ...expected, duplicates: 1, refused: 1 });
      expect(p.totals.successRate).toBeCloseTo(2 / 3);
      expect(p.totals.solveP95Ms).toBeGreaterThan(7000);
      expect(p.totals.solveP95Ms).toBeLessThanOrEqual(11_000);
      expect(p.errors).toEqual([{ code: 'ERROR_CAPTCHA_UNSOLVABLE', count: expected.failed }]);
      expect(sum(p.series.completed)).toBe(expected.completed);
      expect(sum(p.series.failed)).toBe(expected.failed);
      expect(sum(p.series.duplicates)).toBe(1);
      expect(sum(p.series.refused)).toBe(1);
      expect(p.series.successRate.some((v) => v !== null && Math.abs(v - 2 / 3) < 1e-9)).toBe(true);
      expect(p.series.solveP95Ms.some((v) => v !== null)).toBe(true);
      expect(p.series.t.length).toBeGreaterThan(1);
    }
    expect((await again.history('site', '24h')).pipeline).toBeUndefined();
  });
});
