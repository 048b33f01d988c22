import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it } from 'vitest';
import type { MonitorStatus, StateSnapshot } from '../../src-main/api/contract.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { serveOnLoopback } from '../support/serve-on-loopback.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const SECRET = 'whsec_e2e_0123456789';
const TOKEN = 'pipeline-token-1';
const tempDir = temporaryDirs();
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const pipeline = (fields: Record<string, unknown> = {}) => ({
  id: 'solver',
  name: 'Solver pipeline',
  type: 'pipeline',
  signingSecret: SECRET,
  token: TOKEN,
  intervalSeconds: 3600,
  failThreshold: 1,
  ...fields,
});

async function startServe(monitors: unknown[], dataDir = tempDir()) {
  const clock = new ManualClock(Date.UTC(2026, 2, 28, 12));
  const { headless } = await serveOnLoopback(
    dataDir,
    { monitors },
    {
      clock,
      // Phase 0: a scheduled check never lands inside a jump of the clock; the test checks when it means to.
      random: () => 0,
    },
  );
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await headless.stop();
  };
  cleanups.push(stop);
  const base = headless.server.url;
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${headless.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return res.json() as Promise<unknown>;
  };
  /** Checks the monitor now and returns its status. */
  const status = async (id = 'solver'): Promise<MonitorStatus> => {
    await api('POST', '/api/check', { id });
    const state = (await api('GET', '/api/state')) as StateSnapshot;
    const m = state.monitors.find((x) => x.id === id);
    if (!m) throw new Error(`no monitor ${id}`);
    return m;
  };
  return { headless, clock, base, api, status, stop, dataDir };
}

const sign = (body: string, secret = SECRET) => createHmac('sha256', secret).update(body).digest('hex');

async function postEvents(
  base: string,
  events: unknown,
  options: { signature?: string | null; headers?: Record<string, string>; query?: string; id?: string } = {},
) {
  const body = typeof events === 'string' ? events : JSON.stringify(events);
  const signature = options.signature === undefined ? sign(body) : options.signature;
  const res = await fetch(`${base}/events/${options.id ?? 'solver'}${options.query ?? ''}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature === null ? {} : { 'x-webhook-signature': signature }),
      ...options.headers,
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text) as Record<string, unknown> };
}

const breached = (m: MonitorStatus) => m.breached.map((r) => r.ruleId);

describe('POST /events/:monitorId against serve', () => {
  it('takes signed provider webhooks (seed 004) and refuses forged ones', async () => {
    const s = await startServe([pipeline()]);
    const completed = {
      event: 'task.completed',
      taskId: 'task_abc123',
      status: 'ready',
      solution: { token: '0.mF7gg2...', userAgent: 'Mozilla/5.0...' },
      timestamp: '2026-03-28T12:00:00Z',
    };
    expect(await postEvents(s.base, completed)).toEqual({
      status: 202,
      json: { accepted: 1, duplicates: 0, rejected: [] },
    });
    const failed = {
      event: 'task.failed',
      taskId: 'task_def456',
      status: 'failed',
      errorId: 10,
      errorCode: 'ERROR_CAPTCHA_UNSOLVABLE',
      timestamp: '2026-03-28T12:00:00Z',
    };
    expect((await postEvents(s.base, failed)).status).toBe(202);
    const forged = await postEvents(s.base, completed, {
      signature: sign(JSON.stringify(completed), 'guess'),
    });
    expect(forged.status).toBe(401);
    expect((await postEvents(s.base, completed, { signature: null })).status).toBe(401);

    const m = await s.status();
    expect(m.values).toMatchObject({
      tasks: 2,
      completed: 1,
      failed: 1,
      success_rate: 0.5,
      invalid_signatures: 2,
      refused_from: '127.0.0.1',
      error_breakdown: '{"ERROR_CAPTCHA_UNSOLVABLE":1}',
    });
    expect(m.value).toBe(0.5);
    expect(m.url).toBe('/events/solver');
    expect(breached(m)).toContain('forged');
    expect(m.state).toBe('critical');
  });

  it("takes the user's own events with the monitor token as a bearer or ?token=, never the API token", async () => {
    const s = await startServe([pipeline()]);
    const event = { event: 'task.completed', taskId: 't1', solveMs: 18_000 };
    const bearer = await postEvents(s.base, event, {
      signature: null,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(bearer.status).toBe(202);
    const query = await postEvents(
      s.base,
      { ...event, taskId: 't2' },
      { signature: null, query: `?token=${TOKEN}` },
    );
    expect(query.status).toBe(202);
    const apiToken = await postEvents(
      s.base,
      { ...event, taskId: 't3' },
      {
        signature: null,
        headers: { authorization: `Bearer ${s.headless.token}` },
      },
    );
    expect(apiToken.status).toBe(401);
    expect((await s.status()).values).toMatchObject({ tasks: 2, solve_p95_ms: 18_000, solve_avg_ms: 18_000 });
  });

  it('rejects the bad items of a batch by index, naming the field, and counts the rest', async () => {
    const s = await startServe([pipeline()]);
    const r = await postEvents(s.base, [
      { event: 'task.submitted', taskId: 'a' },
      { event: 'task.completed', taskId: 'a', solveMs: 'fast' },
      { event: 'task.completed', taskId: 'a' },
      { event: 'task.exploded', taskId: 'b' },
    ]);
    expect(r).toEqual({
      status: 202,
      json: {
        accepted: 2,
        duplicates: 0,
        rejected: [
          { index: 1, reason: 'solveMs must be a number ≥ 0' },
          {
            index: 3,
            reason:
              'event must be one of task.submitted, task.completed, task.failed, callback.received, balance.low',
          },
        ],
      },
    });
  });

  it('answers 404, 405, 400 and 413 on bad requests, never a 500, and keeps serving', async () => {
    const s = await startServe([pipeline(), { id: 'beat', type: 'heartbeat', periodSeconds: 60 }]);
    expect((await postEvents(s.base, {}, { id: 'nope' })).status).toBe(404);
    expect((await postEvents(s.base, {}, { id: 'beat' })).status).toBe(404);
    expect((await fetch(`${s.base}/events/solver`)).status).toBe(405);
    expect((await postEvents(s.base, '{"event":')).status).toBe(400);
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ event: 'task.completed', taskId: `t${i}` }));
    expect((await postEvents(s.base, tooMany)).status).toBe(413);
    const big = JSON.stringify({ event: 'task.completed', taskId: 't', pad: 'x'.repeat(1_048_576) });
    expect((await postEvents(s.base, big)).status).toBe(413);
    expect(await chunkedTooLarge(s.base)).toBe(413);
    expect((await fetch(`${s.base}/healthz`)).status).toBe(200);
  });

  it('recognises a retry an hour later, after a restart, as a duplicate (seed 002)', async () => {
    const dataDir = tempDir();
    const first = await startServe([pipeline()], dataDir);
    const event = { event: 'task.completed', taskId: 'task_retry' };
    expect((await postEvents(first.base, event)).json).toMatchObject({ accepted: 1, duplicates: 0 });
    expect((await postEvents(first.base, event)).json).toMatchObject({ accepted: 0, duplicates: 1 });
    await first.stop();
    const second = await startServe([pipeline()], dataDir);
    second.clock.jump(3_600_000);
    expect((await postEvents(second.base, event)).json).toMatchObject({ accepted: 0, duplicates: 1 });
    const m = await second.status();
    expect(m.values).toMatchObject({ duplicates: 1, tasks: 0 });
  });

  it('reports the delivery rate with the missed task ids under the engine clock (seed 000)', async () => {
    const s = await startServe([pipeline({ deliveryTimeoutSeconds: 120 })]);
    const ids = Array.from({ length: 20 }, (_, i) => `task_${i}`);
    await postEvents(
      s.base,
      ids.map((taskId) => ({ event: 'task.submitted', taskId })),
    );
    await s.clock.advance(60_000);
    await postEvents(
      s.base,
      ids.slice(0, 16).map((taskId) => ({ event: 'callback.received', taskId })),
    );
    expect((await s.status()).values).toMatchObject({ pending: 4 });
    await s.clock.advance(61_000);
    const m = await s.status();
    expect(m.values).toMatchObject({
      delivery_rate: 0.8,
      missed_count: 4,
      missed: JSON.stringify(ids.slice(16)),
      pending: 0,
    });
    expect(breached(m)).toContain('delivery-rate');
  });

  it('sees a traffic spike and a drop against the 10-minute average (seed 003)', async () => {
    const s = await startServe([pipeline({ staleSeconds: null })]);
    let n = 0;
    const results = (count: number) =>
      postEvents(
        s.base,
        Array.from({ length: count }, () => ({ event: 'task.completed', taskId: `t${n++}` })),
      );
    for (let minute = 0; minute < 11; minute++) {
      await results(8);
      await s.clock.advance(60_000);
    }
    await results(60);
    const spike = await s.status();
    expect(spike.values).toMatchObject({ events_per_min: 60, avg_events_per_min: 8 });
    expect(breached(spike)).toContain('traffic-spike');
    await s.clock.advance(60_000);
    const drop = await s.status();
    expect(drop.values.events_per_min).toBe(0);
    expect(breached(drop)).toContain('traffic-drop');
    expect(breached(drop)).not.toContain('traffic-spike');
  });

  it('raises the queue rule and a balance.low event', async () => {
    const s = await startServe([pipeline({ queueWarn: 500 })]);
    await postEvents(s.base, [
      ...Array.from({ length: 25 }, (_, i) => ({ event: 'task.completed', taskId: `c${i}` })),
      { event: 'task.submitted', taskId: 'q', queueDepth: 750, workers: 3 },
      { event: 'balance.low', balance: 45.5, threshold: 50, timestamp: '2026-03-28T12:00:00Z' },
    ]);
    const m = await s.status();
    expect(m.values).toMatchObject({
      queue_depth: 750,
      workers: 3,
      drain_minutes: 150,
      provider_balance: 45.5,
    });
    expect(breached(m)).toEqual(expect.arrayContaining(['queue', 'provider-balance']));
    expect(m.state).toBe('warning');
  });

  it('fires error-rate over errorRateMinTasks only', async () => {
    const s = await startServe([pipeline()]);
    const few = Array.from({ length: 5 }, (_, i) => ({
      event: 'task.failed',
      taskId: `f${i}`,
      errorCode: 'TIMEOUT',
    }));
    await postEvents(s.base, few);
    expect(breached(await s.status())).not.toContain('error-rate');
    await postEvents(
      s.base,
      Array.from({ length: 10 }, (_, i) => ({ event: 'task.failed', taskId: `g${i}`, errorCode: 'TIMEOUT' })),
    );
    const m = await s.status();
    expect(breached(m)).toContain('error-rate');
    expect(m.state).toBe('critical');
  });

  it('exposes the pipeline series on /metrics, readable by a Prometheus parser', async () => {
    const s = await startServe([pipeline()]);
    await postEvents(s.base, [
      { event: 'task.submitted', taskId: 'a', queueDepth: 42 },
      { event: 'task.completed', taskId: 'a' },
      { event: 'task.failed', taskId: 'b', errorCode: 'ERROR_TIMEOUT' },
      { event: 'task.failed', taskId: 'c', errorCode: 'ERROR_TIMEOUT' },
      { event: 'task.failed', taskId: 'c', errorCode: 'ERROR_TIMEOUT' },
      { event: 'nope' },
    ]);
    await postEvents(s.base, { event: 'task.completed', taskId: 'x' }, { signature: 'f'.repeat(64) });
    await s.status();
    const res = await fetch(`${s.base}/metrics`, {
      headers: { authorization: `Bearer ${s.headless.token}` },
    });
    const text = await res.text();
    expect(text).not.toContain(SECRET);
    const families = parsePrometheusTextFormat(text);
    const value = (name: string, labels: Record<string, string>) =>
      families
        .find((f) => f.name === name)
        ?.metrics.find((m) => 'labels' in m && Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))
        ?.value;
    expect(value('solvewatch_pipeline_events_total', { monitor: 'solver', event: 'task.failed' })).toBe('2');
    expect(value('solvewatch_pipeline_events_total', { monitor: 'solver', event: 'task.submitted' })).toBe(
      '1',
    );
    expect(value('solvewatch_pipeline_errors_total', { monitor: 'solver', code: 'ERROR_TIMEOUT' })).toBe('2');
    expect(value('solvewatch_pipeline_rejected_total', { monitor: 'solver', reason: 'duplicate' })).toBe('1');
    expect(value('solvewatch_pipeline_rejected_total', { monitor: 'solver', reason: 'invalid_event' })).toBe(
      '1',
    );
    expect(
      value('solvewatch_pipeline_rejected_total', { monitor: 'solver', reason: 'invalid_signature' }),
    ).toBe('1');
    expect(Number(value('solvewatch_pipeline_success_ratio', { monitor: 'solver' }))).toBeCloseTo(1 / 3, 3);
    expect(value('solvewatch_pipeline_queue_depth', { monitor: 'solver' })).toBe('42');
  });
});

/** A chunked body (no Content-Length) that goes past 1 MiB: refused while it is read. */
function chunkedTooLarge(base: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${base}/events/solver`);
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'x-webhook-signature': 'x' },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < 40) {
        sent++;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}
