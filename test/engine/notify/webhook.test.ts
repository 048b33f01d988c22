import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryResult, Notification } from '../../../src-main/api/notification-types.ts';
import { WebhookNotifier, type WebhookNotifierOptions } from '../../../src-main/engine/notify/webhook.ts';
import { alerts, daySummary, notice, T } from './fixtures.ts';

interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

interface Received {
  raw: Buffer;
  headers: IncomingHttpHeaders;
  url: string;
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A receiving tool: keeps the exact bytes and headers of each request and answers from a script. */
async function receiver(answer: (req: Received) => Answer = () => ({ status: 204 })) {
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const r = { raw: Buffer.concat(chunks), headers: req.headers, url: req.url ?? '' };
    received.push(r);
    const a = answer(r);
    res.writeHead(a.status, a.headers).end(a.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () => new Promise((resolve) => server.close(resolve)),
    async () => server.closeAllConnections(),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

/** The notifier on a fixed clock unless the test brings its own. */
function notifier(
  options: Omit<WebhookNotifierOptions, 'clock'> & Partial<WebhookNotifierOptions>,
): WebhookNotifier {
  const n = new WebhookNotifier({ clock: { now: () => T }, ...options });
  cleanups.push(() => n.close());
  return n;
}

const live = () => new AbortController().signal;

const balanceNotice = notice({
  kind: 'balance-low',
  severity: 'warning',
  monitorId: 'captchaai',
  monitorName: 'CaptchaAI Zürich ✓',
  monitorType: 'balance',
  ruleId: 'balance-low',
  ruleName: 'Balance low',
  summary: '[BALANCE] (8.42) < 10',
  url: null,
  values: { balance: 8.42, burn_per_hour: 1.2 },
  threshold: 10,
  currency: '$',
});

describe('WebhookNotifier', () => {
  it('posts a stable JSON document for alerts', async () => {
    const r = await receiver();
    expect(await notifier({ url: `${r.url}/hook` }).send(alerts([balanceNotice], 'n-42'), live())).toEqual({
      outcome: 'delivered',
      status: 204,
    });
    const [got] = r.received;
    expect(got?.headers['content-type']).toBe('application/json');
    expect(got?.headers['x-solvewatch-signature']).toBeUndefined();
    expect(got?.headers['x-solvewatch-timestamp']).toBeUndefined();
    expect(got?.raw.toString('utf8')).toBe(
      '{"type":"alerts","id":"n-42","createdAt":1736933400000,"notices":[{"kind":"balance-low","severity":"warning",' +
        '"monitorId":"captchaai","monitorName":"CaptchaAI Zürich ✓","monitorType":"balance","ruleId":"balance-low",' +
        '"ruleName":"Balance low","summary":"[BALANCE] (8.42) < 10","url":null,"values":{"balance":8.42,"burn_per_hour":1.2},' +
        '"threshold":10,"currency":"$","since":1736933400000,"time":1736933400000}]}',
    );
  });

  it('posts a stable JSON document for the daily summary', async () => {
    const r = await receiver();
    const summary = daySummary({ monitors: daySummary().monitors.slice(1) });
    await notifier({ url: r.url }).send({ type: 'summary', id: 's-7', createdAt: T, summary }, live());
    expect(JSON.parse(r.received[0]?.raw.toString('utf8') ?? '')).toEqual({
      type: 'summary',
      id: 's-7',
      createdAt: 1736933400000,
      summary: {
        from: 1736847000000,
        to: 1736933400000,
        checks: 12450,
        successRate: 0.952,
        latencyAvgMs: 212.4,
        incidents: 3,
        balance: 142.3,
        spend24h: 12.4,
        currency: '$',
        monitors: [
          {
            monitorId: 'captchaai',
            monitorName: 'CaptchaAI balance',
            monitorType: 'balance',
            checks: 1,
            uptime: 1,
            latencyAvgMs: null,
            incidents: 0,
            balance: 142.3,
            spend24h: 12.4,
          },
        ],
      },
    });
  });

  it('signs the exact raw body with HMAC-SHA256 when a secret is set', async () => {
    const secret = 'whsec-0123456789abcdef';
    const r = await receiver();
    await notifier({ url: r.url, secret }).send(alerts([balanceNotice]), live());
    const [got] = r.received;
    if (!got) throw new Error('nothing received');
    const expected = createHmac('sha256', secret).update(got.raw).digest('hex');
    const signature = String(got.headers['x-solvewatch-signature']);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(timingSafeEqual(Buffer.from(signature), Buffer.from(expected))).toBe(true);
    expect(got.headers['x-solvewatch-timestamp']).toBe('1736933400');
    const tampered = Buffer.from(got.raw.toString('utf8').replace('8.42', '9.42'));
    expect(createHmac('sha256', secret).update(tampered).digest('hex')).not.toBe(signature);
  });

  it('sends configured extra headers but keeps its own content type and signature', async () => {
    const r = await receiver();
    await notifier({
      url: r.url,
      secret: 'whsec-0123456789abcdef',
      headers: {
        authorization: 'Bearer tool-token',
        'content-type': 'text/plain',
        'x-solvewatch-signature': 'forged',
      },
    }).send(alerts([notice()]), live());
    const h = r.received[0]?.headers;
    expect(h?.authorization).toBe('Bearer tool-token');
    expect(h?.['content-type']).toBe('application/json');
    expect(h?.['x-solvewatch-signature']).not.toBe('forged');
  });

  it.each<[string, Answer, DeliveryResult]>([
    ['200', { status: 200, body: '{"ok":true}' }, { outcome: 'delivered', status: 200 }],
    ['202', { status: 202 }, { outcome: 'delivered', status: 202 }],
    [
      '404',
      { status: 404, body: 'no such hook' },
      { outcome: 'broken', status: 404, error: 'webhook answered 404 Not Found', detail: 'no such hook' },
    ],
    [
      '410',
      { status: 410 },
      { outcome: 'broken', status: 410, error: 'webhook answered 410 Gone', detail: null },
    ],
    [
      '400',
      { status: 400, body: '{"error":"missing field"}' },
      {
        outcome: 'rejected',
        status: 400,
        error: 'webhook answered 400 Bad Request',
        detail: '{"error":"missing field"}',
      },
    ],
    [
      '401',
      { status: 401, body: 'bad signature' },
      {
        outcome: 'rejected',
        status: 401,
        error: 'webhook answered 401 Unauthorized',
        detail: 'bad signature',
      },
    ],
    [
      '422',
      { status: 422, body: 'nope' },
      {
        outcome: 'rejected',
        status: 422,
        error: 'webhook answered 422 Unprocessable Entity',
        detail: 'nope',
      },
    ],
    [
      '302 (redirects are not followed)',
      { status: 302, headers: { location: '/elsewhere' } },
      { outcome: 'rejected', status: 302, error: 'webhook answered 302 Found', detail: null },
    ],
    [
      '429 with Retry-After',
      { status: 429, headers: { 'retry-after': '2' } },
      { outcome: 'retry', status: 429, error: 'webhook answered 429 Too Many Requests', retryAfterMs: 2000 },
    ],
    [
      '429 without Retry-After',
      { status: 429 },
      { outcome: 'retry', status: 429, error: 'webhook answered 429 Too Many Requests', retryAfterMs: null },
    ],
    [
      '503 with Retry-After',
      { status: 503, headers: { 'retry-after': '5' } },
      {
        outcome: 'retry',
        status: 503,
        error: 'webhook answered 503 Service Unavailable',
        retryAfterMs: 5000,
      },
    ],
    [
      '500',
      { status: 500 },
      {
        outcome: 'retry',
        status: 500,
        error: 'webhook answered 500 Internal Server Error',
        retryAfterMs: null,
      },
    ],
    [
      '408',
      { status: 408 },
      { outcome: 'retry', status: 408, error: 'webhook answered 408 Request Timeout', retryAfterMs: null },
    ],
  ])('maps %s', async (_name, answer, expected) => {
    const r = await receiver(() => answer);
    expect(await notifier({ url: r.url }).send(alerts([notice()]), live())).toEqual(expected);
  });

  it('reports delivered as soon as a 2xx status line arrives, without waiting for the body', async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id": "1234", "content": "');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () => new Promise((resolve) => server.close(resolve)),
      async () => server.closeAllConnections(),
    );
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const result = await notifier({ url, timeoutMs: 2000 }).send(alerts([notice()]), live());
    expect(result).toEqual({ outcome: 'delivered', status: 200 });
  });

  it('retries when the receiver cannot be reached', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const result = await notifier({ url: `http://127.0.0.1:${port}/hook` }).send(alerts([notice()]), live());
    expect(result).toMatchObject({ outcome: 'retry', status: null, retryAfterMs: null });
    expect(result.outcome === 'retry' && result.error).toMatch(/^network error: .*ECONNREFUSED/);
  });

  it('keeps secrets in the URL and the signing secret out of errors', async () => {
    const secret = 'whsec-0123456789abcdef';
    const pathToken = 'T0KEN-abcdefghijklmnopqrstuvwxyz';
    const r = await receiver((req) => ({ status: 400, body: `refused ${req.url} signed with ${secret}` }));
    const url = `${r.url}/hooks/${pathToken}?apikey=query-secret-123`;
    const result = await notifier({ url, secret }).send(alerts([notice()]), live());
    expect(result).toEqual({
      outcome: 'rejected',
      status: 400,
      error: 'webhook answered 400 Bad Request',
      detail: 'refused *** signed with ***',
    });
  });

  it('reports an invalid URL as broken', async () => {
    const n = new WebhookNotifier({ url: 'ftp://example.com/hook', clock: { now: () => T } });
    cleanups.push(() => n.close());
    const notification: Notification = alerts([notice()]);
    expect(await n.send(notification, live())).toEqual({
      outcome: 'broken',
      status: 0,
      error: 'webhook URL must be an http:// or https:// URL',
      detail: null,
    });
  });
});
