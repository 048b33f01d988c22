import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeCallbackHealth,
  startFakeCallbackHealth,
} from '../../src-main/fakes/callback-health-server.ts';

const fakes: FakeCallbackHealth[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function start(options?: Parameters<typeof startFakeCallbackHealth>[0]) {
  const f = await startFakeCallbackHealth(options);
  fakes.push(f);
  return f;
}

async function get(url: string) {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

describe('fake callback health endpoint', () => {
  it('serves a healthy seed-000 report at /health/callbacks', async () => {
    const f = await start();
    expect(f.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/health\/callbacks$/);
    const res = await get(f.url);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({
      status: 'healthy',
      total_received: 1200,
      total_errors: 6,
      error_rate: 0.005,
      avg_latency_ms: 42.5,
      p95_latency_ms: 180.25,
      seconds_since_last_callback: 12.3,
      error_breakdown: { TimeoutError: 4, ValueError: 2 },
    });
    expect(f.calls).toBe(1);
  });

  it('derives status, error rate and the 503 from the metrics', async () => {
    const f = await start({ metrics: { total_received: 200, total_errors: 50 } });
    expect(f.report()).toMatchObject({ status: 'healthy', error_rate: 0.25 });
    f.set({ seconds_since_last_callback: 301 });
    const res = await get(f.url);
    expect(res.status).toBe(503);
    expect(JSON.parse(res.text)).toMatchObject({ status: 'stale' });
  });

  it('lets a set value be cleared back to its derived form', async () => {
    const f = await start();
    f.set({ status: 'maintenance' });
    expect(f.report().status).toBe('maintenance');
    f.set({ status: undefined });
    expect(f.report().status).toBe('healthy');
  });

  it('serves a fixed status code when set', async () => {
    const f = await start();
    f.setStatusCode(500);
    expect((await get(f.url)).status).toBe(500);
    f.setStatusCode(null);
    expect((await get(f.url)).status).toBe(200);
  });

  it('serves camelCase keys in camelCase mode', async () => {
    const f = await start({ metrics: { delivery_rate: 0.97 } });
    f.setMode('camelCase');
    expect(Object.keys(JSON.parse((await get(f.url)).text))).toEqual([
      'status',
      'totalReceived',
      'totalErrors',
      'errorRate',
      'avgLatencyMs',
      'p95LatencyMs',
      'secondsSinceLastCallback',
      'errorBreakdown',
      'deliveryRate',
    ]);
  });

  it('serves HTML and truncated JSON in the html and garbage modes', async () => {
    const f = await start();
    f.setMode('html');
    expect(await get(f.url)).toMatchObject({ status: 200, type: 'text/html' });
    f.setMode('garbage');
    const res = await get(f.url);
    expect(res.type).toBe('application/json');
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it('closes while a request hangs', async () => {
    const f = await start();
    f.setMode('hang');
    const pending = fetch(f.url).then(
      () => 'answered',
      () => 'failed',
    );
    while (f.calls === 0) await new Promise((r) => setTimeout(r, 5));
    await f.close();
    expect(await pending).toBe('failed');
  });
});
