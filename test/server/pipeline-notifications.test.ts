import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { StateSnapshot } from '../../src-main/api/contract.ts';
import { startFakeCallbackHealth } from '../../src-main/fakes/callback-health-server.ts';
import { startFakeDiscord } from '../../src-main/fakes/discord-server.ts';
import { startFakeWebhookReceiver } from '../../src-main/fakes/webhook-receiver-server.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { serveOnLoopback } from '../support/serve-on-loopback.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const SECRET = 'whsec_notify_0123456789';
const tempDir = temporaryDirs();
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startServe(config: unknown) {
  const dataDir = tempDir();
  const clock = new ManualClock(Date.UTC(2026, 2, 28, 12));
  const { headless } = await serveOnLoopback(dataDir, config, {
    clock,
    // Phase 0: a scheduled check never lands inside a jump of the clock; the test checks when it means to.
    random: () => 0,
  });
  cleanups.push(() => headless.stop());
  const base = headless.server.url;
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${headless.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return res.json() as Promise<unknown>;
  };
  const post = async (events: unknown[]) => {
    const body = JSON.stringify(events);
    const res = await fetch(`${base}/events/solver`, {
      method: 'POST',
      headers: { 'x-webhook-signature': createHmac('sha256', SECRET).update(body).digest('hex') },
      body,
    });
    expect(res.status).toBe(202);
  };
  const check = async (id: string) => {
    await api('POST', '/api/check', { id });
    await headless.engine.notificationsIdle();
  };
  return { headless, clock, api, post, check };
}

const results = (prefix: string, completed: number, failures: Record<string, number>) => [
  ...Array.from({ length: completed }, (_, i) => ({ event: 'task.completed', taskId: `${prefix}-ok-${i}` })),
  ...Object.entries(failures).flatMap(([code, n]) =>
    Array.from({ length: n }, (_, i) => ({
      event: 'task.failed',
      taskId: `${prefix}-${code}-${i}`,
      errorCode: code,
    })),
  ),
];

describe('pipeline notifications through serve', () => {
  it('sends the error-rate spike embed and the recovery with the success rates (seed 001)', async () => {
    const discord = await startFakeDiscord();
    cleanups.push(() => discord.close());
    const s = await startServe({
      monitors: [
        {
          id: 'solver',
          name: 'Solver pipeline',
          type: 'pipeline',
          signingSecret: SECRET,
          intervalSeconds: 3600,
          failThreshold: 1,
          recoverThreshold: 1,
        },
      ],
      notifications: { desktop: false, groupWindowSeconds: 0, discord: { webhookUrl: discord.webhookUrl() } },
    });
    await s.post(results('a', 155, { ERROR_CAPTCHA_UNSOLVABLE: 30, TIMEOUT: 15 }));
    await s.check('solver');
    expect(discord.received).toHaveLength(1);
    const spike = discord.received[0]?.body as { embeds: unknown[] };
    expect(spike.embeds).toEqual([
      {
        title: '⚠️ Error Rate Spike',
        description: 'Error rate: **22.5%** (45/200)',
        color: 0xe74c3c,
        fields: [
          {
            name: 'Error Breakdown',
            value: '• `ERROR_CAPTCHA_UNSOLVABLE`: 30\n• `TIMEOUT`: 15',
            inline: false,
          },
          { name: 'Window', value: 'Last 5 minutes', inline: true },
        ],
        author: { name: 'Solver pipeline' },
        footer: { text: 'Solvewatch' },
        timestamp: new Date(s.clock.now()).toISOString(),
      },
    ]);

    await s.clock.advance(320_000);
    await s.post(results('b', 96, { TIMEOUT: 4 }));
    await s.check('solver');
    expect(discord.received).toHaveLength(2);
    const recovered = discord.received[1]?.body as { embeds: Array<Record<string, unknown>> };
    expect(recovered.embeds[0]).toMatchObject({
      title: '✅ Pipeline Recovered',
      description: 'Solve rate recovered: 77.5% → 96.0%',
      color: 0x2ecc71,
    });

    const summary = (await s.api('GET', '/api/summary')) as { pipeline?: Record<string, unknown> };
    expect(summary.pipeline).toEqual({
      tasks: 300,
      completed: 251,
      failed: 49,
      successRate: 251 / 300,
      solveAvgMs: null,
      cost: null,
      peakQueue: null,
    });
  });

  it("carries a callback-health endpoint's error_breakdown to the status and the error-rate embed", async () => {
    const discord = await startFakeDiscord();
    const endpoint = await startFakeCallbackHealth({
      metrics: {
        total_received: 1000,
        total_errors: 200,
        error_breakdown: { ValueError: 50, TimeoutError: 150 },
      },
    });
    cleanups.push(
      () => discord.close(),
      () => endpoint.close(),
    );
    const s = await startServe({
      monitors: [
        {
          id: 'callbacks',
          type: 'callback-health',
          url: endpoint.url,
          intervalSeconds: 3600,
          failThreshold: 1,
        },
      ],
      notifications: { desktop: false, groupWindowSeconds: 0, discord: { webhookUrl: discord.webhookUrl() } },
    });
    await s.check('callbacks');
    const state = (await s.api('GET', '/api/state')) as StateSnapshot;
    expect(state.monitors[0]?.values.error_breakdown).toBe('{"TimeoutError":150,"ValueError":50}');
    const body = discord.received[0]?.body as {
      embeds: Array<{ fields: Array<{ name: string; value: string }> }>;
    };
    expect(body.embeds[0]?.fields).toContainEqual({
      name: 'Top errors',
      value: '• `TimeoutError`: 150\n• `ValueError`: 50',
    });
  });
});

describe('webhook-receiver through serve', () => {
  it('is ok for a receiver that checks signatures and critical for one that does not (seed 004)', async () => {
    const verifying = await startFakeWebhookReceiver({ secret: SECRET });
    const careless = await startFakeWebhookReceiver({ secret: SECRET, mode: 'accepts-all' });
    cleanups.push(
      () => verifying.close(),
      () => careless.close(),
    );
    const receiver = (id: string, url: string) => ({
      id,
      type: 'webhook-receiver',
      url,
      signingSecret: SECRET,
      intervalSeconds: 3600,
      failThreshold: 1,
    });
    const s = await startServe({
      monitors: [receiver('checks', verifying.url), receiver('careless', careless.url)],
      notifications: { desktop: false },
    });
    await s.check('checks');
    await s.check('careless');
    const state = (await s.api('GET', '/api/state')) as StateSnapshot;
    const byId = (id: string) => state.monitors.find((m) => m.id === id);
    expect(byId('checks')).toMatchObject({
      state: 'ok',
      values: { forged_accepted: false, forged_status: 401 },
    });
    expect(byId('careless')?.state).toBe('critical');
    expect(byId('careless')?.breached.map((r) => r.ruleId)).toEqual(['accepts-forged']);
    expect(verifying.refused).toBe(1);
  });
});
