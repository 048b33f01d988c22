import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../src-main/demo/demo-monitors.ts';
import { createDemo } from '../../src-main/demo/demo-pipeline.ts';
import { parseConfig } from '../../src-main/engine/config/parse-config.ts';
import type { DemoSetup } from '../../src-main/engine/host/demo-port.ts';
import { signatureMatches } from '../../src-main/engine/pipeline/event-auth.ts';
import type { EventRequest, IntakeResult } from '../../src-main/engine/pipeline/pipeline-intake.ts';
import { ManualClock } from '../support/manual-clock.ts';

const CYCLE = 20;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const accepted = (): IntakeResult => ({ status: 202, body: { accepted: 0, duplicates: 0, rejected: [] } });

function demo(clock = new ManualClock()) {
  const port = createDemo({ cycleSeconds: CYCLE, clock });
  cleanups.push(() => port.stop());
  const beats: Array<{ id: string; at: number }> = [];
  const posts: Array<{ id: string; at: number; request: EventRequest }> = [];
  let answer: (id: string) => IntakeResult = accepted;
  const start = () =>
    port.start({
      beat: (id) => {
        beats.push({ id, at: clock.now() });
        return 'recorded';
      },
      ingestEvents: (id, request) => {
        posts.push({ id, at: clock.now(), request });
        return answer(id);
      },
    });
  const answerWith = (a: typeof answer) => {
    answer = a;
  };
  return { port, clock, beats, posts, start, answerWith };
}

function urlOf(setup: DemoSetup, id: string): string {
  const monitor = setup.monitors.find((m) => m.id === id);
  if (!monitor) throw new Error(`no monitor ${id}`);
  if (monitor.type === 'balance') return `${monitor.baseUrl}/res.php`;
  if (monitor.type === 'heartbeat' || monitor.type === 'tcp' || monitor.type === 'pipeline')
    throw new Error(`a ${monitor.type} monitor has no URL`);
  return monitor.url;
}

async function balance(setup: DemoSetup, key = DEMO_API_KEY): Promise<unknown> {
  const res = await fetch(`${urlOf(setup, 'demo-balance')}?key=${key}&action=getbalance&json=1`);
  return res.json();
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return false;
  } catch (err) {
    return (err as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
  }
}

async function postToSink(webhookUrl: string, title: string) {
  const res = await fetch(webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      embeds: [{ title, color: 0xe74c3c, fields: [{ name: 'Balance', value: '$1.60' }] }],
    }),
  });
  expect(res.status).toBe(204);
}

describe('the demo pipeline', () => {
  it('offers five demo- monitors and a Discord sink, all valid config on 127.0.0.1', async () => {
    const { start } = demo();
    const setup = await start();
    expect(setup.monitors.map((m) => m.id)).toEqual([
      'demo-balance',
      'demo-callbacks',
      'demo-solver-api',
      'demo-heartbeat',
      'demo-pipeline',
    ]);
    expect(setup.monitors.every((m) => m.name?.endsWith('(demo)'))).toBe(true);
    for (const id of ['demo-balance', 'demo-callbacks', 'demo-solver-api']) {
      expect(new URL(urlOf(setup, id)).hostname).toBe('127.0.0.1');
    }
    expect(setup.discordWebhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/webhooks\/\d+\/\S+$/);
    const parsed = parseConfig({
      monitors: setup.monitors,
      notifications: { discord: { webhookUrl: setup.discordWebhookUrl } },
    });
    expect(parsed.ok).toBe(true);
  });

  it('serves a CaptchaAI balance that drains and is topped up, to the demo key only', async () => {
    const { start, clock } = demo();
    const setup = await start();
    expect(await balance(setup)).toEqual({ status: 1, request: '14' });
    expect(await balance(setup, 'someone-elses-key')).toEqual({ status: 0, request: 'ERROR_WRONG_USER_KEY' });

    await clock.advance(0.3 * CYCLE * 1000);
    expect(await balance(setup)).toEqual({ status: 1, request: '8' });
    await clock.advance(0.35 * CYCLE * 1000);
    expect(await balance(setup)).toEqual({ status: 1, request: '1' });
    await clock.advance(0.15 * CYCLE * 1000);
    expect(await balance(setup)).toEqual({ status: 1, request: '14' });
  });

  it('serves callback health and a solver API that degrade and recover as scripted', async () => {
    const { start, clock } = demo();
    const setup = await start();
    const callbacks = urlOf(setup, 'demo-callbacks');
    const solver = urlOf(setup, 'demo-solver-api');
    const seen: Array<[number, string, number]> = [];
    const look = async () => {
      const health = await fetch(callbacks);
      const report = (await health.json()) as { status: string };
      const api = await fetch(solver);
      await api.arrayBuffer();
      seen.push([health.status, report.status, api.status]);
    };

    await look(); // 0
    await clock.advance(0.25 * CYCLE * 1000);
    await look(); // 0.25: stale
    await clock.advance(0.3 * CYCLE * 1000);
    await look(); // 0.55: slow p95 (still 200 and healthy), solver API failing
    await clock.advance(0.25 * CYCLE * 1000);
    await look(); // 0.8: all well again

    expect(seen).toEqual([
      [200, 'healthy', 200],
      [503, 'stale', 200],
      [200, 'healthy', 500],
      [200, 'healthy', 200],
    ]);
  });

  it('sends heartbeats every beat, pausing for a stretch of each cycle', async () => {
    const { start, clock, beats } = demo();
    const startedAt = clock.now();
    await start();
    await clock.advance(CYCLE * 1000);
    const offsets = beats.map((b) => (b.at - startedAt) / (CYCLE * 1000));
    expect(new Set(beats.map((b) => b.id))).toEqual(new Set(['demo-heartbeat']));
    expect(offsets.filter((f) => f < 0.4).length).toBeGreaterThanOrEqual(7);
    expect(offsets.filter((f) => f >= 0.4 && f < 0.7)).toEqual([]);
    expect(offsets.filter((f) => f >= 0.7).length).toBeGreaterThanOrEqual(5);
  });

  it('sends the first heartbeat again on the next tick until the engine has saved the monitor', async () => {
    const clock = new ManualClock();
    const port = createDemo({ cycleSeconds: CYCLE, clock });
    cleanups.push(() => port.stop());
    let saved = false;
    let attempts = 0;
    const recorded: number[] = [];
    await port.start({
      beat: () => {
        attempts++;
        if (!saved) return 'not-found';
        recorded.push(clock.now());
        return 'recorded';
      },
      ingestEvents: accepted,
    });
    await clock.advance(1000);
    expect(recorded).toEqual([]);
    expect(attempts).toBeGreaterThan(1);
    saved = true;
    const savedAt = clock.now();
    await clock.advance(300);
    expect(recorded).toHaveLength(1);
    expect((recorded[0] as number) - savedAt).toBeLessThanOrEqual(250);
  });

  it('posts the pipeline monitor task events signed with its secret, and one forged event a cycle', async () => {
    const { start, clock, posts } = demo();
    const setup = await start();
    const monitor = setup.monitors.find((m) => m.id === 'demo-pipeline');
    if (monitor?.type !== 'pipeline' || typeof monitor.signingSecret !== 'string')
      throw new Error('no pipeline monitor with a signing secret');
    const secret = monitor.signingSecret;
    await clock.advance(60_000);

    expect(new Set(posts.map((p) => p.id))).toEqual(new Set(['demo-pipeline']));
    const signedWith = (p: (typeof posts)[number]) =>
      signatureMatches(p.request.rawBody, p.request.header('X-Webhook-Signature'), secret);
    const forged = posts.filter((p) => !signedWith(p));
    expect(forged).toHaveLength(1);
    expect(forged[0]?.request.remoteAddress).toBe('203.0.113.66');
    const events = posts
      .filter(signedWith)
      .flatMap((p) => [JSON.parse(Buffer.from(p.request.rawBody).toString('utf8'))].flat()) as Array<{
      event: string;
      taskId: string;
      errorCode?: string;
      queueDepth?: number;
    }>;
    const results = events.filter((e) => e.event !== 'task.submitted');
    expect(new Set(results.map((e) => e.taskId)).size).toBeLessThan(results.length);
    expect(new Set(results.flatMap((e) => (e.errorCode ? [e.errorCode] : [])))).toEqual(
      new Set(['ERROR_CAPTCHA_UNSOLVABLE', 'ERROR_TIMEOUT']),
    );
    expect(Math.max(...events.map((e) => e.queueDepth ?? 0))).toBeGreaterThan(500);
    // A handful a second, not a flood.
    expect(events.length / 60).toBeLessThan(10);
  });

  it('posts the first task events again until the engine has saved the pipeline monitor', async () => {
    const { start, clock, posts, answerWith } = demo();
    answerWith(() => ({ status: 404, error: 'no pipeline monitor with that id' }));
    await start();
    await clock.advance(1000);
    expect(posts.length).toBeGreaterThan(1);
    const refused = posts.length;
    answerWith(accepted);
    await clock.advance(250);
    await clock.advance(2000);
    const taskIds = posts
      .slice(refused)
      .flatMap((p) => [JSON.parse(Buffer.from(p.request.rawBody).toString('utf8'))].flat())
      .map((e: { taskId: string }) => e.taskId);
    // Task 0, submitted and completed, once each: resent while refused, never after.
    expect(taskIds.filter((id) => id.endsWith('-0'))).toHaveLength(2);
    expect(taskIds.length).toBeGreaterThan(2);
  });

  it('shows what its Discord sink received in the inbox, newest first', async () => {
    const { port, start } = demo();
    const setup = await start();
    expect(port.inbox()).toEqual([]);
    await postToSink(setup.discordWebhookUrl, 'Balance low');
    await postToSink(setup.discordWebhookUrl, 'Recovered');
    const inbox = port.inbox();
    expect(inbox.map((m) => m.embeds[0]?.title)).toEqual(['Recovered', 'Balance low']);
    expect(inbox[0]).toMatchObject({
      content: null,
      embeds: [{ title: 'Recovered', color: 0xe74c3c, fields: [{ name: 'Balance', value: '$1.60' }] }],
    });
    expect(inbox[0]?.receivedAt).toEqual(expect.any(Number));
  });

  it('closes every port and timer on stop', async () => {
    const { port, start, clock, beats } = demo();
    const setup = await start();
    expect(port.running()).toBe(true);
    await port.stop();
    expect(port.running()).toBe(false);
    expect(port.inbox()).toEqual([]);
    for (const url of [
      urlOf(setup, 'demo-balance'),
      urlOf(setup, 'demo-callbacks'),
      setup.discordWebhookUrl,
    ]) {
      expect(await refused(url)).toBe(true);
    }
    expect(clock.pendingTimers).toBe(0);
    const before = beats.length;
    await clock.advance(10_000);
    expect(beats.length).toBe(before);
  });

  it('restarts cleanly when started twice, leaving no server of the first run', async () => {
    const { port, start } = demo();
    const first = await start();
    const [second, third] = await Promise.all([start(), start()]);
    expect(port.running()).toBe(true);
    for (const setup of [first, second]) {
      expect(await refused(urlOf(setup, 'demo-callbacks'))).toBe(true);
      expect(await refused(setup.discordWebhookUrl)).toBe(true);
    }
    if (!third) throw new Error('no third setup');
    expect(await balance(third)).toEqual({ status: 1, request: '14' });
    expect((await fetch(urlOf(third, 'demo-callbacks'))).status).toBe(200);
  });

  it('starts again after a stop, with a fresh inbox', async () => {
    const { port, start } = demo();
    const first = await start();
    await postToSink(first.discordWebhookUrl, 'Down');
    await port.stop();
    const again = await start();
    expect(port.inbox()).toEqual([]);
    expect(await balance(again)).toEqual({ status: 1, request: '14' });
  });

  it.each([0, 5, 9.9, 3601, Number.NaN])('refuses a cycle of %s seconds', (cycleSeconds) => {
    expect(() => createDemo({ cycleSeconds })).toThrow(/cycleSeconds must be 10–3600/);
  });
});
