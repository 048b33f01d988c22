import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TcpMonitorSchema } from '../../../src-main/api/config-schema.ts';
import { runProbe } from '../../../src-main/engine/probes/run-probe.ts';
import { probeTcp } from '../../../src-main/engine/probes/tcp.ts';
import { rulesFor } from '../../../src-main/engine/rules/default-rules.ts';
import { evaluateRules } from '../../../src-main/engine/rules/evaluate-rules.ts';
import { makeTestCa, type TestCa } from '../http/test-certificates.ts';
import { httpClientForFile, probeContext } from './probe-test-context.ts';

const http = httpClientForFile();
const servers: Array<{ server: Server; sockets: Set<Socket> }> = [];
let ca: TestCa;

beforeAll(() => {
  ca = makeTestCa();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map(closeServer));
});
afterAll(() => ca.remove());

async function listen(server: Server): Promise<number> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.once('close', () => sockets.delete(s));
  });
  servers.push({ server, sockets });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

function closeServer({ server, sockets }: { server: Server; sockets: Set<Socket> }): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    for (const s of sockets) s.destroy();
  });
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const address = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

const tcp = (fields: Record<string, unknown>) =>
  TcpMonitorSchema.parse({ id: 'redis', type: 'tcp', host: '127.0.0.1', timeoutMs: 2000, ...fields });
const ctx = () => probeContext(http, { now: () => Date.now() });

describe('tcp probe', () => {
  it('reports a port that accepts connections as up, with the time to connect', async () => {
    const port = await listen(createServer((s) => s.end()));
    const sample = await runProbe(tcp({ port }), ctx());
    expect(sample).toMatchObject({ monitorId: 'redis', status: 'up', values: {} });
    expect(sample.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('reports a closed port as down with a readable reason', async () => {
    const port = await closedPort();
    const sample = await probeTcp(tcp({ port }), ctx());
    expect(sample).toMatchObject({
      status: 'down',
      errorKind: 'refused',
      error: `connection refused by 127.0.0.1:${port}`,
      latencyMs: null,
    });
  });

  it('reports a server that never finishes the TLS handshake as a timeout naming the handshake', async () => {
    const port = await listen(createServer(() => undefined));
    const sample = await probeTcp(tcp({ port, tls: true, timeoutMs: 300 }), ctx());
    expect(sample).toMatchObject({
      status: 'down',
      errorKind: 'timeout',
      error: `TLS handshake with 127.0.0.1:${port} not complete within 300 ms`,
    });
  });

  it('reports a plain TCP port checked with tls as a TLS failure', async () => {
    const port = await listen(createServer((s) => s.end('+PONG\r\n')));
    const sample = await probeTcp(tcp({ port, tls: true }), ctx());
    expect(sample).toMatchObject({ status: 'down' });
    expect(['tls', 'network']).toContain(sample.errorKind);
  });

  it('completes a TLS handshake with a private CA and reads the certificate expiry', async () => {
    const port = await listen(createTlsServer(ca.issue('redis.test', 5), (s) => s.end()));
    const monitor = tcp({ port, tls: { ca: ca.caPath } });
    const sample = await probeTcp(monitor, ctx());
    expect(sample).toMatchObject({ status: 'up', values: { cert_subject: 'CN=redis.test' } });
    expect(sample.values.cert_days_left).toBeGreaterThan(4.9);
    expect(evaluateRules(rulesFor(monitor), sample).state).toBe('warning');
  });

  it('refuses an expired certificate, or reads it with insecure', async () => {
    const port = await listen(createTlsServer(ca.issue('old.test', -1), (s) => s.end()));
    const verified = await probeTcp(tcp({ port, tls: { ca: ca.caPem } }), ctx());
    expect(verified).toMatchObject({ status: 'down', errorKind: 'tls' });
    expect(verified.error).toContain('certificate has expired');
    const insecure = tcp({ port, tls: { insecure: true } });
    const sample = await probeTcp(insecure, ctx());
    expect(sample.values.cert_days_left).toBeLessThan(0);
    expect(evaluateRules(rulesFor(insecure), sample).state).toBe('critical');
  });

  it('has certificate rules only with tls', () => {
    expect(rulesFor(tcp({ port: 6379 })).map((r) => r.id)).toEqual(['down']);
    expect(rulesFor(tcp({ port: 6380, tls: true })).map((r) => r.id)).toEqual([
      'down',
      'certificate',
      'certificate-critical',
    ]);
  });

  it.each([
    [{ host: 'redis://db', port: 6379 }, 'host'],
    [{ port: 70000 }, 'port'],
    [{ port: 6379, tls: 'yes' }, 'tls'],
  ])('refuses %j, naming %s', (fields, field) => {
    const r = TcpMonitorSchema.safeParse({ id: 'r', type: 'tcp', host: '127.0.0.1', ...fields });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path[0]).toBe(field);
  });
});
