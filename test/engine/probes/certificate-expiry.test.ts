import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CallbackHealthMonitorSchema,
  HttpMonitorSchema,
  type MonitorConfig,
} from '../../../src-main/api/config-schema.ts';
import { probeCallbackHealth } from '../../../src-main/engine/probes/callback-health.ts';
import { probeHttp } from '../../../src-main/engine/probes/http.ts';
import { rulesFor } from '../../../src-main/engine/rules/default-rules.ts';
import { evaluateRules } from '../../../src-main/engine/rules/evaluate-rules.ts';
import { type LoopbackServer, listenLoopback, send } from '../../../src-main/fakes/loopback-server.ts';
import { makeTestCa, type TestCa } from '../http/test-certificates.ts';
import { httpClientForFile, probeContext } from './probe-test-context.ts';

const http = httpClientForFile();
const servers: LoopbackServer[] = [];
let ca: TestCa;
let soonServer: LoopbackServer;
let expiredServer: LoopbackServer;

const HEALTH = JSON.stringify({ status: 'healthy', error_rate: 0, total_received: 10 });

beforeAll(async () => {
  ca = makeTestCa();
  const answer = (body: string) => (_req: unknown, res: Parameters<typeof send>[0]) =>
    send(res, 200, 'application/json', body);
  soonServer = await listenLoopback(answer(HEALTH), ca.issue('soon.test', 5));
  expiredServer = await listenLoopback(answer(HEALTH), ca.issue('expired.test', -1));
  servers.push(soonServer, expiredServer);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  ca.remove();
});

const ctx = () => probeContext(http, { now: () => Date.now() });

const httpMonitor = (url: string, fields: Record<string, unknown> = {}) =>
  HttpMonitorSchema.parse({ id: 'web', type: 'http', url, timeoutMs: 5000, ...fields });

const judge = (monitor: MonitorConfig, sample: Parameters<typeof evaluateRules>[1]) =>
  evaluateRules(rulesFor(monitor), sample);

describe('certificate expiry', () => {
  it('reads days left, valid-to, issuer and subject of a certificate trusted through tls.ca', async () => {
    const monitor = httpMonitor(`${soonServer.origin}/`, { tls: { ca: ca.caPath } });
    const sample = await probeHttp(monitor, ctx());
    expect(sample.status).toBe('up');
    expect(sample.values).toMatchObject({
      cert_issuer: 'CN=Solvewatch Test CA',
      cert_subject: 'CN=soon.test',
    });
    expect(sample.values.cert_days_left).toBeGreaterThan(4.9);
    expect(sample.values.cert_days_left).toBeLessThanOrEqual(5);
    expect(Date.parse(String(sample.values.cert_valid_to))).toBeGreaterThan(Date.now());
  });

  it('warns below certWarnDays (14 by default) with the certificate rule', async () => {
    const monitor = httpMonitor(`${soonServer.origin}/`, { tls: { ca: ca.caPem } });
    const result = judge(monitor, await probeHttp(monitor, ctx()));
    expect(result.state).toBe('warning');
    expect(result.results.find((r) => r.ruleId === 'certificate')?.breached).toBe(true);
    expect(result.results.find((r) => r.ruleId === 'certificate-critical')?.breached).toBe(false);
  });

  it('is critical below certCriticalDays', async () => {
    const monitor = httpMonitor(`${soonServer.origin}/`, { tls: { ca: ca.caPath }, certCriticalDays: 7 });
    expect(judge(monitor, await probeHttp(monitor, ctx())).state).toBe('critical');
  });

  it('switches off with disableRules: ["certificate"] or null thresholds', async () => {
    const off = httpMonitor(`${soonServer.origin}/`, {
      tls: { ca: ca.caPath },
      certCriticalDays: 7,
      disableRules: ['certificate'],
    });
    expect(judge(off, await probeHttp(off, ctx())).state).toBe('ok');
    const nulls = httpMonitor(`${soonServer.origin}/`, {
      tls: { ca: ca.caPath },
      certWarnDays: null,
      certCriticalDays: null,
    });
    expect(judge(nulls, await probeHttp(nulls, ctx())).state).toBe('ok');
  });

  it('reports an expired certificate as down with a readable TLS reason', async () => {
    const monitor = httpMonitor(`${expiredServer.origin}/`, { tls: { ca: ca.caPath } });
    const sample = await probeHttp(monitor, ctx());
    expect(sample).toMatchObject({ status: 'down', errorKind: 'tls' });
    expect(sample.error).toContain('certificate has expired');
  });

  it('still reads expiry with tls.insecure: an expired certificate is critical', async () => {
    const monitor = httpMonitor(`${expiredServer.origin}/`, { tls: { insecure: true } });
    const sample = await probeHttp(monitor, ctx());
    expect(sample.status).toBe('up');
    expect(sample.values.cert_days_left).toBeLessThan(0);
    expect(judge(monitor, sample)).toMatchObject({ state: 'critical' });
  });

  it('reads the certificate of a callback-health endpoint next to its metrics', async () => {
    const monitor = CallbackHealthMonitorSchema.parse({
      id: 'cb',
      type: 'callback-health',
      url: `${soonServer.origin}/health`,
      timeoutMs: 5000,
      tls: { ca: ca.caPath },
    });
    const sample = await probeCallbackHealth(monitor, ctx());
    expect(sample.values).toMatchObject({ error_rate: 0, total_received: 10, cert_subject: 'CN=soon.test' });
    const result = judge(monitor, sample);
    expect(result.state).toBe('warning');
    expect(result.summary).toContain('cert_days_left');
  });
});

describe('certificate rules', () => {
  it('apply to https URLs only, with the thresholds written into the conditions', () => {
    const https = httpMonitor('https://example.test/', { certWarnDays: 21 });
    expect(rulesFor(https).filter((r) => r.id.startsWith('certificate'))).toMatchObject([
      { id: 'certificate', when: '[VALUE].cert_days_left < 21', severity: 'warning', threshold: 21 },
      { id: 'certificate-critical', when: '[VALUE].cert_days_left < 3', severity: 'critical', threshold: 3 },
    ]);
    expect(rulesFor(httpMonitor('http://example.test/')).map((r) => r.id)).not.toContain('certificate');
  });

  it('refuses a tls option it does not know, naming the field', () => {
    const r = HttpMonitorSchema.safeParse({
      id: 'w',
      type: 'http',
      url: 'https://x.test/',
      tls: { verify: 0 },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['tls']);
  });
});
