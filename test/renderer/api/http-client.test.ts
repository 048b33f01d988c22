import { writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  type EndpointName,
  type EngineEvent,
  type SolvewatchApi,
} from '../../../src-main/api/contract.ts';
import { startHttpTarget } from '../../../src-main/fakes/http-target.ts';
import { type Headless, serve } from '../../../src-main/server/serve.ts';
import { createHttpApi, type HttpApiOptions } from '../../../src-renderer/api/http-client.ts';
import { temporaryDirs } from '../../support/temp-dir.ts';

const TOKEN = 'renderer-test-token';
const FAST_RETRY = { initial: 5, max: 20 };
const tempDir = temporaryDirs();
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startServe(config: unknown, port = 0, dataDir = tempDir()): Promise<Headless> {
  const configPath = join(dataDir, 'config.json');
  writeFileSync(configPath, JSON.stringify(config));
  const headless = await serve({
    configPath,
    dataDir,
    host: '127.0.0.1',
    port,
    uiDir: null,
    env: { SOLVEWATCH_TOKEN: TOKEN },
    log: () => {},
  });
  cleanups.push(() => {
    const stopped = headless.stop();
    // Node's fetch opens a spare socket after an aborted stream; close() would wait ~4 s for it to time out.
    headless.server.server.closeAllConnections();
    return stopped;
  });
  return headless;
}

async function fixtures() {
  const target = await startHttpTarget();
  cleanups.push(() => target.close());
  const config = {
    monitors: [{ id: 'api', name: 'Public API', type: 'http', url: target.url, intervalSeconds: 3600 }],
    notifications: { desktop: false, webhook: { url: `${target.url}hook` } },
  };
  const headless = await startServe(config);
  return { target, config, headless };
}

interface Sent {
  method: string;
  url: string;
  authorization: string | null;
  body: string | null;
  signal: AbortSignal | null;
}

/** The real fetch, recording what the client sends. */
function recordingFetch() {
  const sent: Sent[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    sent.push({
      method: init?.method ?? 'GET',
      url: String(input),
      authorization: new Headers(init?.headers).get('authorization'),
      body: typeof init?.body === 'string' ? init.body : null,
      signal: init?.signal ?? null,
    });
    return fetch(input, init);
  };
  return { sent, fetch: wrapped };
}

/** Collects a subscription's events; `next` waits for the first unread one that matches. */
function listen(api: SolvewatchApi) {
  const events: EngineEvent[] = [];
  let read = 0;
  let wake = () => {};
  const unsubscribe = api.subscribe((event) => {
    events.push(event);
    wake();
  });
  cleanups.push(unsubscribe);
  const next = async <T extends EngineEvent['type']>(
    type: T,
    accept: (e: Extract<EngineEvent, { type: T }>) => boolean = () => true,
  ): Promise<Extract<EngineEvent, { type: T }>> => {
    for (;;) {
      while (read < events.length) {
        const event = events[read++] as EngineEvent;
        if (event.type === type && accept(event as Extract<EngineEvent, { type: T }>)) {
          return event as Extract<EngineEvent, { type: T }>;
        }
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  };
  return { events, next, unsubscribe };
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the HTTP client generated from the contract', () => {
  it('calls every endpoint of the contract with the bearer token', async () => {
    const { target, headless } = await fixtures();
    const recorder = recordingFetch();
    const api = createHttpApi({ baseUrl: `${headless.server.url}/`, token: TOKEN, fetch: recorder.fetch });

    // Typed by the contract: a new endpoint does not compile until it is covered here.
    const checks: { [K in EndpointName]: () => Promise<void> } = {
      getState: async () => {
        expect((await api.getState({})).monitors.map((m) => m.id)).toEqual(['api']);
      },
      checkNow: async () => {
        expect(await api.checkNow({ id: 'api' })).toEqual({ checked: ['api'] });
        expect(await api.checkNow({})).toEqual({ checked: ['api'] });
      },
      getHistory: async () => {
        const history = await api.getHistory({ id: 'api', window: '1h' });
        expect(history).toMatchObject({ id: 'api', window: '1h' });
        expect(history.summary).toMatchObject({ checks: 2, uptime: 1 });
        expect(recorder.sent.at(-1)?.url).toBe(`${headless.server.url}/api/monitors/api/history?window=1h`);
      },
      getConfig: async () => {
        const config = await api.getConfig({});
        expect(config.monitors?.map((m) => m.id)).toEqual(['api']);
        expect(JSON.stringify(config)).not.toContain('/hook');
      },
      exportConfigWithSecrets: async () => {
        // The headless server never hands out secret values, confirmed or not.
        const error = await caught(api.exportConfigWithSecrets({ confirmed: true }));
        expect(error.status).toBe(403);
        expect(error.message).toMatch(/only by the desktop app/);
        expect(JSON.stringify(error)).not.toContain('/hook');
      },
      validateConfig: async () => {
        expect(await api.validateConfig({ config: { monitors: [] } })).toEqual({ ok: true });
        const invalid = await api.validateConfig({ config: { monitors: [{ id: 'x', type: 'http' }] } });
        expect(invalid.ok).toBe(false);
      },
      saveConfig: async () => {
        const config = await api.getConfig({});
        const renamed = { ...config, monitors: config.monitors?.map((m) => ({ ...m, name: 'Renamed' })) };
        expect(await api.saveConfig({ config: renamed })).toEqual({ ok: true });
        // The body is the config itself, not `{ config }`.
        expect(JSON.parse(recorder.sent.at(-1)?.body ?? '')).toHaveProperty('monitors');
        expect((await api.getState({})).monitors[0]?.name).toBe('Renamed');
      },
      saveSettings: async () => {
        const before = await api.getConfig({});
        const settings = { alerts: { failThreshold: 3 } };
        expect(await api.saveSettings({ settings })).toEqual({ ok: true });
        expect(recorder.sent.at(-1)).toMatchObject({
          method: 'PATCH',
          url: `${headless.server.url}/api/config`,
        });
        // The body is the sections alone; the monitors are not sent.
        expect(JSON.parse(recorder.sent.at(-1)?.body ?? '')).toEqual(settings);
        const after = await api.getConfig({});
        expect(after.alerts?.failThreshold).toBe(3);
        expect(after.monitors).toEqual(before.monitors);
        // A section not sent stays as it was, its stored webhook URL included (sent test below).
        expect(after.notifications).toEqual(before.notifications);
        const monitors = await caught(api.saveSettings({ settings: { monitors: [] } as never }));
        expect(monitors.status).toBe(400);
        expect(monitors.issues).toEqual([{ path: 'settings', message: 'unknown field "monitors"' }]);
        const bad = await caught(api.saveSettings({ settings: { alerts: { failThreshold: 0 } } }));
        expect(bad.issues).toEqual([{ path: 'alerts.failThreshold', message: 'must be ≥ 1' }]);
        expect((await api.getConfig({})).alerts?.failThreshold).toBe(3);
      },
      saveMonitor: async () => {
        const monitor = { type: 'http', url: target.url, name: 'Extra' };
        expect(await api.saveMonitor({ id: 'extra', monitor })).toEqual({ ok: true });
        expect(recorder.sent.at(-1)).toMatchObject({
          method: 'PUT',
          url: `${headless.server.url}/api/monitors/extra`,
        });
        expect((await api.getState({})).monitors.map((m) => m.id)).toEqual(['api', 'extra']);
        const refused = await caught(
          api.saveMonitor({ id: 'extra', monitor: { ...monitor, url: 'not a url' } }),
        );
        expect(refused.status).toBe(400);
        expect(refused.issues.map((i) => i.path)).toEqual(['url']);
      },
      removeMonitor: async () => {
        expect(await api.removeMonitor({ id: 'extra' })).toEqual({ ok: true });
        expect((await api.getState({})).monitors.map((m) => m.id)).toEqual(['api']);
        expect((await caught(api.removeMonitor({ id: 'extra' }))).status).toBe(404);
      },
      testMonitor: async () => {
        const result = await api.testMonitor({ monitor: { id: 'try', type: 'http', url: target.url } });
        expect(result).toMatchObject({ ok: true, monitor: { id: 'try', state: 'ok' } });
      },
      getAlerts: async () => {
        const alerts = await api.getAlerts({ limit: 5 });
        expect(alerts.firing).toEqual([]);
        expect(recorder.sent.at(-1)?.url).toMatch(/\/api\/alerts\?limit=5$/);
      },
      snooze: async () => {
        const state = await api.snooze({ monitorId: 'api', minutes: 15 });
        expect(Object.keys(state.monitors)).toEqual(['api']);
        expect((await api.snooze({ minutes: null })).global).toBeNull();
      },
      resumeAlerts: async () => {
        await api.resumeAlerts({ monitorId: 'api' });
        expect(await api.resumeAlerts({})).toEqual({ monitors: {} });
      },
      sendTestNotification: async () => {
        expect(await api.sendTestNotification({ channel: 'webhook' })).toMatchObject({
          outcome: 'delivered',
          status: 200,
        });
        expect(target.requests.some((r) => r.path === '/hook' && r.method === 'POST')).toBe(true);
      },
      getDailySummary: async () => {
        expect((await api.getDailySummary({})).checks).toBeGreaterThanOrEqual(2);
      },
      getHost: async () => {
        expect(await api.getHost({})).toMatchObject({ kind: 'headless', startAtLogin: null });
      },
      setHostPreferences: async () => {
        const error = await caught(api.setHostPreferences({ startAtLogin: true }));
        expect(error.status).toBe(409);
        expect(error.message).toMatch(/desktop app/);
        const scheme = await caught(api.setHostPreferences({ colorScheme: 'dark' }));
        expect(scheme.status).toBe(409);
        expect(scheme.message).toMatch(/chosen in the desktop app/);
      },
      startMaintenance: async () => {
        const window = await api.startMaintenance({ name: 'Deploy', monitors: ['api'], minutes: 30 });
        expect(window).toMatchObject({ name: 'Deploy', monitors: ['api'] });
        expect((await api.getState({})).monitors[0]?.maintenance).toBe(true);
        expect((await api.getConfig({})).maintenance).toEqual([window]);
      },
      endMaintenance: async () => {
        const [window] = (await api.getConfig({})).maintenance ?? [];
        expect(await api.endMaintenance({ id: window?.id ?? '' })).toEqual({ ok: true });
        expect((await api.getState({})).monitors[0]?.maintenance).toBeUndefined();
        expect((await caught(api.endMaintenance({ id: 'nope' }))).status).toBe(404);
      },
      getDemo: async () => {
        expect(await api.getDemo({})).toEqual({ available: true, running: false, monitorIds: [], inbox: [] });
      },
      startDemo: async () => {
        // Its alerts would reach the user's own webhook: refused until that channel is gone.
        const refused = await caught(api.startDemo({}));
        expect(refused.status).toBe(409);
        expect(refused.message).toMatch(/your own Discord or webhook/);
        expect((await api.getDemo({})).running).toBe(false);
        const config = await api.getConfig({});
        await api.saveConfig({ config: { ...config, notifications: { desktop: false } } });

        const demo = await api.startDemo({});
        expect(demo).toMatchObject({ available: true, running: true });
        expect(demo.monitorIds).toEqual([
          'demo-balance',
          'demo-callbacks',
          'demo-solver-api',
          'demo-heartbeat',
          'demo-pipeline',
        ]);
        expect((await api.getState({})).monitors.map((m) => m.id)).toEqual([...demo.monitorIds, 'api']);
        expect((await api.getDemo({})).running).toBe(true);
      },
      stopDemo: async () => {
        expect(await api.stopDemo({})).toMatchObject({ running: false, monitorIds: [] });
        expect((await api.getState({})).monitors.map((m) => m.id)).toEqual(['api']);
      },
    };
    for (const check of Object.values(checks)) await check();

    expect(recorder.sent.length).toBeGreaterThan(Object.keys(checks).length);
    expect(new Set(recorder.sent.map((s) => s.authorization))).toEqual(new Set([`Bearer ${TOKEN}`]));
    expect(recorder.sent.map((s) => s.url).join(' ')).not.toContain(TOKEN);
  });

  it('encodes path parameters', async () => {
    const { headless } = await fixtures();
    const api = createHttpApi({ baseUrl: headless.server.url, token: TOKEN });
    // Unencoded, the "/" would miss the route ("no API route"); encoded, the engine sees the whole id.
    const error = await caught(api.getHistory({ id: 'no such/monitor?' }));
    expect(error.status).toBe(404);
    expect(error.message).toBe('no monitor with id "no such/monitor?"');
  });

  it('turns a 400 into an ApiError with the issues by field path', async () => {
    const { headless, config } = await fixtures();
    const api = createHttpApi({ baseUrl: headless.server.url, token: TOKEN });

    const badWindow = await caught(api.getHistory({ id: 'api', window: '5y' as '1h' }));
    expect(badWindow.status).toBe(400);
    expect(badWindow.message).toBe('invalid input for getHistory');
    expect(badWindow.issues.map((i) => i.path)).toEqual(['window']);

    const badSnooze = await caught(api.snooze({ minutes: -5 }));
    expect(badSnooze.issues).toContainEqual({ path: 'minutes', message: 'must be > 0' });

    const bad = { ...config, monitors: [{ ...config.monitors[0], intervalSeconds: 0 }] };
    const badConfig = await caught(api.saveConfig({ config: bad }));
    expect(badConfig).toMatchObject({ status: 400, message: 'invalid config' });
    expect(badConfig.issues).toContainEqual({ path: 'monitors[0].intervalSeconds', message: 'must be ≥ 1' });

    const missing = await caught(api.sendTestNotification({ channel: 'discord' }));
    expect(missing).toMatchObject({
      status: 409,
      message: 'the discord channel is not configured',
      issues: [],
    });
  });

  it('turns a wrong token into a 401 ApiError, for calls and for the event stream, which stops', async () => {
    const { headless } = await fixtures();
    const streamErrors: Error[] = [];
    const refused: ApiError[] = [];
    const api = createHttpApi({
      baseUrl: headless.server.url,
      token: 'wrong-token',
      retryDelayMs: FAST_RETRY,
      onStreamError: (error) => streamErrors.push(error),
      onUnauthorized: (error) => refused.push(error),
    });
    const error = await caught(api.getState({}));
    expect(error.status).toBe(401);
    expect(error.message).toContain('bearer token');
    expect(refused).toHaveLength(1);

    const events = listen(api);
    await expect.poll(() => refused.length).toBe(2);
    // A refused token is final: no retries that could only be refused again.
    await new Promise((r) => setTimeout(r, FAST_RETRY.max * 5));
    events.unsubscribe();
    expect(refused).toHaveLength(2);
    expect(refused[1]).toMatchObject({ status: 401 });
    expect(streamErrors).toEqual([]);
    expect(events.events).toEqual([]);
  });

  it('reports an unreachable server as a readable error', async () => {
    const port = await freePort();
    const api = createHttpApi({ baseUrl: `http://127.0.0.1:${port}`, token: TOKEN });
    const error = await api.getState({}).then(
      () => new Error('no error'),
      (err: unknown) => err as Error,
    );
    expect(error).not.toBeInstanceOf(ApiError);
    expect(error.message).toMatch(
      new RegExp(
        `^cannot reach the Solvewatch server at http://127.0.0.1:${port} \\(GET /api/state\\): .*ECONNREFUSED`,
      ),
    );
  });
});

describe('live events from the HTTP client', () => {
  it('receives the snapshot, then a monitor event after checkNow', async () => {
    const { target, headless } = await fixtures();
    const api = createHttpApi({ baseUrl: headless.server.url, token: TOKEN });
    const events = listen(api);
    const snapshot = await events.next('snapshot');
    expect(snapshot.state.monitors.map((m) => m.id)).toEqual(['api']);

    target.setResponse({ status: 500, body: 'boom' });
    await api.checkNow({ id: 'api' });
    const { monitor, overall } = await events.next('monitor');
    expect(monitor).toMatchObject({ id: 'api', state: 'critical' });
    expect(monitor.summary).toContain('500');
    expect(overall).toBe('critical');
  });

  it('stops delivering and closes the stream on unsubscribe', async () => {
    const { headless } = await fixtures();
    const recorder = recordingFetch();
    const errors: Error[] = [];
    const api = createHttpApi({
      baseUrl: headless.server.url,
      token: TOKEN,
      fetch: recorder.fetch,
      onStreamError: (error) => errors.push(error),
    });
    const stopped = listen(api);
    const still = listen(api);
    await stopped.next('snapshot');
    await still.next('snapshot');

    stopped.unsubscribe();
    expect(recorder.sent[0]?.signal?.aborted).toBe(true);
    await api.checkNow({ id: 'api' });
    await still.next('monitor');
    expect(stopped.events.map((e) => e.type)).toEqual(['snapshot']);
    expect(errors).toEqual([]);
  });

  it('reconnects after the server restarts and gets a fresh snapshot', async () => {
    const { headless } = await fixtures();
    const port = Number(new URL(headless.server.url).port);
    const errors: string[] = [];
    const api = createHttpApi({
      baseUrl: headless.server.url,
      token: TOKEN,
      retryDelayMs: FAST_RETRY,
      onStreamError: (error) => errors.push(error.message),
    });
    const events = listen(api);
    await events.next('snapshot');

    await headless.stop();
    await expect.poll(() => errors.some((e) => e.startsWith('cannot reach'))).toBe(true);
    await startServe({ monitors: [{ id: 'after-restart', type: 'heartbeat', periodSeconds: 60 }] }, port);
    const fresh = await events.next('snapshot');
    expect(fresh.state.monitors.map((m) => m.id)).toEqual(['after-restart']);
    expect(errors[0]).toBe('the event stream ended');
  });
});

describe('the event stream against a scripted server', () => {
  /** Answers each connection to /api/events with the next script. */
  async function scriptedServer(scripts: Array<(res: ServerResponse) => void>) {
    const seen: Array<string | undefined> = [];
    let closed = 0;
    const server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.on('close', () => closed++);
      const script = scripts.shift();
      if (script) script(res);
      else res.writeHead(503).end();
    });
    server.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    cleanups.push(
      () =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(resolve);
        }),
    );
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      seen,
      get closed() {
        return closed;
      },
    };
  }

  const sse = (res: ServerResponse, text: string, end: boolean) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(text);
    if (end) res.end();
  };
  const frame = (event: EngineEvent) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
  const snapshot = (now: number) => ({ type: 'snapshot', state: { now } }) as unknown as EngineEvent;

  function client(url: string, options: Partial<HttpApiOptions> = {}) {
    const delays: number[] = [];
    const errors: Error[] = [];
    const api = createHttpApi({
      baseUrl: url,
      token: TOKEN,
      retryDelayMs: FAST_RETRY,
      onStreamError: (error, retryInMs) => {
        errors.push(error);
        delays.push(retryInMs);
      },
      ...options,
    });
    return { api, delays, errors };
  }

  it('reconnects when the stream ends or fails, backing off up to the maximum and resetting after a good connection', async () => {
    const unavailable = (res: ServerResponse) =>
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"warming up"}');
    const server = await scriptedServer([
      unavailable,
      (res) => res.writeHead(500).end('<html>oops</html>'),
      unavailable,
      unavailable,
      (res) => sse(res, `: hello\n\n${frame(snapshot(1))}`, true),
      (res) => sse(res, 'data: not json\n\n', true),
      (res) => sse(res, frame(snapshot(2)), false),
    ]);
    const { api, delays, errors } = client(server.url);
    const events = listen(api);
    await events.next('snapshot', (e) => e.state.now === 1);
    await events.next('snapshot', (e) => e.state.now === 2);

    expect(errors.map((e) => e.message)).toEqual([
      'warming up',
      'HTTP 500 Internal Server Error',
      'warming up',
      'warming up',
      'the event stream ended',
      'the event stream ended',
    ]);
    expect(errors[0]).toMatchObject({ status: 503 });
    expect(delays).toEqual([5, 10, 20, 20, 5, 10]);
    expect(new Set(server.seen)).toEqual(new Set([`Bearer ${TOKEN}`]));
  });

  it('delivers nothing more once unsubscribed from inside a listener, even from the same chunk', async () => {
    const server = await scriptedServer([(res) => sse(res, frame(snapshot(1)) + frame(snapshot(2)), false)]);
    const { api, errors } = client(server.url);
    const received: EngineEvent[] = [];
    const unsubscribe = api.subscribe((event) => {
      received.push(event);
      unsubscribe();
    });
    await expect.poll(() => server.closed).toBe(1);
    expect(received).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('stops reconnecting once unsubscribed while waiting to retry', async () => {
    const server = await scriptedServer([(res) => sse(res, frame(snapshot(1)), true)]);
    let unsubscribe = () => {};
    const { api } = client(server.url, { onStreamError: () => unsubscribe() });
    const events = listen(api);
    unsubscribe = events.unsubscribe;
    await events.next('snapshot');
    await expect.poll(() => server.closed).toBe(1);
    // Absence cannot be awaited: give it many retry periods (FAST_RETRY.max is 20 ms).
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.seen).toHaveLength(1);
  });

  it('keeps the stream when a listener throws, and reports the error', async () => {
    const twoSnapshots = (res: ServerResponse) => sse(res, frame(snapshot(1)) + frame(snapshot(2)), false);
    const server = await scriptedServer([twoSnapshots, twoSnapshots]);
    const { api } = client(server.url);
    const report = vi.spyOn(console, 'error').mockImplementation(() => {});
    cleanups.push(() => report.mockRestore());
    const events = listen(api);
    cleanups.push(
      api.subscribe(() => {
        throw new Error('listener bug');
      }),
    );
    await events.next('snapshot', (e) => e.state.now === 2);
    await expect.poll(() => report.mock.calls.length).toBe(2);
    expect(report.mock.calls[0]?.[0]).toMatchObject({ message: 'listener bug' });
  });
});
