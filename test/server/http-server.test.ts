import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it } from 'vitest';
import type { MonitorStatus, StateSnapshot } from '../../src-main/api/contract.ts';
import { startFakeCaptchaAi } from '../../src-main/fakes/captchaai-server.ts';
import { startHttpTarget } from '../../src-main/fakes/http-target.ts';
import { StartupError, serve } from '../../src-main/server/serve.ts';
import { serveOnLoopback } from '../support/serve-on-loopback.ts';
import { openSse } from '../support/sse-reader.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const API_KEY = 'SECRETKEY0123456789abcdef';
const tempDir = temporaryDirs();
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startHeadless(config: unknown, env: NodeJS.ProcessEnv = {}) {
  const dataDir = tempDir();
  const { headless, configPath } = await serveOnLoopback(dataDir, config, { env });
  cleanups.push(() => headless.stop());
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    token: string | null = headless.token,
  ) => {
    const res = await fetch(headless.server.url + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {}
    return { status: res.status, json: json as Record<string, unknown>, text, headers: res.headers };
  };
  return { headless, call, configPath, dataDir };
}

async function fixtures() {
  const target = await startHttpTarget();
  const captcha = await startFakeCaptchaAi();
  captcha.validKeys.add(API_KEY);
  captcha.setBalance(8.42);
  cleanups.push(
    () => target.close(),
    () => captcha.close(),
  );
  const config = {
    monitors: [
      { id: 'api', type: 'http', url: target.url, intervalSeconds: 3600 },
      {
        id: 'balance',
        type: 'balance',
        provider: 'captchaai',
        baseUrl: captcha.url,
        apiKey: API_KEY,
        intervalSeconds: 3600,
      },
      { id: 'worker', type: 'heartbeat', periodSeconds: 60, token: 'beat-token-1' },
    ],
  };
  return { target, captcha, config };
}

describe('solvewatch serve', () => {
  it('generates a private token file and refuses API calls without the right bearer token', async () => {
    const { call, dataDir, headless } = await startHeadless({ monitors: [] });
    expect(statSync(join(dataDir, 'token')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dataDir, 'token'), 'utf8').trim()).toBe(headless.token);
    for (const path of ['/api/state', '/api/config', '/metrics', '/api/events']) {
      expect((await call('GET', path, undefined, null)).status).toBe(401);
      expect((await call('GET', path, undefined, 'wrong-token')).status).toBe(401);
    }
    expect((await call('GET', '/healthz', undefined, null)).status).toBe(200);
    expect((await call('GET', '/api/state')).status).toBe(200);
  });

  it('takes the token from SOLVEWATCH_TOKEN when set', async () => {
    const { headless, call } = await startHeadless(
      { monitors: [] },
      { SOLVEWATCH_TOKEN: 'from-the-environment' },
    );
    expect(headless.token).toBe('from-the-environment');
    expect((await call('GET', '/api/state', undefined, 'from-the-environment')).status).toBe(200);
  });

  it('answers only requests addressed to a loopback host name (DNS rebinding)', async () => {
    const { headless } = await startHeadless({ monitors: [] });
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${headless.server.url}/healthz`,
        { headers: { host: 'evil.example:80' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('reports state after a check and exposes history per monitor', async () => {
    const { config } = await fixtures();
    const { call } = await startHeadless(config);
    expect((await call('POST', '/api/check', {})).json).toEqual({ checked: ['api', 'balance', 'worker'] });
    const state = (await call('GET', '/api/state')).json as unknown as StateSnapshot;
    const byId = Object.fromEntries(state.monitors.map((m) => [m.id, m]));
    expect(byId.api?.state).toBe('ok');
    expect(byId.balance?.state).toBe('warning');
    expect(byId.balance?.value).toBe(8.42);
    expect(byId.balance?.summary).toContain('8.42');
    expect(byId.worker?.state).toBe('unknown');
    expect(state.overall).toBe('warning');

    const history = await call('GET', '/api/monitors/api/history?window=1h');
    expect(history.status).toBe(200);
    expect(history.json.summary).toMatchObject({ checks: 1, uptime: 1 });
    expect((await call('GET', '/api/monitors/nope/history')).status).toBe(404);
    const badWindow = await call('GET', '/api/monitors/api/history?window=5y');
    expect(badWindow.status).toBe(400);
    expect(JSON.stringify(badWindow.json.issues)).toContain('window');
    expect((await call('POST', '/api/check', { id: 'nope' })).status).toBe(404);
    expect((await call('DELETE', '/api/state')).status).toBe(405);
    expect((await call('GET', '/api/nothing-here')).status).toBe(404);
    expect((await call('GET', '/push/%E0%A4%A', undefined, null)).status).toBe(400);
    const viaQuery = await call('GET', '/api/monitors/api/history?id=balance&window=1h');
    expect(viaQuery.json.id).toBe('api');
  });

  it('refuses an invalid config with the field path and saves nothing', async () => {
    const { config } = await fixtures();
    const { call, configPath } = await startHeadless(config);
    const before = readFileSync(configPath, 'utf8');
    const bad = { monitors: [{ ...config.monitors[0], intervalSeconds: 0 }] };
    const res = await call('PUT', '/api/config', bad);
    expect(res.status).toBe(400);
    expect(res.json.issues).toContainEqual({ path: 'monitors[0].intervalSeconds', message: 'must be ≥ 1' });
    expect(readFileSync(configPath, 'utf8')).toBe(before);
    expect((await call('PUT', '/api/config', '{not json')).status).toBe(400);
    const validated = await call('POST', '/api/config/validate', bad);
    expect(validated.status).toBe(200);
    expect(validated.json.ok).toBe(false);
    const state = (await call('GET', '/api/state')).json as unknown as StateSnapshot;
    expect(state.monitors.map((m) => m.id)).toEqual(['api', 'balance', 'worker']);
  });

  it('answers a config body over 5 MiB 413, saves nothing and keeps serving', async () => {
    const { config } = await fixtures();
    const { call, configPath } = await startHeadless(config);
    const before = readFileSync(configPath, 'utf8');
    const huge = { ...config, pad: 'x'.repeat(6 * 1_048_576) };
    const res = await call('PUT', '/api/config', huge);
    expect(res.status).toBe(413);
    expect(res.json.error).toBe('request body too large (limit 5 MiB)');
    expect(readFileSync(configPath, 'utf8')).toBe(before);
    expect((await call('GET', '/api/state')).status).toBe(200);
  });

  it('masks secrets in the config it returns and keeps them when the masked config is saved back', async () => {
    const { config } = await fixtures();
    const withHeaders = {
      ...config,
      monitors: config.monitors.map((m) =>
        m.id === 'api'
          ? { ...m, headers: { Authorization: 'Bearer HEADERSECRET123', Accept: 'application/json' } }
          : m,
      ),
    };
    const { call, configPath } = await startHeadless(withHeaders);
    const got = await call('GET', '/api/config');
    for (const secret of [API_KEY, 'HEADERSECRET123', 'beat-token-1']) expect(got.text).not.toContain(secret);
    const cfg = got.json as { monitors: Array<Record<string, unknown>> };
    expect(cfg.monitors[1]?.apiKey).toEqual({ stored: true });
    expect(cfg.monitors[0]?.headers).toEqual({ Authorization: '<stored>', Accept: 'application/json' });
    expect(cfg.monitors[2]?.token).toBe('<stored>');

    cfg.monitors.push({ id: 'api2', type: 'http', url: 'http://127.0.0.1:9/x', intervalSeconds: 3600 });
    expect((await call('PUT', '/api/config', cfg)).status).toBe(200);
    const saved = JSON.parse(readFileSync(configPath, 'utf8'));
    expect(saved.monitors[1].apiKey).toBe(API_KEY);
    expect(saved.monitors[0].headers.Authorization).toBe('Bearer HEADERSECRET123');
    expect(saved.monitors[2].token).toBe('beat-token-1');
    expect(saved.monitors).toHaveLength(4);
    const state = (await call('GET', '/api/state')).json as unknown as StateSnapshot;
    expect(state.monitors.map((m) => m.id)).toContain('api2');

    const orphan = { monitors: [{ ...config.monitors[1], id: 'other', apiKey: { stored: true } }] };
    const refused = await call('PUT', '/api/config', orphan);
    expect(refused.status).toBe(400);
    expect(refused.json.issues).toContainEqual(expect.objectContaining({ path: 'monitors[0].apiKey' }));
  });

  it('streams a state change to a listener without polling', async () => {
    const { config, target } = await fixtures();
    const { call, headless } = await startHeadless(config);
    const sse = await openSse(`${headless.server.url}/api/events`, headless.token);
    cleanups.push(async () => sse.close());
    expect(sse.contentType).toContain('text/event-stream');
    const first = await sse.next((e) => e.event === 'snapshot');
    expect((first.data as { state: StateSnapshot }).state.monitors).toHaveLength(3);

    target.setResponse({ status: 500, body: 'boom' });
    await call('POST', '/api/check', { id: 'api' });
    const event = await sse.next((e) => e.event === 'monitor');
    const monitor = (event.data as { monitor: MonitorStatus }).monitor;
    expect(monitor.id).toBe('api');
    expect(monitor.state).toBe('critical');
    expect(monitor.summary).toContain('500');
  });

  it('records heartbeats only with the monitor token', async () => {
    const { config } = await fixtures();
    const { call } = await startHeadless(config);
    expect((await call('POST', '/push/worker', undefined, null)).status).toBe(403);
    expect((await call('GET', '/push/worker?token=wrong', undefined, null)).status).toBe(403);
    expect((await call('GET', '/push/nope', undefined, null)).status).toBe(404);
    expect((await call('GET', '/push/api', undefined, null)).status).toBe(404);
    expect((await call('POST', '/push/worker?token=beat-token-1', undefined, null)).status).toBe(200);
    await call('POST', '/api/check', { id: 'worker' });
    const state = (await call('GET', '/api/state')).json as unknown as StateSnapshot;
    expect(state.monitors.find((m) => m.id === 'worker')?.state).toBe('ok');
  });

  it('serves Prometheus metrics a Prometheus parser reads, without secrets', async () => {
    const { config } = await fixtures();
    const { call } = await startHeadless(config);
    await call('POST', '/api/check', {});
    const res = await call('GET', '/metrics');
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.text).not.toContain(API_KEY);
    const families = parsePrometheusTextFormat(res.text);
    const metric = (name: string, monitor: string) =>
      families
        .find((f) => f.name === name)
        ?.metrics.find((m) => 'labels' in m && m.labels?.monitor === monitor);
    expect(metric('solvewatch_monitor_up', 'api')).toMatchObject({ value: '1' });
    expect(metric('solvewatch_monitor_state', 'balance')).toMatchObject({ value: '1' });
    expect(metric('solvewatch_monitor_state', 'worker')).toMatchObject({ value: '-1' });
    expect(metric('solvewatch_balance', 'balance')).toMatchObject({ value: '8.42' });
    expect(
      Number((metric('solvewatch_check_latency_seconds', 'api') as { value: string }).value),
    ).toBeGreaterThan(0);
    const single = (name: string) => families.find((f) => f.name === name)?.metrics[0]?.value;
    expect(single('solvewatch_offline')).toBe('0');
    expect(single('solvewatch_alerts_firing')).toBe('0');
    expect(single('solvewatch_overall_state')).toBe('1');
  });

  it('keeps a rejected API key out of state, history, errors and the database file', async () => {
    const { config, captcha } = await fixtures();
    captcha.validKeys.clear();
    const { call, headless, dataDir } = await startHeadless(config);
    await call('POST', '/api/check', { id: 'balance' });
    const state = await call('GET', '/api/state');
    const balance = (state.json as unknown as StateSnapshot).monitors.find((m) => m.id === 'balance');
    expect(balance?.state).toBe('critical');
    expect(balance?.summary).toMatch(/rejected/i);
    const history = await call('GET', '/api/monitors/balance/history?window=1h');
    await headless.stop();
    const db = readFileSync(join(dataDir, 'history.sqlite'));
    for (const text of [state.text, history.text, db.toString('latin1')]) expect(text).not.toContain(API_KEY);
  });

  it('refuses to start on an invalid config file, naming the field', async () => {
    const dataDir = tempDir();
    const configPath = join(dataDir, 'bad.json');
    writeFileSync(configPath, JSON.stringify({ monitors: [{ id: 'x', type: 'http', url: 'ftp://nope' }] }));
    const attempt = serve({
      configPath,
      dataDir,
      host: '127.0.0.1',
      port: 0,
      uiDir: null,
      env: {},
      log: () => {},
    });
    await expect(attempt).rejects.toThrow(StartupError);
    await expect(attempt).rejects.toThrow('monitors[0].url: must be an http:// or https:// URL');
  });

  it('serves alerts, snoozes and test notifications, validating their input', async () => {
    const { config } = await fixtures();
    const { call } = await startHeadless({ ...config, alerts: { failThreshold: 1 } });
    await call('POST', '/api/check', {});
    const alerts = await call('GET', '/api/alerts?limit=10');
    expect(alerts.status).toBe(200);
    expect(alerts.json.firing).toMatchObject([{ monitorId: 'balance', severity: 'warning' }]);
    expect((await call('GET', '/api/alerts?limit=0')).status).toBe(400);

    const bad = await call('POST', '/api/snooze', { minutes: -5 });
    expect(bad.status).toBe(400);
    expect(bad.json.issues).toContainEqual({ path: 'minutes', message: 'must be > 0' });
    const snoozed = await call('POST', '/api/snooze', { monitorId: 'balance', minutes: 60 });
    expect(snoozed.status).toBe(200);
    expect(Object.keys(snoozed.json.monitors as object)).toEqual(['balance']);
    expect((await call('POST', '/api/snooze/resume', { monitorId: 'balance' })).json.monitors).toEqual({});

    const test = await call('POST', '/api/notifications/test', { channel: 'discord' });
    expect(test.status).toBe(409);
    expect(test.json.error).toBe('the discord channel is not configured');
    expect((await call('POST', '/api/notifications/test', { channel: 'pager' })).status).toBe(400);
    const summary = await call('GET', '/api/summary');
    expect(summary.json).toMatchObject({ checks: 3, incidents: 1 });
  });
});
