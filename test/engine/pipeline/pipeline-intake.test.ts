import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config, PipelineMonitor } from '../../../src-main/api/config-schema.ts';
import { parseConfig } from '../../../src-main/engine/config/parse-config.ts';
import { closeDatabase, openDatabase } from '../../../src-main/engine/history/open-database.ts';
import { signBody } from '../../../src-main/engine/pipeline/event-auth.ts';
import { type EventRequest, PipelineIntake } from '../../../src-main/engine/pipeline/pipeline-intake.ts';
import { ManualClock } from '../../support/manual-clock.ts';
import { temporaryDirs } from '../../support/temp-dir.ts';

const tempDir = temporaryDirs();
const SECRET = 'whsec_test_secret';
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

function setup(fields: Record<string, unknown> = {}, file = join(tempDir(), 'history.sqlite')) {
  const parsed = parseConfig({
    monitors: [{ id: 'solver', type: 'pipeline', signingSecret: SECRET, token: 'tok-12345', ...fields }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const config: Config = parsed.config;
  const clock = new ManualClock(Date.UTC(2026, 2, 28, 12));
  const { db } = openDatabase(file);
  closers.push(() => closeDatabase(db));
  const intake = new PipelineIntake({
    db,
    clock,
    config: () => config,
    resolveSecret: (s) => (typeof s === 'string' ? s : null),
  });
  const monitor = config.monitors[0] as PipelineMonitor;
  const post = (body: unknown, headers: Record<string, string> = {}, queryToken: string | null = null) => {
    const raw = Buffer.from(JSON.stringify(body));
    const all: Record<string, string> = { 'x-webhook-signature': signBody(raw, SECRET), ...headers };
    const request: EventRequest = {
      rawBody: raw,
      header: (name) => all[name.toLowerCase()],
      queryToken,
      remoteAddress: '203.0.113.7',
    };
    return intake.receive('solver', request);
  };
  const values = () => intake.reading(monitor).values;
  return { intake, clock, post, values, monitor, file };
}

const completed = (taskId: string, extra: Record<string, unknown> = {}) => ({
  event: 'task.completed',
  taskId,
  ...extra,
});
const failed = (taskId: string, errorCode: string) => ({ event: 'task.failed', taskId, errorCode });

describe('PipelineIntake', () => {
  it('counts signed results and reports the rates and the breakdown, largest first', () => {
    const { post, values } = setup();
    const batch = [
      ...Array.from({ length: 155 }, (_, i) => completed(`ok-${i}`, { solveMs: 20_000 })),
      ...Array.from({ length: 30 }, (_, i) => failed(`f-${i}`, 'ERROR_CAPTCHA_UNSOLVABLE')),
      ...Array.from({ length: 15 }, (_, i) => failed(`t-${i}`, 'TIMEOUT')),
    ];
    expect(post(batch)).toEqual({ status: 202, body: { accepted: 200, duplicates: 0, rejected: [] } });
    expect(values()).toMatchObject({
      tasks: 200,
      completed: 155,
      failed: 45,
      success_rate: 0.775,
      error_rate: 0.225,
      error_breakdown: '{"ERROR_CAPTCHA_UNSOLVABLE":30,"TIMEOUT":15}',
      top_error_code: 'ERROR_CAPTCHA_UNSOLVABLE',
      events_per_min: 200,
    });
    expect(values().solve_p95_ms).toBeGreaterThan(15_000);
    expect(values().solve_p95_ms).toBeLessThanOrEqual(20_000);
  });

  it('refuses a request that is neither signed nor carries the token, counting only the refusal', () => {
    const { post, values } = setup();
    const forged = post(completed('t1'), { 'x-webhook-signature': '0'.repeat(64) });
    expect(forged).toMatchObject({ status: 401 });
    expect(values()).toMatchObject({ tasks: 0, invalid_signatures: 1, refused_from: '203.0.113.7' });
  });

  it('accepts the token as a bearer or ?token= instead of a signature', () => {
    const { post, values } = setup();
    expect(
      post(completed('t1'), { 'x-webhook-signature': '', authorization: 'Bearer tok-12345' }).status,
    ).toBe(202);
    expect(post(completed('t2'), { 'x-webhook-signature': '' }, 'tok-12345').status).toBe(202);
    expect(post(completed('t3'), { 'x-webhook-signature': '' }, 'wrong-token').status).toBe(401);
    expect(values()).toMatchObject({ tasks: 2, invalid_signatures: 1 });
  });

  it('rejects bad items by index and still counts the rest of the batch', () => {
    const { post, values } = setup();
    const r = post([completed('a'), { event: 'task.completed' }, 'x', failed('b', 'ERROR_TIMEOUT')]);
    expect(r).toEqual({
      status: 202,
      body: {
        accepted: 2,
        duplicates: 0,
        rejected: [
          { index: 1, reason: 'taskId is required for task.completed' },
          { index: 2, reason: 'must be a JSON object' },
        ],
      },
    });
    expect(values()).toMatchObject({ tasks: 2, failed: 1 });
  });

  it('counts a retry as a duplicate, never twice in a rate, also after a restart', () => {
    const first = setup();
    first.post([completed('t1'), failed('t2', 'ERROR_TIMEOUT')]);
    expect(first.post(completed('t1'))).toMatchObject({ body: { accepted: 0, duplicates: 1 } });
    expect(first.values()).toMatchObject({ tasks: 2, duplicates: 1 });

    const again = setup({}, first.file);
    again.clock.jump(3_600_000);
    expect(again.post([completed('t1'), completed('t3')])).toMatchObject({
      body: { accepted: 1, duplicates: 1 },
    });
  });

  it('reports the delivery rate with the missed task ids and the pending ones (seed 000)', async () => {
    const { post, values, clock } = setup({ deliveryTimeoutSeconds: 60, windowSeconds: 300 });
    post(Array.from({ length: 10 }, (_, i) => ({ event: 'task.submitted', taskId: `t${i}` })));
    await clock.advance(30_000);
    post(Array.from({ length: 8 }, (_, i) => ({ event: 'callback.received', taskId: `t${i}` })));
    expect(values()).toMatchObject({ pending: 2 });
    expect(values().delivery_rate).toBeUndefined();
    await clock.advance(40_000);
    // t9's callback comes after its deadline: still missed.
    post({ event: 'callback.received', taskId: 't9' });
    expect(values()).toMatchObject({
      delivery_rate: 0.8,
      missed_count: 2,
      missed: '["t8","t9"]',
      pending: 0,
    });
  });

  it('reports queue depth, workers and the drain time', () => {
    const { post, values } = setup();
    post([
      ...Array.from({ length: 50 }, (_, i) => completed(`c${i}`)),
      { event: 'task.submitted', taskId: 'q1', queueDepth: 600, workers: 4 },
    ]);
    // 50 completions in a 5-minute window: 10 a minute, 600 queued → 60 minutes.
    expect(values()).toMatchObject({ queue_depth: 600, workers: 4, drain_minutes: 60 });
  });

  it('reports a balance.low webhook', () => {
    const { post, values } = setup();
    post({ event: 'balance.low', balance: 45.5, threshold: 50, timestamp: '2026-03-28T12:00:00Z' });
    expect(values()).toMatchObject({ balance_low: 1, provider_balance: 45.5, provider_threshold: 50 });
  });

  it('reads the last minute against the 10 before it: spike and drop (seed 003)', async () => {
    const { post, values, clock } = setup();
    let n = 0;
    for (let minute = 0; minute < 11; minute++) {
      post(Array.from({ length: 6 }, () => completed(`m${n++}`)));
      await clock.advance(60_000);
    }
    expect(values()).toMatchObject({ avg_events_per_min: 6 });
    post(Array.from({ length: 40 }, () => completed(`m${n++}`)));
    expect(values()).toMatchObject({ events_per_min: 40 });
    expect(values().rate_vs_average as number).toBeGreaterThan(5);
    await clock.advance(120_000);
    expect(values()).toMatchObject({ events_per_min: 0 });
    expect(values().avg_events_per_min as number).toBeGreaterThan(5);
  });

  it('goes stale after 5x the recent average gap, at least 60 s, or after staleSeconds', async () => {
    const { post, values, clock } = setup({ staleSeconds: 300 });
    for (let i = 0; i < 5; i++) {
      post(completed(`s${i}`));
      await clock.advance(10_000);
    }
    expect(values()).toMatchObject({ stale_after_seconds: 60 });
    await clock.advance(60_000);
    expect(values().seconds_since_last_event as number).toBeGreaterThan(60);
  });

  it('answers 404 for a monitor that is not a pipeline', () => {
    const { intake } = setup();
    const r = intake.receive('nope', {
      rawBody: Buffer.from('{}'),
      header: () => undefined,
      queryToken: null,
      remoteAddress: null,
    });
    expect(r.status).toBe(404);
  });
});
