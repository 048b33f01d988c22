import { describe, expect, it } from 'vitest';
import { MonitorSchema } from '../../../../src-main/api/config-schema.ts';
import {
  draftFromMonitor,
  idFromName,
  monitorFromDraft,
  newDraft,
} from '../../../../src-renderer/pages/settings/monitor-draft.ts';

describe('the monitor draft', () => {
  it('round-trips an http monitor through the form unchanged', () => {
    const monitor = MonitorSchema.parse({
      id: 'api',
      name: 'API',
      type: 'http',
      url: 'https://example.com/health',
      method: 'POST',
      body: '{"ping":1}',
      headers: { 'X-Env': 'prod' },
      expectStatus: [200, 204],
      latencyWarnMs: 300,
      latencyCriticalMs: null,
      rules: [{ when: '[BODY].ok == true', severity: 'critical' }],
      disableRules: ['latency'],
      failThreshold: 3,
    });
    const { monitor: back, issues } = monitorFromDraft(draftFromMonitor(monitor));
    expect(issues).toEqual([]);
    expect(MonitorSchema.parse(back)).toEqual(monitor);
  });

  it.each([
    {
      id: 'cb',
      type: 'callback-health',
      url: 'https://callbacks.example.com/health',
      tls: { ca: '/etc/ssl/private-ca.pem', insecure: true },
      certWarnDays: 30,
      certCriticalDays: null,
    },
    { id: 'redis', type: 'tcp', host: 'redis.internal', port: 6380, tls: { ca: '/ca.pem' }, certWarnDays: 7 },
    { id: 'db', type: 'tcp', host: '10.0.0.5', port: 5432 },
    { id: 'tls', type: 'tcp', host: 'db.example.com', port: 5433, tls: true },
    { id: 'orders', type: 'heartbeat', periodSeconds: 60, dependsOn: ['api', 'db'], maxRunSeconds: 900 },
  ])('round-trips the TLS, tcp and dependsOn fields of $id through the form unchanged', (input) => {
    const monitor = MonitorSchema.parse(input);
    const { monitor: back, issues } = monitorFromDraft(draftFromMonitor(monitor));
    expect(issues).toEqual([]);
    expect(MonitorSchema.parse(back)).toEqual(monitor);
  });

  it('turns an empty threshold into null, which switches its rule off', () => {
    const draft = {
      ...newDraft('balance'),
      id: 'b',
      warnBelow: '',
      apiKey: { source: 'value' as const, text: 'k', env: '', stored: false, removed: false },
    };
    expect(monitorFromDraft(draft).monitor.warnBelow).toBeNull();
  });

  it('keeps a stored API key as { stored: true } when the field is left empty', () => {
    const draft = draftFromMonitor({
      id: 'b',
      type: 'balance',
      provider: 'captchaai',
      apiKey: { stored: true },
    });
    expect(draft.apiKey).toEqual({ source: 'value', text: '', env: '', stored: true, removed: false });
    expect(monitorFromDraft(draft).monitor.apiKey).toEqual({ stored: true });
  });

  it('reports text that is not a number, and header lines that are not headers, by field', () => {
    const draft = {
      ...newDraft('http'),
      id: 'x',
      url: 'http://a/',
      intervalSeconds: 'soon',
      headers: 'X-Ok: 1\nnot a header',
    };
    expect(monitorFromDraft(draft).issues).toEqual([
      { path: 'intervalSeconds', message: 'must be a number' },
      { path: 'headers', message: 'line 2 must read "Header-Name: value"' },
    ]);
  });

  it.each([
    ['Solver API (EU)', [], 'solver-api-eu'],
    ['Café balance', [], 'cafe-balance'],
    ['API', ['api'], 'api-2'],
    ['!!!', [], 'monitor'],
  ])('makes an id from "%s"', (name, taken, id) => {
    expect(idFromName(name, new Set(taken))).toBe(id);
  });
});
