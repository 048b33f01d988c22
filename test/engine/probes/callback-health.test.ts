import { afterEach, describe, expect, it } from 'vitest';
import { CallbackHealthMonitorSchema } from '../../../src-main/api/config-schema.ts';
import {
  normaliseCallbackHealth,
  probeCallbackHealth,
} from '../../../src-main/engine/probes/callback-health.ts';
import {
  type FakeCallbackHealth,
  startFakeCallbackHealth,
} from '../../../src-main/fakes/callback-health-server.ts';
import { startHttpTarget } from '../../../src-main/fakes/http-target.ts';
import { httpClientForFile, probeContext } from './probe-test-context.ts';

const http = httpClientForFile();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function endpoint(): Promise<FakeCallbackHealth> {
  const fake = await startFakeCallbackHealth();
  cleanups.push(() => fake.close());
  return fake;
}

const monitor = (url: string, timeoutMs = 2000) =>
  CallbackHealthMonitorSchema.parse({ id: 'callbacks', type: 'callback-health', url, timeoutMs });

const check = (url: string, timeoutMs?: number) =>
  probeCallbackHealth(monitor(url, timeoutMs), probeContext(http));

describe('callback-health probe', () => {
  it('reads a healthy report into values and a snake_case body', async () => {
    const fake = await endpoint();
    const sample = await check(fake.url);
    expect(sample).toMatchObject({ status: 'up', httpStatus: 200 });
    expect(sample.error).toBeUndefined();
    expect(sample.values).toEqual({
      error_rate: 0.005,
      total_received: 1200,
      total_errors: 6,
      avg_latency_ms: 42.5,
      p95_latency_ms: 180.25,
      seconds_since_last_callback: 12.3,
    });
    expect(sample.body).toEqual(fake.report());
  });

  it('normalises the camelCase (Express) spelling to the same body and values', async () => {
    const fake = await endpoint();
    const snake = await check(fake.url);
    fake.setMode('camelCase');
    const camel = await check(fake.url);
    expect(camel.bodyText).toContain('"errorRate"');
    expect(camel.body).toEqual(snake.body);
    expect(camel.values).toEqual(snake.values);
    expect(camel.body).toMatchObject({ error_breakdown: { TimeoutError: 4, ValueError: 2 } });
  });

  it('includes the delivery rate when the endpoint reports one', async () => {
    const fake = await endpoint();
    fake.set({ delivery_rate: 0.87 });
    const sample = await check(fake.url);
    expect(sample.values.delivery_rate).toBe(0.87);
    expect(sample.body).toMatchObject({ delivery_rate: 0.87 });
  });

  it('reads the body of a 503 and reports the endpoint as unhealthy, not unreachable', async () => {
    const fake = await endpoint();
    fake.set({ seconds_since_last_callback: 420.5 });
    const sample = await check(fake.url);
    expect(sample).toMatchObject({
      status: 'degraded',
      httpStatus: 503,
      error: 'endpoint reports unhealthy (status: stale)',
      body: { status: 'stale', seconds_since_last_callback: 420.5 },
    });
    expect(sample.values.seconds_since_last_callback).toBe(420.5);
    expect(sample.errorKind).toBeUndefined();
  });

  it('reports a 200 whose status is not healthy as degraded', async () => {
    const fake = await endpoint();
    fake.set({ status: 'degraded' });
    fake.setStatusCode(200);
    const sample = await check(fake.url);
    expect(sample).toMatchObject({ status: 'degraded', error: 'endpoint reports status: degraded' });
  });

  it('fails an HTML page with bad-body', async () => {
    const fake = await endpoint();
    fake.setMode('html');
    const sample = await check(fake.url);
    expect(sample).toMatchObject({
      status: 'down',
      errorKind: 'bad-body',
      error: 'expected JSON from the health endpoint, got text/html',
    });
    expect(sample.values).toEqual({});
  });

  it('fails truncated JSON with bad-body', async () => {
    const fake = await endpoint();
    fake.setMode('garbage');
    const sample = await check(fake.url);
    expect(sample).toMatchObject({
      status: 'down',
      errorKind: 'bad-body',
      error: 'expected JSON from the health endpoint, got malformed JSON',
    });
  });

  it.each([
    ['[1,2,3]', 'application/json', 'expected a JSON object from the health endpoint, got an array'],
    ['', 'application/json', 'expected JSON from the health endpoint, got an empty body'],
    ['all good', 'text/plain', 'expected JSON from the health endpoint, got text/plain'],
  ])('fails the body %j (%s) with bad-body', async (body, type, error) => {
    const t = await startHttpTarget({ body, headers: { 'content-type': type } });
    cleanups.push(() => t.close());
    expect(await check(t.url)).toMatchObject({ status: 'down', errorKind: 'bad-body', error });
  });

  it('fails other error statuses as down, still keeping a JSON body', async () => {
    const fake = await endpoint();
    fake.setStatusCode(500);
    const sample = await check(fake.url);
    expect(sample).toMatchObject({
      status: 'down',
      errorKind: 'http-status',
      error: 'HTTP 500 (expected 200, or 503 when unhealthy)',
      body: { status: 'healthy' },
    });
  });

  it('fails a 503 without a health report (a proxy error page) as down', async () => {
    const fake = await endpoint();
    fake.setMode('html');
    fake.setStatusCode(503);
    const sample = await check(fake.url);
    expect(sample).toMatchObject({
      status: 'down',
      errorKind: 'http-status',
      error: 'HTTP 503 without a health report (got text/html)',
    });
  });

  it('fails an endpoint that never answers with a timeout', async () => {
    const fake = await endpoint();
    fake.setMode('hang');
    const sample = await check(fake.url, 300);
    expect(sample).toMatchObject({
      status: 'down',
      errorKind: 'timeout',
      error: 'no response within 300 ms',
    });
    expect(fake.calls).toBe(1);
  });
});

describe('callback-health probe: metrics that are not finite numbers', () => {
  const ZEROS = '0'.repeat(400);
  /** The fake's healthy report with one metric written as raw JSON text. */
  const withRaw = (fake: FakeCallbackHealth, name: string, raw: string) =>
    JSON.stringify({ ...fake.report(), [name]: '@raw@' }).replace('"@raw@"', raw);

  it.each([
    ['error_rate', '1e309', 'error_rate = Infinity'],
    ['error_rate', '-1e309', 'error_rate = -Infinity'],
    ['total_received', `"1${ZEROS}"`, `total_received = "1${'0'.repeat(22)}…"`],
    ['p95_latency_ms', `1${ZEROS}`, 'p95_latency_ms = Infinity'],
    ['seconds_since_last_callback', '1e400', 'seconds_since_last_callback = Infinity'],
    ['delivery_rate', '-1e309', 'delivery_rate = -Infinity'],
  ])('fails the sample when %s is %s, saying so', async (name, raw, shown) => {
    const fake = await endpoint();
    fake.setAnswer(withRaw(fake, name, raw));
    const sample = await check(fake.url);
    expect(sample).toMatchObject({
      status: 'down',
      errorKind: 'bad-body',
      error: `the health endpoint reported a value that is not a finite number: ${shown}`,
    });
    expect(sample.values).not.toHaveProperty(name);
    expect(sample.body).not.toHaveProperty(name);
    expect(sample.values.total_errors).toBe(6);
  });

  it.each([
    ['total_errors', '1e309'],
    ['avg_latency_ms', `"1${ZEROS}"`],
  ])('drops %s when it is %s and keeps the rest of the report', async (name, raw) => {
    const fake = await endpoint();
    fake.setAnswer(withRaw(fake, name, raw));
    const sample = await check(fake.url);
    expect(sample).toMatchObject({ status: 'up', httpStatus: 200 });
    expect(sample.error).toBeUndefined();
    expect(sample.values).not.toHaveProperty(name);
    expect(sample.body).not.toHaveProperty(name);
    expect(sample.values).toMatchObject({ error_rate: 0.005, total_received: 1200 });
  });

  it('names every failing metric at once', async () => {
    const fake = await endpoint();
    fake.setAnswer(
      withRaw(fake, 'error_rate', '1e309').replace('"p95_latency_ms":180.25', '"p95_latency_ms":2e308'),
    );
    expect(await check(fake.url)).toMatchObject({
      status: 'down',
      error:
        'the health endpoint reported values that are not finite numbers: error_rate = Infinity, p95_latency_ms = Infinity',
    });
  });
});

describe('normaliseCallbackHealth', () => {
  it.each([
    [{ errorRate: 0.1 }, { error_rate: 0.1 }],
    [
      { p95LatencyMs: 900, secondsSinceLastCallback: 4 },
      { p95_latency_ms: 900, seconds_since_last_callback: 4 },
    ],
    [
      { deliveryRate: 0.95, delivered: 19 },
      { delivery_rate: 0.95, delivered: 19 },
    ],
    [{ error_rate: 0.2, errorRate: 0.9 }, { error_rate: 0.2 }],
    [
      { total_received: '150', error_rate: 'n/a' },
      { total_received: 150, error_rate: 'n/a' },
    ],
    [{ errorBreakdown: { KeyError: 1 } }, { error_breakdown: { KeyError: 1 } }],
    [JSON.parse('{"__proto__": {"polluted": true}, "status": "healthy"}'), { status: 'healthy' }],
  ])('normalises %j', (input, expected) => {
    const out = normaliseCallbackHealth(input);
    expect(out).toEqual(expected);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
