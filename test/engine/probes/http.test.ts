import { afterEach, describe, expect, it } from 'vitest';
import { HttpMonitorSchema, type MonitorInput } from '../../../src-main/api/config-schema.ts';
import { probeHttp } from '../../../src-main/engine/probes/http.ts';
import { BODY_TEXT_CAP } from '../../../src-main/engine/probes/http-sample.ts';
import { type HttpTarget, startHttpTarget } from '../../../src-main/fakes/http-target.ts';
import { listenLoopback } from '../../../src-main/fakes/loopback-server.ts';
import { httpClientForFile, NOW, probeContext } from './probe-test-context.ts';

const http = httpClientForFile();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function target(): Promise<HttpTarget> {
  const t = await startHttpTarget();
  cleanups.push(() => t.close());
  return t;
}

const monitor = (fields: Partial<Extract<MonitorInput, { type: 'http' }>> & { url: string }) =>
  HttpMonitorSchema.parse({ id: 'web', type: 'http', timeoutMs: 2000, ...fields });

describe('http probe', () => {
  it('reports an answering endpoint as up with status, latency and the parsed JSON body', async () => {
    const t = await target();
    t.setResponse({ body: { status: 'ok', queue: { depth: 3 } } });
    const sample = await probeHttp(monitor({ url: t.url }), probeContext(http));
    expect(sample).toMatchObject({
      monitorId: 'web',
      time: NOW,
      status: 'up',
      httpStatus: 200,
      body: { status: 'ok', queue: { depth: 3 } },
      bodyText: '{"status":"ok","queue":{"depth":3}}',
      values: {},
    });
    expect(sample.latencyMs).toBeGreaterThanOrEqual(0);
    expect(sample.error).toBeUndefined();
  });

  it('accepts HTML without an error and without a parsed body', async () => {
    const t = await target();
    t.setResponse({ body: '<html><body>Dashboard</body></html>', headers: { 'content-type': 'text/html' } });
    const sample = await probeHttp(monitor({ url: t.url }), probeContext(http));
    expect(sample.status).toBe('up');
    expect(sample.body).toBeUndefined();
    expect(sample.bodyText).toContain('Dashboard');
  });

  it('does not fail on a JSON content type with a malformed body', async () => {
    const t = await target();
    t.setResponse({ body: '{"broken', headers: { 'content-type': 'application/json' } });
    const sample = await probeHttp(monitor({ url: t.url }), probeContext(http));
    expect(sample).toMatchObject({ status: 'up', bodyText: '{"broken' });
    expect(sample.body).toBeUndefined();
  });

  it('sends the configured method, headers and body', async () => {
    const t = await target();
    await probeHttp(
      monitor({ url: t.url, method: 'POST', headers: { 'X-Api': 'v1' }, body: '{"ping":true}' }),
      probeContext(http),
    );
    expect(t.requests.at(-1)).toMatchObject({ method: 'POST', body: '{"ping":true}' });
    expect(t.requests.at(-1)?.headers['x-api']).toBe('v1');
  });

  it.each([
    [500, undefined, 'HTTP 500 (expected 2xx)'],
    [204, [200], 'HTTP 204 (expected 200)'],
    [404, [200, 301], 'HTTP 404 (expected 200, 301)'],
  ])('reports status %i against %j as down: %s', async (status, expectStatus, error) => {
    const t = await target();
    t.setResponse({ status, body: 'nope' });
    const sample = await probeHttp(monitor({ url: t.url, expectStatus }), probeContext(http));
    expect(sample).toMatchObject({ status: 'down', errorKind: 'http-status', error, httpStatus: status });
    expect(sample.latencyMs).not.toBeNull();
  });

  it('accepts a listed non-2xx status', async () => {
    const t = await target();
    t.setResponse({ status: 302, headers: { location: '/login' } });
    const sample = await probeHttp(
      monitor({ url: t.url, expectStatus: [302], maxRedirects: 0 }),
      probeContext(http),
    );
    expect(sample).toMatchObject({ status: 'up', httpStatus: 302 });
  });

  it.each([
    [{ keyword: 'ready' }, 'all systems ready', 'up', undefined],
    [{ keyword: 'ready' }, 'starting up', 'down', 'keyword "ready" not found in the response'],
    [{ keywordAbsent: 'error' }, 'fine', 'up', undefined],
    [
      { keywordAbsent: 'error' },
      'fatal error in worker',
      'down',
      'response contains "error", which must be absent',
    ],
  ] as const)('checks %j against %j', async (keywords, body, status, error) => {
    const t = await target();
    t.setResponse({ body });
    const sample = await probeHttp(monitor({ url: t.url, ...keywords }), probeContext(http));
    expect(sample.status).toBe(status);
    expect(sample.error).toBe(error);
    if (error) expect(sample.errorKind).toBe('bad-body');
  });

  it('caps the body text a sample carries but searches the whole body for keywords', async () => {
    const t = await target();
    t.setResponse({ body: `${'a'.repeat(200_000)}needle` });
    const sample = await probeHttp(monitor({ url: t.url, keyword: 'needle' }), probeContext(http));
    expect(sample.status).toBe('up');
    expect(sample.bodyText?.length).toBe(BODY_TEXT_CAP);
  });

  it('fails a body larger than maxBodyBytes as too-large', async () => {
    const t = await target();
    t.setResponse({ body: 'x'.repeat(1_048_577) });
    const sample = await probeHttp(monitor({ url: t.url }), probeContext(http));
    expect(sample).toMatchObject({
      status: 'down',
      errorKind: 'too-large',
      error: 'response body exceeds 1 MiB',
    });
  });

  it('fails a server that never answers with a timeout', async () => {
    const s = await listenLoopback(() => {});
    cleanups.push(() => s.close());
    const sample = await probeHttp(monitor({ url: s.origin, timeoutMs: 300 }), probeContext(http));
    expect(sample).toMatchObject({
      status: 'down',
      errorKind: 'timeout',
      error: 'no response within 300 ms',
      latencyMs: null,
    });
  });

  it('fails a redirect loop', async () => {
    const t = await target();
    t.setResponse({ status: 301, headers: { location: '/again' } });
    const sample = await probeHttp(monitor({ url: t.url, maxRedirects: 2 }), probeContext(http));
    expect(sample).toMatchObject({ status: 'down', errorKind: 'too-many-redirects', httpStatus: 301 });
  });

  it('fails an unknown host with a DNS error', async () => {
    const sample = await probeHttp(monitor({ url: 'http://solvewatch-probe.invalid/' }), probeContext(http));
    expect(sample).toMatchObject({ status: 'down', errorKind: 'dns' });
  });

  it('reports an aborted check as unknown, not down', async () => {
    const t = await target();
    const sample = await probeHttp(
      monitor({ url: t.url }),
      probeContext(http, { signal: AbortSignal.abort() }),
    );
    expect(sample).toMatchObject({ status: 'unknown', errorKind: 'aborted' });
  });
});
