import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { validateDiscordWebhookUrl } from '../../../src-main/api/discord-webhook-url.ts';
import type { DeliveryResult } from '../../../src-main/api/notification-types.ts';
import {
  DiscordNotifier,
  type DiscordNotifierOptions,
  redactWebhookToken,
} from '../../../src-main/engine/notify/discord.ts';
import { WebhookRateLimiter } from '../../../src-main/engine/notify/rate-limit.ts';
import {
  type FakeDiscord,
  type FakeDiscordOptions,
  startFakeDiscord,
} from '../../../src-main/fakes/discord-server.ts';
import { alerts, notice, VirtualClock } from './fixtures.ts';

const ID = '112233445566778899';
const TOKEN = 'tok3n-S3CRET_abcdefghijklmnopqrstuvwxyz0123456789';
const ROLE = '123456789012345678';
const live = () => new AbortController().signal;

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function fake(options?: FakeDiscordOptions): Promise<FakeDiscord> {
  const d = await startFakeDiscord(options);
  cleanups.push(() => d.close());
  return d;
}

function notifier(options: DiscordNotifierOptions): DiscordNotifier {
  const n = new DiscordNotifier(options);
  cleanups.push(() => n.close());
  return n;
}

/** A clock for the fake that follows the notifier's virtual clock. */
async function setup(fakeOptions: Omit<FakeDiscordOptions, 'now'> = {}, mention?: string) {
  const clock = new VirtualClock();
  const d = await fake({ ...fakeOptions, now: () => clock.now() });
  const url = d.webhookUrl(ID, TOKEN);
  const n = notifier({ webhookUrl: url, clock, ...(mention && { mention }) });
  return { clock, d, url, n };
}

const down = alerts([notice()]);

describe('DiscordNotifier.send', () => {
  it('posts the embeds with ?wait=true and reports delivered', async () => {
    const { d, n } = await setup();
    expect(await n.send(down, live())).toEqual({ outcome: 'delivered', status: 200 });
    expect(d.received).toHaveLength(1);
    expect(d.received[0]?.webhook).toBe(ID);
    expect(d.received[0]?.query).toEqual({ wait: 'true' });
    const body = d.received[0]?.body as {
      username: string;
      embeds: Array<{ title: string }>;
      allowed_mentions: unknown;
    };
    expect(body.username).toBe('Solvewatch');
    expect(body.embeds.map((e) => e.title)).toEqual(['🔴 Down: Solver API']);
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('keeps query parameters such as thread_id', async () => {
    const clock = new VirtualClock();
    const d = await fake({ now: () => clock.now() });
    const n = notifier({ webhookUrl: `${d.webhookUrl(ID, TOKEN)}?thread_id=555555555555555555`, clock });
    expect((await n.send(down, live())).outcome).toBe('delivered');
    expect(d.received[0]?.query).toEqual({ thread_id: '555555555555555555', wait: 'true' });
  });

  it('pings the configured role on critical, and "@everyone" in a monitor name pings nobody', async () => {
    const { d, n } = await setup({}, `<@&${ROLE}>`);
    await n.send(alerts([notice({ monitorName: '@everyone look @here' })]), live());
    await n.send(
      alerts([notice({ kind: 'degraded', severity: 'warning', monitorName: '@everyone' })]),
      live(),
    );
    expect(d.received.map((r) => r.pings)).toEqual([
      { everyone: false, roles: [ROLE], users: [] },
      { everyone: false, roles: [], users: [] },
    ]);
  });

  it.each<[string, (d: FakeDiscord) => void, DeliveryResult]>([
    [
      'retry_after from the 429 body (fractional seconds)',
      (d) =>
        d.failNext(1, 429, {
          body: { message: 'You are being rate limited.', retry_after: 0.75, global: false },
          headers: { 'retry-after': '1' },
        }),
      {
        outcome: 'retry',
        status: 429,
        error: 'Discord rate limit (429), retry after 0.75 s',
        retryAfterMs: 750,
      },
    ],
    [
      'the Retry-After header when the body has none',
      (d) =>
        d.failNext(1, 429, { body: '<html>429 Too Many Requests</html>', headers: { 'retry-after': '3' } }),
      {
        outcome: 'retry',
        status: 429,
        error: 'Discord rate limit (429), retry after 3 s',
        retryAfterMs: 3000,
      },
    ],
    [
      'a 429 that says nothing about when',
      (d) => d.failNext(1, 429, { body: { message: 'You are being rate limited.' } }),
      { outcome: 'retry', status: 429, error: 'Discord rate limit (429)', retryAfterMs: null },
    ],
    [
      '500',
      (d) => d.setMode('fail-500'),
      {
        outcome: 'retry',
        status: 500,
        error: 'Discord answered 500 Internal Server Error — 500: Internal Server Error',
        retryAfterMs: null,
      },
    ],
    [
      '502',
      (d) => d.failNext(1, 502, { body: 'bad gateway' }),
      { outcome: 'retry', status: 502, error: 'Discord answered 502 Bad Gateway', retryAfterMs: null },
    ],
    [
      '400, keeping Discord’s error body',
      (d) =>
        d.failNext(1, 400, {
          body: {
            code: 50035,
            errors: {
              embeds: {
                0: {
                  title: {
                    _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }],
                  },
                },
              },
            },
            message: 'Invalid Form Body',
          },
        }),
      {
        outcome: 'rejected',
        status: 400,
        error: 'Discord rejected the message: 400 Bad Request — Invalid Form Body (code 50035)',
        detail:
          '{"code":50035,"errors":{"embeds":{"0":{"title":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 256 or fewer in length."}]}}}},"message":"Invalid Form Body"}',
      },
    ],
    [
      '404 for a deleted webhook',
      (d) => d.deleteWebhook(ID),
      {
        outcome: 'broken',
        status: 404,
        error: 'Discord webhook unusable: 404 Not Found — Unknown Webhook (code 10015)',
        detail: '{"message":"Unknown Webhook","code":10015}',
      },
    ],
    [
      '401 for a bad token',
      (d) => d.setMode('unauthorized'),
      {
        outcome: 'broken',
        status: 401,
        error: 'Discord webhook unusable: 401 Unauthorized — Invalid Webhook Token (code 50027)',
        detail: '{"message":"Invalid Webhook Token","code":50027}',
      },
    ],
    [
      '403',
      (d) => d.failNext(1, 403, { body: { message: 'Missing Permissions', code: 50013 } }),
      {
        outcome: 'broken',
        status: 403,
        error: 'Discord webhook unusable: 403 Forbidden — Missing Permissions (code 50013)',
        detail: '{"message":"Missing Permissions","code":50013}',
      },
    ],
    [
      '413',
      (d) => d.failNext(1, 413, { body: { message: 'Request entity too large', code: 40005 } }),
      {
        outcome: 'rejected',
        status: 413,
        error: 'Discord rejected the message: 413 Payload Too Large — Request entity too large (code 40005)',
        detail: '{"message":"Request entity too large","code":40005}',
      },
    ],
  ])('maps %s', async (_name, arrange, expected) => {
    const { d, n } = await setup();
    arrange(d);
    expect(await n.send(down, live())).toEqual(expected);
  });

  it('retries when Discord cannot be reached', async () => {
    const d = await startFakeDiscord();
    const url = d.webhookUrl(ID, TOKEN);
    await d.close();
    const result = await notifier({ webhookUrl: url, clock: new VirtualClock() }).send(down, live());
    expect(result).toMatchObject({ outcome: 'retry', status: null, retryAfterMs: null });
    expect(result.outcome === 'retry' && result.error).toMatch(
      /^Discord not reached: network error: .*ECONNREFUSED/,
    );
  });

  it('retries when Discord does not answer in time', async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () => new Promise((resolve) => silent.close(resolve)),
      async () => silent.closeAllConnections(),
    );
    const port = (silent.address() as AddressInfo).port;
    const n = notifier({
      webhookUrl: `http://127.0.0.1:${port}/api/webhooks/${ID}/${TOKEN}`,
      timeoutMs: 200,
      clock: new VirtualClock(),
    });
    expect(await n.send(down, live())).toEqual({
      outcome: 'retry',
      status: null,
      error: 'Discord not reached: no answer within 200 ms',
      retryAfterMs: null,
    });
  });

  it('reports delivered as soon as a 2xx status arrives, without waiting for the body', async () => {
    // Discord accepted the message; an answer body that never completes must not hold the outcome back.
    const accepting: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write('{"id":"1');
    });
    await new Promise<void>((resolve) => accepting.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () => new Promise((resolve) => accepting.close(resolve)),
      async () => accepting.closeAllConnections(),
    );
    const port = (accepting.address() as AddressInfo).port;
    const n = notifier({
      webhookUrl: `http://127.0.0.1:${port}/api/webhooks/${ID}/${TOKEN}`,
      timeoutMs: 600_000,
      clock: new VirtualClock(),
    });
    expect(await n.send(down, live())).toEqual({ outcome: 'delivered', status: 200 });
  });

  it('reports an aborted send as a retry', async () => {
    const { d, n } = await setup();
    expect(await n.send(down, AbortSignal.abort())).toEqual({
      outcome: 'retry',
      status: null,
      error: 'aborted',
      retryAfterMs: null,
    });
    expect(d.requests).toBe(0);
  });

  it('reports an invalid webhook URL as broken without sending or echoing it', async () => {
    const result = await notifier({
      webhookUrl: `https://example.com/api/webhooks/${ID}/${TOKEN}`,
      clock: new VirtualClock(),
    }).send(down, live());
    expect(result).toEqual({
      outcome: 'broken',
      status: 0,
      error: 'Discord webhook URL must be on discord.com (or discordapp.com)',
      detail: null,
    });
  });

  it('never puts the webhook token in an error or detail', async () => {
    const { d, url, n } = await setup({ rateLimit: false });
    const results: DeliveryResult[] = [];
    d.failNext(1, 400, { body: { message: `cannot post to ${url}`, code: 50035 } });
    results.push(await n.send(down, live()));
    d.failNext(1, 500, { body: `upstream ${url}?wait=true failed` });
    results.push(await n.send(down, live()));
    d.failNext(1, 404, {
      body: { message: `no webhook at /api/webhooks/${ID}/${encodeURIComponent(TOKEN)}` },
    });
    results.push(await n.send(down, live()));
    d.failNext(1, 429, { body: { message: TOKEN } });
    results.push(await n.send(down, live()));
    d.deleteWebhook(ID);
    results.push(await n.send(down, live()));

    expect(results.map((r) => r.outcome)).toEqual(['rejected', 'retry', 'broken', 'retry', 'broken']);
    for (const r of results) expect(JSON.stringify(r)).not.toContain(TOKEN);
    expect(results[0]).toMatchObject({ detail: `{"message":"cannot post to ***","code":50035}` });
    expect(results[2]).toMatchObject({ detail: `{"message":"no webhook at /api/webhooks/${ID}/***"}` });
  });
});

describe('pacing', () => {
  it('spaces six messages so no more than 5 go out per 2 s, and the fake never answers 429', async () => {
    const { clock, d, n } = await setup();
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push((await n.send(down, live())).outcome);
    expect(outcomes).toEqual(Array(6).fill('delivered'));
    expect(clock.sleeps).toEqual([2000]);
    expect(d.received.map((r) => r.at - (d.received[0]?.at ?? 0))).toEqual([0, 0, 0, 0, 0, 2000]);
  });

  it('waits X-RateLimit-Reset-After once X-RateLimit-Remaining reaches 0', async () => {
    const { clock, d, n } = await setup({ rateLimit: { limit: 2, windowMs: 10_000 } });
    for (let i = 0; i < 3; i++) expect((await n.send(down, live())).outcome).toBe('delivered');
    expect(clock.sleeps).toEqual([10_000]);
    expect(d.received).toHaveLength(3);
  });

  it('holds the next message to that webhook until a 429’s retry_after has passed', async () => {
    const { clock, d, n } = await setup();
    d.failNext(1, 429, {
      body: { message: 'You are being rate limited.', retry_after: 0.75, global: false },
    });
    expect(await n.send(down, live())).toMatchObject({ outcome: 'retry', retryAfterMs: 750 });
    expect(await n.send(down, live())).toEqual({ outcome: 'delivered', status: 200 });
    expect(clock.sleeps).toEqual([750]);
  });

  it('shares one limiter between notifiers of the same webhook', async () => {
    const clock = new VirtualClock();
    const d = await fake({ now: () => clock.now() });
    const limiter = new WebhookRateLimiter({ clock });
    const url = d.webhookUrl(ID, TOKEN);
    const a = notifier({ webhookUrl: url, clock, limiter });
    const b = notifier({ webhookUrl: url, clock, limiter });
    for (let i = 0; i < 3; i++) {
      await a.send(down, live());
      await b.send(down, live());
    }
    expect(clock.sleeps).toEqual([2000]);
    expect(d.received).toHaveLength(6);
  });

  it('stops waiting when the send is aborted', async () => {
    const { clock, d, n } = await setup();
    d.failNext(1, 429, { body: { message: 'You are being rate limited.', retry_after: 60, global: false } });
    await n.send(down, live());
    const controller = new AbortController();
    clock.sleep = async () => {
      controller.abort();
      throw controller.signal.reason;
    };
    expect(await n.send(down, controller.signal)).toEqual({
      outcome: 'retry',
      status: null,
      error: 'aborted',
      retryAfterMs: null,
    });
    expect(d.requests).toBe(1);
  });

  it('maps a real 429 from tripping the fake’s limit to a retry with retryAfterMs > 0', async () => {
    const d = await fake();
    const url = d.webhookUrl(ID, TOKEN);
    for (let i = 0; i < 5; i++) {
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"content":"x"}',
      });
    }
    const result = await notifier({ webhookUrl: url, clock: new VirtualClock() }).send(down, live());
    expect(result).toMatchObject({ outcome: 'retry', status: 429 });
    expect(result.outcome === 'retry' && result.retryAfterMs).toBeGreaterThan(0);
  });
});

describe('validateDiscordWebhookUrl', () => {
  it.each([
    `https://discord.com/api/webhooks/${ID}/${TOKEN}`,
    `https://discordapp.com/api/webhooks/${ID}/${TOKEN}`,
    `https://ptb.discord.com/api/webhooks/${ID}/${TOKEN}`,
    `https://canary.discord.com/api/v10/webhooks/${ID}/${TOKEN}?thread_id=1`,
    `http://127.0.0.1:9999/api/webhooks/${ID}/${TOKEN}`,
    `http://localhost:9999/api/webhooks/${ID}/${TOKEN}/`,
  ])('accepts %s', (url) => {
    expect(validateDiscordWebhookUrl(url)).toBeNull();
  });

  it.each([
    ['not a URL', 'discord webhook', 'must be a URL such as https://discord.com/api/webhooks/<id>/<token>'],
    ['plain http to Discord', `http://discord.com/api/webhooks/${ID}/${TOKEN}`, 'must use https://'],
    [
      'another host',
      `https://discord.com.evil.example/api/webhooks/${ID}/${TOKEN}`,
      'must be on discord.com (or discordapp.com)',
    ],
    ['no token', `https://discord.com/api/webhooks/${ID}`, 'must have the path /api/webhooks/<id>/<token>'],
    [
      'a non-numeric id',
      `https://discord.com/api/webhooks/abc/${TOKEN}`,
      'must have the path /api/webhooks/<id>/<token>',
    ],
    [
      'another API path',
      `https://discord.com/api/channels/${ID}/messages`,
      'must have the path /api/webhooks/<id>/<token>',
    ],
  ])('rejects %s', (_name, url, message) => {
    expect(validateDiscordWebhookUrl(url)).toBe(message);
  });

  it('masks webhook tokens in any text', () => {
    expect(
      redactWebhookToken(`POST https://discord.com/api/v10/webhooks/${ID}/${TOKEN}?wait=true failed`),
    ).toBe(`POST https://discord.com/api/v10/webhooks/${ID}/***?wait=true failed`);
  });
});
